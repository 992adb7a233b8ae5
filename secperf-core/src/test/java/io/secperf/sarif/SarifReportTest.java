package io.secperf.sarif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.IngestInfo;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.testsupport.SarifMultitool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SarifReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cr3t-Canary-7731";

    @TempDir
    Path dir;

    @Test
    void findingsAndFailedSecurityGatesBecomeRulesAndResultsWithLevelsAndTheTargetAsLocation() throws Exception {
        JsonNode log = JSON.readTree(SarifReport.render(document(Instant.parse("2026-01-01T10:00:00Z"), 12)));

        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = log.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("secperf");
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules).extracting(rule -> rule.path("id").asText())
                .containsExactly("CERT-DAYS", "AUTH-BYPASS", "HSTS-MISSING", "gate:tls.grade");
        JsonNode certDays = rules.get(0);
        assertThat(certDays.path("help").path("text").asText()).isEqualTo("Remediation: Renew the certificate.");
        assertThat(certDays.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(certDays.path("properties").path("security-severity").asText()).isEqualTo("8.0");

        JsonNode results = run.path("results");
        assertThat(results).extracting(r -> r.path("ruleId").asText() + " " + r.path("level").asText())
                .containsExactly("CERT-DAYS error", "AUTH-BYPASS error", "HSTS-MISSING warning",
                        "gate:tls.grade error");
        for (JsonNode result : results) {
            assertThat(result.path("locations").get(0).path("physicalLocation").path("artifactLocation")
                    .path("uri").asText()).isEqualTo("https://shop.example.com:8443/api");
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
        }
        assertThat(results.get(1).path("message").path("text").asText())
                .isEqualTo("GET /orders accepted a request without credentials: status 200.");
        assertThat(results.get(3).path("message").path("text").asText())
                .startsWith("Gate tls.grade >= A failed: tls.grade is B");
    }

    @Test
    void passedAndPerformanceGatesAreNotResults() throws Exception {
        JsonNode results = JSON.readTree(SarifReport.render(document(Instant.now(), 3))).path("runs").get(0)
                .path("results");

        assertThat(results).extracting(r -> r.path("ruleId").asText()).doesNotContain("gate:p95", "gate:auth.bypass");
    }

    @Test
    void fingerprintsAreStableAcrossRunsAndDifferForDifferentFindings() throws Exception {
        List<String> first = fingerprints(document(Instant.parse("2026-01-01T10:00:00Z"), 12));
        List<String> second = fingerprints(document(Instant.parse("2026-03-09T17:30:00Z"), 11));

        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates().allMatch(f -> f.matches("[0-9a-f]{32}"));
    }

    @Test
    void noSecretIsWrittenNotEvenFromTheTargetUrl() throws Exception {
        Path file = dir.resolve("out.sarif");
        SarifReport.write(file, document(Instant.now(), 5));

        String text = Files.readString(file);
        assertThat(text).doesNotContain(SECRET).doesNotContain("alice").contains("\"uri\" : \"https://shop");
    }

    @Test
    void longEvidenceIsCutWithItsLength() throws Exception {
        ResultDocument document = document(Instant.now(), 5).withFindings(List.of(new Finding("FUZZ-5XX",
                Severity.HIGH, "server error 501", "A".repeat(8192), "Validate input.")));

        String message = JSON.readTree(SarifReport.render(document)).path("runs").get(0).path("results").get(0)
                .path("message").path("text").asText();

        assertThat(message).hasSizeLessThan(600).contains("8192 characters in all");
    }

    @Test
    void microsoftsSarifMultitoolFindsNoError() throws Exception {
        Path file = dir.resolve("secperf.sarif");
        SarifReport.write(file, document(Instant.now(), 12));

        assertThat(SarifMultitool.errors(file)).isEmpty();
    }

    @Test
    void theValidatorReallyReportsErrors() throws Exception {
        Path broken = dir.resolve("broken.sarif");
        Files.writeString(broken, "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"message\":{}}]}]}");

        assertThat(SarifMultitool.errors(broken)).isNotEmpty();
    }

    private static List<String> fingerprints(ResultDocument document) throws Exception {
        List<String> prints = new ArrayList<>();
        JSON.readTree(SarifReport.render(document)).path("runs").get(0).path("results").forEach(result ->
                prints.add(result.path("partialFingerprints").path(SarifReport.FINGERPRINT).asText()));
        return prints;
    }

    /** A run against a target whose URL holds credentials, with findings whose numbers change from run to run. */
    private static ResultDocument document(Instant start, int daysLeft) {
        ResultAggregator aggregator = new ResultAggregator();
        long epoch = start.toEpochMilli();
        for (int i = 0; i < 10; i++) {
            aggregator.accept(new Sample(epoch + i * 100L, 20 + i, "GET /orders", "200", "OK", true, "", 100, 50, 20 + i, 0, 1));
        }
        RunResult result = aggregator.finish();
        ResultDocument document = ResultDocument.of(RunInfo.of("checkout", "perf/checkout.jmx",
                "https://alice:" + SECRET + "@shop.example.com:8443/api?token=" + SECRET, "5.6.3", start,
                start.plusSeconds(60), Map.of("password", SECRET)), RunStatus.complete(),
                IngestInfo.live(result.overall().count()), result);
        List<Finding> findings = List.of(
                new Finding("CERT-DAYS", Severity.HIGH, "Certificate expires in " + daysLeft + " days",
                        "notAfter in " + daysLeft + " days", "Renew the certificate"),
                new Finding("AUTH-BYPASS", Severity.CRITICAL, "GET /orders accepted a request without credentials",
                        "status 200", "Require authentication on every protected endpoint"),
                new Finding("HSTS-MISSING", Severity.MEDIUM, "No Strict-Transport-Security", null,
                        "Send Strict-Transport-Security: max-age=63072000"));
        List<GateResult> gates = List.of(
                gate("tls.grade >= A", "tls.grade", GateCategory.SECURITY, GateStatus.FAILED,
                        "tls.grade is B, below A"),
                gate("auth.bypass == 0", "auth.bypass", GateCategory.SECURITY, GateStatus.PASSED, "ok"),
                gate("p95 < 1s", "p95", GateCategory.PERFORMANCE, GateStatus.FAILED, "p95 is 2 s"));
        LabelStats unused = result.overall();
        assertThat(unused.count()).isEqualTo(10);
        return document.withFindings(findings).withGates(gates, null);
    }

    private static GateResult gate(String expression, String metric, GateCategory category, GateStatus status,
                                   String message) {
        return new GateResult("1", 1, expression, metric, category, GateCriticality.FAILURE, false, status, null,
                null, "", expression.substring(expression.indexOf(' ') + 1), null, message);
    }
}
