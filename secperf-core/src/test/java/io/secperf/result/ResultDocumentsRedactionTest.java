package io.secperf.result;

import io.secperf.secret.KnownSecrets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret anywhere in a result document (label, status, finding, property) is masked; numbers stay exact. */
class ResultDocumentsRedactionTest {

    private static final String SECRET = "Rd9-canary-Zx42";

    @Test
    void everyTextIsMaskedAndTheStatisticsAreUnchanged() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 500; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i * 10L, 5 + i % 97, i % 2 == 0 ? "login " + SECRET
                    : "items", "200", "OK", true, "", 100, 10, 1, 0, 2));
        }
        ResultDocument document = ResultDocument.of(RunInfo.of("plan", "plan.jmx", "http://h/", "5.6.3",
                        Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_010_000L),
                        Map.of("user", "u-" + SECRET)), RunStatus.failed("cannot reach http://h/?k=" + SECRET),
                IngestInfo.live(500), aggregator.finish())
                .withFindings(List.of(new Finding("X-1", Severity.HIGH, "echo " + SECRET, "saw " + SECRET, "fix")));
        KnownSecrets secrets = KnownSecrets.of(List.of(SECRET));

        ResultDocument masked = ResultDocuments.redacted(document, secrets::redact);

        String json = ResultDocuments.toJson(masked);
        assertThat(json).doesNotContain(SECRET).contains("login ****[15 chars]").contains("u-****[15 chars]");
        assertThat(masked.findings().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(masked.result().overall().count()).isEqualTo(500);
        assertThat(masked.result().label("login ****[15 chars]").p95Ms()).isEqualTo(document.result()
                .label("login " + SECRET).p95Ms());
        ResultDocument clean = document.withFindings(List.of());
        assertThat(ResultDocuments.redacted(clean, KnownSecrets.of(List.of("not-in-there"))::redact))
                .as("nothing to mask: the same document").isSameAs(clean);
    }
}
