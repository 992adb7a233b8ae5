package io.secperf.fuzz;

import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.testing.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded mutation is replayable, covers every operator and respects its bounds; no server needed. */
class MutationsTest {

    @TempDir
    Path dir;

    private Fuzzer fuzzer(long seed, int maxBody) throws Exception {
        SecurityConfig config = TestConfigs.parse("""
                target:
                  url: http://127.0.0.1:9/app
                fuzz:
                  seed: %d
                  maxBodyBytes: %d
                  endpoints:
                    - method: POST
                      path: /api/orders?x=1
                      body: {itemId: 1, quantity: 2, note: "hello", tags: [a, b], nested: {deep: true}}
                    - GET /api/items
                """.formatted(seed, maxBody), dir);
        return new Fuzzer(config, Credentials.none());
    }

    @Test
    void sameSeedReplaysTheSameInputsInAnyOrder() throws Exception {
        Fuzzer first = fuzzer(42, 65536);
        Fuzzer second = fuzzer(42, 65536);
        List<FuzzInput> forward = LongStream.range(0, 300).mapToObj(first::replay).toList();
        for (long i = 299; i >= 0; i--) {
            FuzzInput again = second.replay(i);
            FuzzInput original = forward.get((int) i);
            assertThat(again.describe()).isEqualTo(original.describe());
            assertThat(again.body()).isEqualTo(original.body());
            assertThat(again.mutation()).isEqualTo(original.mutation());
        }
    }

    @Test
    void differentSeedsGiveDifferentInputs() throws Exception {
        Fuzzer a = fuzzer(1, 65536);
        Fuzzer b = fuzzer(2, 65536);
        long same = LongStream.range(0, 200).filter(i -> a.replay(i).describe().equals(b.replay(i).describe()))
                .count();
        assertThat(same).isLessThan(40);
    }

    @Test
    void everyOperatorIsUsedAndBoundsHold() throws Exception {
        int maxBody = 8192;
        Fuzzer fuzzer = fuzzer(7, maxBody);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 3000; i++) {
            FuzzInput input = fuzzer.replay(i);
            seen.add(input.mutation());
            assertThat(input.bodyLength()).isLessThanOrEqualTo(maxBody);
            assertThat(input.method()).isNotIn("PUT", "DELETE", "PATCH");
            assertThat(input.pathAndQuery()).startsWith("/app/api/");
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Mutations.names());
    }

    @Test
    void binaryInputIsShownExactlyEscaped() {
        FuzzInput input = new FuzzInput(1, 2, "POST /x", "nul-byte", "POST", "/x", java.util.Map.of(
                "Content-Type", "application/json"), new byte[] {'{', 0, (byte) 0xff, '\\', '}'});
        assertThat(input.describe()).contains("{\\x00\\xff\\\\}").contains("body (5 bytes");
        assertThat(FuzzInput.escape("a".repeat(5000).getBytes(), 100)).hasSizeLessThan(130)
                .endsWith("more bytes)");
    }
}
