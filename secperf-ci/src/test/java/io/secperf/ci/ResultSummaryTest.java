package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Finding;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.Severity;

class ResultSummaryTest {

    @TempDir
    Path temp;

    static ResultDocument document(int samples, int errors) {
        ResultAggregator aggregator = new ResultAggregator();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < samples; i++) {
            boolean ok = i >= errors;
            aggregator.accept(new Sample(t0 + i * 10L, 10 + i % 90, i % 2 == 0 ? "home" : "checkout",
                    ok ? "200" : "500", ok ? "OK" : "Server Error", ok, ok ? null : "500", 1000, 100, 5, 1, 4));
        }
        RunInfo run = RunInfo.of("checkout", "perf/checkout.jmx", "https://staging.example.com", "5.6.3",
                Instant.ofEpochMilli(t0), Instant.ofEpochMilli(t0 + samples * 10L), Map.of("threads", "4",
                        "apiToken", "never-shown"));
        return ResultDocument.of(run, RunStatus.complete(), null, aggregator.finish());
    }

    @Test
    void summaryOfARealDocumentWithTheCurrentGateShape() throws IOException {
        ResultDocument doc = document(1000, 10)
                .withGates(List.of(gate("1", "p95 < 800ms", GateStatus.PASSED, "95 ms", "ok"),
                        gate("2", "errors < 0.5%", GateStatus.FAILED, "1.0 %", "errors are 1.0 %")), null)
                .withFindings(List.of(new Finding("tls.weak-cipher", Severity.HIGH, "Weak cipher", "e", "r"),
                        new Finding("hdr.hsts", Severity.LOW, "No HSTS", "e", "r"),
                        new Finding("auth.bypass", Severity.CRITICAL, "Auth bypass", "e", "r")));
        Path file = temp.resolve("secperf-result.json");
        ResultDocuments.write(file, doc);

        ResultSummary s = ResultSummary.read(file);
        assertThat(s.samples()).isEqualTo(1000);
        assertThat(s.errors()).isEqualTo(10);
        assertThat(s.errorRate()).isEqualTo(0.01);
        assertThat(s.p95Ms()).isEqualTo(doc.result().overall().p95Ms()).isPositive();
        assertThat(s.throughput()).isEqualTo(doc.result().overall().throughput());
        assertThat(s.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.validatedBoth()).isFalse();
        assertThat(s.failedGates()).containsExactly("errors < 0.5% (measured 1.0 %)");
        assertThat(s.findings()).containsEntry(Severity.CRITICAL, 1).containsEntry(Severity.HIGH, 1)
                .containsEntry(Severity.LOW, 1).containsEntry(Severity.INFO, 0);
        assertThat(s.topFindings()).extracting(ResultSummary.FindingLine::id)
                .containsExactly("auth.bypass", "tls.weak-cipher", "hdr.hsts");
        assertThat(s.planName()).isEqualTo("checkout");
        assertThat(s.toJson()).doesNotContain("never-shown");
        assertThat(ResultSummary.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void summaryReadsTheVerdictObjectOfTheGateEvaluator() throws IOException {
        ResultDocument doc = document(200, 0);
        String json = ResultDocuments.toJson(doc).replaceFirst(",\\s*\"verdict\" : null", "")
                .replaceFirst("\"gates\" : \\[ \\]",
                "\"gates\" : [ {\"id\":\"1\",\"expression\":\"p95 < 800ms\",\"category\":\"PERFORMANCE\","
                        + "\"status\":\"PASSED\",\"measured\":\"91 ms\"},"
                        + "{\"id\":\"2\",\"expression\":\"tls.cert.daysLeft >= 30 as unstable\",\"category\":\"SECURITY\","
                        + "\"status\":\"UNSTABLE\",\"measured\":\"12 days\"} ],"
                        + "\"verdict\": {\"status\":\"UNSTABLE\",\"validatedBoth\":false,\"summary\":\"UNSTABLE: 1 of 2\"}");
        assertThat(json).contains("\"verdict\": {");
        ResultSummary s = ResultSummary.ofJson(json, "doc");
        assertThat(s.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.verdictLine()).isEqualTo("UNSTABLE: 1 of 2");
        assertThat(s.failedGates()).containsExactly("tls.cert.daysLeft >= 30 as unstable (measured 12 days) [unstable]");

        String passed = json.replace("\"status\":\"UNSTABLE\",\"validatedBoth\":false",
                "\"status\":\"PASSED\",\"validatedBoth\":true");
        ResultSummary p = ResultSummary.ofJson(passed, "doc");
        assertThat(p.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(p.validatedBoth()).isTrue();
    }

    @Test
    void aFailedRunIsAFailedVerdictAndNeverValidatesBoth() throws IOException {
        ResultDocument empty = document(0, 0);
        assertThat(empty.status().state().name()).isEqualTo("FAILED");
        ResultSummary s = ResultSummary.ofJson(ResultDocuments.toJson(empty), "empty");
        assertThat(s.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.runReason()).isEqualTo("no samples were recorded");
        assertThat(s.validatedBoth()).isFalse();
    }

    @Test
    void partialRunIsKeptPartial() throws IOException {
        ResultDocument doc = document(100, 0);
        ResultDocument partial = new ResultDocument(doc.schemaVersion(), doc.generator(), doc.run(),
                RunStatus.partial("stopped by user after 3 s"), doc.ingest(), doc.result(), doc.findings(), doc.gates(), doc.verdict());
        ResultSummary s = ResultSummary.ofJson(ResultDocuments.toJson(partial), "p");
        assertThat(s.runState()).isEqualTo("PARTIAL");
        assertThat(s.samples()).isEqualTo(100);
    }

    @Test
    void rejectsWhatIsNotAResultDocumentOrTooLarge() throws IOException {
        assertThatThrownBy(() -> ResultSummary.ofJson("{\"a\":1}", "x.json"))
                .hasMessage("x.json: not a secperf result document");
        assertThatThrownBy(() -> ResultSummary.ofJson("{", "x.json")).hasMessageStartingWith("x.json: not valid JSON");
        Path huge = temp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(ResultSummary.MAX_RESULT_BYTES + 1);
        }
        assertThatThrownBy(() -> ResultSummary.read(huge)).hasMessageContaining("larger than a result document");
    }

    @Test
    void gatesAndTextsAreCapped() throws IOException {
        List<GateResult> gates = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            gates.add(gate(String.valueOf(i), "p95(label=\"" + "x".repeat(800) + "\") < 1s",
                    GateStatus.PASSED, "1 ms", null));
        }
        ResultSummary s = ResultSummary.ofJson(ResultDocuments.toJson(document(10, 0).withGates(gates, null)), "d");
        assertThat(s.gates()).hasSize(ResultSummary.MAX_GATES);
        assertThat(s.gates().get(0).expression()).hasSize(ResultSummary.MAX_TEXT);
        assertThat(s.toJson().length()).isLessThan(80_000);
        assertThat(s.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void stepResultMapForTheJenkinsfile() throws IOException {
        ResultSummary s = ResultSummary.ofJson(ResultDocuments.toJson(document(100, 0).withGates(List.of(
                gate("1", "errors < 1%", GateStatus.FAILED, "2 %", "too many")), null)), "d");
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_FAILED, s.verdict(), s.failedGates(), FailOn.NEVER);
        Map<String, Object> map = StepResult.toMap(s, o, "secperf-out/secperf-result.json");
        assertThat(map).containsEntry("verdict", "FAILED").containsEntry("validatedBoth", false)
                .containsEntry("buildResult", "SUCCESS").containsEntry("resultPath", "secperf-out/secperf-result.json")
                .containsEntry("samples", 100L);
        assertThat((List<?>) map.get("gates")).hasSize(1);
        assertThat(map.get("failedGates")).asList().containsExactly("errors < 1% (measured 2 %)");
        assertThat(StepResult.toMap(null, o, null)).containsEntry("validatedBoth", false);
    }

    @Test
    void releaseGuardOverRecordedVerdicts() throws IOException {
        ResultSummary failed = ResultSummary.ofJson(ResultDocuments.toJson(document(100, 0).withGates(List.of(
                gate("1", "p95 < 1ms", GateStatus.FAILED, "50 ms", null)), null)), "d");
        assertThat(RecordedVerdictCheck.check(GateStepParameters.Requirement.PASSED, failed, "perf/checkout #7"))
                .hasValueSatisfying(m -> assertThat(m).contains("perf/checkout #7").contains("FAILED")
                        .contains("p95 < 1ms (measured 50 ms)"));
        assertThat(RecordedVerdictCheck.check(GateStepParameters.Requirement.PASSED, null, "this build"))
                .hasValue("release blocked: this build recorded no secperf result");

        String json = ResultDocuments.toJson(document(100, 0)).replaceFirst(",\\s*\"verdict\" : null", "");
        ResultSummary passedPerfOnly = ResultSummary.ofJson(json.replaceFirst("\"gates\" : \\[ \\]",
                "\"gates\":[{\"expression\":\"p95 < 1s\",\"status\":\"PASSED\"}],"
                        + "\"verdict\":{\"status\":\"PASSED\",\"validatedBoth\":false}"), "d");
        assertThat(RecordedVerdictCheck.check(GateStepParameters.Requirement.PASSED, passedPerfOnly, "b")).isEmpty();
        assertThat(RecordedVerdictCheck.check(GateStepParameters.Requirement.VALIDATED_BOTH, passedPerfOnly, "b"))
                .hasValueSatisfying(m -> assertThat(m).contains("did not validate both"));
        ResultSummary notEvaluated = ResultSummary.ofJson(json, "d");
        assertThat(RecordedVerdictCheck.check(GateStepParameters.Requirement.PASSED, notEvaluated, "b"))
                .hasValueSatisfying(m -> assertThat(m).contains("no gates were evaluated"));
    }

    @Test
    void referenceIsTheNewestPassedBuild() {
        List<ReferenceSelection.Candidate> newestFirst = List.of(
                new ReferenceSelection.Candidate(9, Verdict.FAILED),
                new ReferenceSelection.Candidate(8, Verdict.UNSTABLE),
                new ReferenceSelection.Candidate(7, Verdict.PASSED),
                new ReferenceSelection.Candidate(6, Verdict.PASSED));
        assertThat(ReferenceSelection.pick(newestFirst)).hasValue(new ReferenceSelection.Candidate(7, Verdict.PASSED));
        assertThat(ReferenceSelection.pick(List.of(new ReferenceSelection.Candidate(3, Verdict.FAILED)))).isEmpty();
    }

    @Test
    void resultFileNameIsTheDocumentsConvention() {
        assertThat(ResultSummary.resultFileName()).isEqualTo("secperf-result.json");
        assertThat(Files.exists(temp)).isTrue();
    }

    /** A gate outcome in the evaluator's shape, with the fields these tests care about. */
    private static GateResult gate(String id, String expression, GateStatus status, String measured, String message) {
        return new GateResult(id, 0, expression, expression.split("[ (]")[0], null, null, false, status, measured,
                null, "", "", null, message);
    }
}
