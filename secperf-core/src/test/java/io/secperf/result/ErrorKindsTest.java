package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorKindsTest {

    private static final long T = 1_700_000_000_000L;

    private static Sample failed(String label, long start, String code, String message) {
        return new Sample(start, 5, label, code, message, false, "", 0, 0, 0, 0, 1);
    }

    private static Sample unknownHost(String label, long start) {
        return failed(label, start, "Non HTTP response code: java.net.UnknownHostException",
                "Non HTTP response message: jakarta.apache.org: Name or service not known");
    }

    @Test
    void normalisationFoldsNumbersIdsHexUuidsAndPortsButKeepsWordsAndIpAddresses() {
        assertThat(ErrorKinds.normalise("Read timed out after 3000 ms"))
                .isEqualTo(ErrorKinds.normalise("Read timed out after 17 ms"))
                .isEqualTo("Read timed out after <n> ms");
        assertThat(ErrorKinds.normalise("Connect to 127.0.0.1:18080 [/127.0.0.1] failed: Connection refused"))
                .isEqualTo("Connect to 127.0.0.1:<port> [/127.0.0.1] failed: Connection refused");
        assertThat(ErrorKinds.normalise("session 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b expired"))
                .isEqualTo("session <uuid> expired");
        assertThat(ErrorKinds.normalise("order a81bc9f2d7 not found (trace 0xdeadbeef)"))
                .isEqualTo("order <id> not found (trace <id>)");
        assertThat(ErrorKinds.normalise("request req8f3a9c21 rejected by shop-api.example.com:443"))
                .isEqualTo("request <id> rejected by shop-api.example.com:<port>");
        assertThat(ErrorKinds.normalise("jakarta.apache.org: Name or service not known"))
                .isEqualTo("jakarta.apache.org: Name or service not known");
        assertThat(ErrorKinds.normalise("Test failed: text expected to contain /Welcome/"))
                .isEqualTo("Test failed: text expected to contain /Welcome/");
        assertThat(ErrorKinds.normalise("java.net.UnknownHostException", "jakarta.invalid: Name or service not known"))
                .isEqualTo(ErrorKinds.normalise("java.net.UnknownHostException", "jakarta.invalid"))
                .isEqualTo("jakarta.invalid");
        assertThat(ErrorKinds.normalise("line1\n\t line2")).isEqualTo("line1 line2");
        assertThat(ErrorKinds.normalise("Z".repeat(5000))).hasSize(ErrorKinds.MAX_MESSAGE_CHARS).endsWith("…");
    }

    @Test
    void anUnknownHostIsOneKindWithCodeMessageCountAndExample() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 4; i++) {
            aggregator.accept(unknownHost("home", T + i));
        }
        RunResult result = aggregator.finish();
        ErrorKinds kinds = result.label("home").errorKinds();
        assertThat(kinds.kinds()).containsExactly(new ErrorKind("java.net.UnknownHostException",
                "jakarta.apache.org", 4, "jakarta.apache.org: Name or service not known"));
        assertThat(kinds.others()).isLessThan(16 * 1024);
        assertThat(result.overall().errorKinds()).isEqualTo(kinds);
    }

    @Test
    void oneCauseWithChangingNumbersIsOneRowAndAnAssertionShowsItsFailureMessage() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 30; i++) {
            aggregator.accept(failed("api", T + i, "Non HTTP response code: java.net.SocketTimeoutException",
                    "Non HTTP response message: Read timed out after " + (1000 + i) + " ms"));
        }
        aggregator.accept(new Sample(T, 5, "api", "200", "OK", false, "Test failed: text expected to contain /ok/",
                0, 0, 0, 0, 1));
        aggregator.accept(failed("api", T, "500", "Internal Server Error"));
        ErrorKinds kinds = aggregator.finish().label("api").errorKinds();
        assertThat(kinds.kinds()).extracting(ErrorKind::describe, ErrorKind::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("java.net.SocketTimeoutException: Read timed out after <n> ms",
                        30L),
                org.assertj.core.groups.Tuple.tuple("200: Test failed: text expected to contain /ok/", 1L),
                org.assertj.core.groups.Tuple.tuple("500: Internal Server Error", 1L));
        assertThat(kinds.kinds().get(0).example()).isEqualTo("Read timed out after 1000 ms");
    }

    @Test
    void theTableIsBoundedAndItsTotalsAlwaysAddUp() {
        ResultAggregator aggregator = new ResultAggregator(1, 3600, 1000);
        Random random = new Random(7);
        long errors = 0;
        for (int i = 0; i < 20_000; i++) {
            // every message different in a way normalisation cannot fold: ever-new words
            String word = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).replaceAll("[0-9]", "x");
            aggregator.accept(failed("noisy", T + i % 1000, "500", "broken " + word));
            errors++;
        }
        long before = aggregator.footprintBytes();
        for (int i = 0; i < 20_000; i++) {
            String word = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).replaceAll("[0-9]", "y");
            aggregator.accept(failed("noisy", T + i % 1000, "500", "broken " + word));
            errors++;
        }
        LabelStats stats = aggregator.finish().label("noisy");
        assertThat(stats.errorKinds().kinds()).hasSize(ErrorKinds.CAPACITY);
        assertThat(stats.errorKinds().total()).isEqualTo(stats.errors()).isEqualTo(errors);
        assertThat(stats.errorKinds().others()).isEqualTo(errors - ErrorKinds.CAPACITY);
        // 20,000 further kinds would take megabytes if kept; the aggregator grows by a few KB at most (histograms)
        assertThat(aggregator.footprintBytes() - before).isLessThan(16 * 1024);
    }

    @Test
    void mergingShardsAddsExactCountsAndDoesNotDependOnTheOrder() {
        List<RunResult> shards = new ArrayList<>();
        ResultAggregator all = new ResultAggregator(1, 3600, 1000);
        Random random = new Random(11);
        for (int s = 0; s < 4; s++) {
            ResultAggregator shard = new ResultAggregator(1, 3600, 1000);
            for (int i = 0; i < 2_000; i++) {
                int kind = random.nextInt(6);
                Sample sample = failed("checkout", T + i, kind < 3 ? "50" + kind : "Non HTTP response code: "
                        + "java.net.ConnectException", "cause " + "abcdef".charAt(kind) + " after " + i + " ms");
                shard.accept(sample);
                all.accept(sample);
            }
            shards.add(shard.finish());
        }
        RunResult merged = RunResult.merge(shards);
        List<RunResult> reversed = new ArrayList<>(shards);
        Collections.reverse(reversed);
        assertThat(RunResult.merge(reversed).label("checkout").errorKinds())
                .isEqualTo(merged.label("checkout").errorKinds());
        // no table overflowed: the merge equals one aggregation of all samples, count for count
        assertThat(merged.label("checkout").errorKinds().kinds()).extracting(ErrorKind::code, ErrorKind::message,
                ErrorKind::count).isEqualTo(all.finish().label("checkout").errorKinds().kinds().stream()
                .map(k -> org.assertj.core.groups.Tuple.tuple(k.code(), k.message(), k.count())).toList());
        assertThat(merged.label("checkout").errorKinds().others()).isLessThan(16 * 1024);
        assertThat(merged.overall().errorKinds().total()).isEqualTo(merged.overall().errors());
    }

    @Test
    void aMergeBeyondTheCapacityKeepsTheLargestKindsAndCountsTheRestAsOthers() {
        List<RunResult> shards = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < 3; s++) {
            ResultAggregator shard = new ResultAggregator(1, 3600, 1000);
            for (int k = 0; k < ErrorKinds.CAPACITY; k++) {
                String word = "shard" + "abc".charAt(s) + "kind" + "abcdefghij".charAt(k);
                for (int i = 0; i <= k + s; i++) {
                    shard.accept(failed("l", T, "500", word));
                    total++;
                }
            }
            shards.add(shard.finish());
        }
        ErrorKinds kinds = RunResult.merge(shards).label("l").errorKinds();
        assertThat(kinds.kinds()).hasSize(ErrorKinds.CAPACITY);
        assertThat(kinds.total()).isEqualTo(total);
        assertThat(kinds.kinds().get(0).count()).isEqualTo(ErrorKinds.CAPACITY + 2);
        assertThat(kinds.kinds()).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
    }

    @Test
    void theDocumentKeepsTheKindsAndAnOlderDocumentReadsAsAllOthers() throws Exception {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(unknownHost("home", T));
        ResultDocument document = ResultDocument.of(null, null, null, aggregator.finish());
        String json = ResultDocuments.toJson(document);
        assertThat(json).contains("\"errorKinds\"").contains("java.net.UnknownHostException");
        ResultDocument read = ResultDocuments.fromJson(json, "doc");
        assertThat(read.result().label("home").errorKinds()).isEqualTo(document.result().label("home").errorKinds());

        String old = json.replaceAll("(?s)\"errorKinds\" : \\{.*?\"others\" : 0\\s*},", "");
        assertThat(old).doesNotContain("errorKinds");
        ErrorKinds fromOld = ResultDocuments.fromJson(old, "old").result().label("home").errorKinds();
        assertThat(fromOld.kinds()).isEmpty();
        assertThat(fromOld.others()).isEqualTo(1);

        String damaged = json.replaceFirst("\"count\" : 1,\\s*\"example\"", "\"count\" : 7, \"example\"");
        assertThatThrownBy(() -> ResultDocuments.fromJson(damaged, "bad.json"))
                .hasMessageContaining("bad.json: inconsistent result").hasMessageContaining("error kinds");
    }
}
