package io.secperf.secret;

import io.secperf.result.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The error texts of a failed sample are masked before the aggregator folds them; labels and numbers stay. */
class KnownSecretsErrorTextsTest {

    private static final String SECRET = "letmein:1234";

    @Test
    void aFailedSampleLosesTheSecretInItsErrorTextsAndKeepsEverythingElse() {
        KnownSecrets secrets = KnownSecrets.of(List.of(SECRET));
        Sample failed = new Sample(1_700_000_000_000L, 17, "login " + SECRET, "Non HTTP response code: " + SECRET,
                "bad password " + SECRET, false, "expected " + SECRET, 11, 12, 13, 14, 15);
        Sample masked = secrets.redactErrorTexts(failed);
        assertThat(masked).isEqualTo(new Sample(1_700_000_000_000L, 17, "login " + SECRET,
                "Non HTTP response code: ****[12 chars]", "bad password ****[12 chars]", false,
                "expected ****[12 chars]", 11, 12, 13, 14, 15));
        // each text alone
        assertThat(secrets.redactErrorTexts(new Sample(1, 2, "l", "500", "x", false, SECRET, 0, 0, 0, 0, 1))
                .failureMessage()).isEqualTo("****[12 chars]");
        assertThat(secrets.redactErrorTexts(new Sample(1, 2, "l", SECRET, "x", false, "", 0, 0, 0, 0, 1))
                .responseCode()).isEqualTo("****[12 chars]");
    }

    @Test
    void aCleanOrSuccessfulSampleIsTheSameObject() {
        KnownSecrets secrets = KnownSecrets.of(List.of(SECRET));
        Sample clean = new Sample(1, 2, "login " + SECRET, "500", "Internal Server Error", false, "", 0, 0, 0, 0, 1);
        assertThat(secrets.redactErrorTexts(clean)).isSameAs(clean);
        Sample ok = new Sample(1, 2, "login", "200", "OK " + SECRET, true, "", 0, 0, 0, 0, 1);
        assertThat(secrets.redactErrorTexts(ok)).isSameAs(ok);
        Sample failed = new Sample(1, 2, "login", "401", SECRET, false, "", 0, 0, 0, 0, 1);
        assertThat(KnownSecrets.none().redactErrorTexts(failed)).isSameAs(failed);
    }
}
