package io.secperf.secret;

import io.secperf.result.Sample;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known secret values disappear from any text, in the forms they travel in, and ordinary values are left alone. */
class KnownSecretsTest {

    private static final String SECRET = "p@ss<w0rd>\"x";

    @Test
    void everyEncodingOfTheSecretIsMasked() {
        KnownSecrets secrets = KnownSecrets.of(List.of(SECRET));
        String basic = Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8));
        String text = "raw " + SECRET + " url p%40ss%3Cw0rd%3E%22x json p@ss<w0rd>\\\"x html p@ss&lt;w0rd&gt;&quot;x"
                + " basic " + basic + " b64 " + Base64.getEncoder().encodeToString(SECRET.getBytes(
                        StandardCharsets.UTF_8));
        String masked = secrets.redact(text);
        assertThat(masked).doesNotContain("p@ss").doesNotContain("w0rd").doesNotContain("%3Cw0rd")
                .contains("raw ****[12 chars]");
        // Basic credentials: at most the first and last few Base64 characters, which also depend on "alice:"
        assertThat(masked).doesNotContain(basic.substring(8, 16));
    }

    @Test
    void shortValuesBooleansAndSmallNumbersAreNotSearchedFor() {
        KnownSecrets secrets = KnownSecrets.of(List.of("abc", "true", "3600", "  ", "1234567890123"));
        assertThat(secrets.size()).isEqualTo(1);
        assertThat(secrets.redact("abc true 3600 id 1234567890123")).isEqualTo("abc true 3600 id ****[13 chars]");
        assertThat(KnownSecrets.none().redact("anything")).isEqualTo("anything");
    }

    @Test
    void samplesAreMaskedInEveryTextAndUntouchedWhenClean() {
        KnownSecrets secrets = KnownSecrets.of(List.of("hunter2-secret"));
        Sample echoed = new Sample(1, 2, "login", "200", "Welcome back, hunter2-secret", false,
                "expected hunter2-secret", 3, 4, 5, 6, 7);
        Sample masked = secrets.redact(echoed);
        assertThat(masked.responseMessage()).isEqualTo("Welcome back, ****[14 chars]");
        assertThat(masked.failureMessage()).isEqualTo("expected ****[14 chars]");
        assertThat(masked.elapsed()).isEqualTo(2);
        Sample clean = new Sample(1, 2, "login", "200", "OK", true, "", 3, 4, 5, 6, 7);
        assertThat(secrets.redact(clean)).isSameAs(clean);
    }

    @Test
    void theConsoleStreamMasksASecretPrintedInPiecesWithinALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KnownSecrets secrets = KnownSecrets.of(List.of("hunter2-secret"));
        try (PrintStream out = new PrintStream(new RedactingOutputStream(bytes, () -> secrets,
                StandardCharsets.UTF_8), true, StandardCharsets.UTF_8)) {
            out.print("token hunter2");
            out.print("-secret → done\nnext ");
            out.println("line");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("token ****[14 chars] → done\nnext line"
                + System.lineSeparator());
    }
}
