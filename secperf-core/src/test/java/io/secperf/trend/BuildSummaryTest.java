package io.secperf.trend;

import io.secperf.result.ResilienceImpact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.GateVerdict;
import io.secperf.result.VerdictStatus;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunState;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildSummaryTest {

    static ResultDocument document(int samples, List<GateResult> gates) {
        return document(samples, gates, null);
    }

    static GateResult gate(GateCategory category, GateStatus status) {
        return new GateResult("1", 1, "x", "x", category, GateCriticality.FAILURE, false, status, null, null, "", "",
                null, "");
    }

    static ResultDocument document(int samples, List<GateResult> gates, GateVerdict verdict) {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < samples; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i * 10L, 1 + i % 100, "GET /", i % 50 == 0 ? "500" : "200",
                    "", i % 50 != 0, "", 100, 10, 1, 0, 1));
        }
        RunInfo run = RunInfo.of("plan", null, null, null, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:01:00Z"), null);
        return ResultDocument.of(run, RunStatus.complete(), IngestInfo.live(samples), aggregator.finish())
                .withGates(gates, verdict)
                .withFindings(List.of(new Finding("a", Severity.HIGH, "t", "e", "r"),
                        new Finding("b", Severity.HIGH, "t", "e", "r"), new Finding("c", null, "t", "e", "r")));
    }

    @Test
    void takesTheHeadlineNumbersFromTheOverallStatistics() {
        ResultDocument document = document(1000, List.of());
        BuildSummary summary = BuildSummary.of("5", document);
        assertThat(summary.build()).isEqualTo("5");
        assertThat(summary.samples()).isEqualTo(1000);
        assertThat(summary.p50Ms()).isEqualTo(document.result().overall().p50Ms());
        assertThat(summary.p95Ms()).isEqualTo(document.result().overall().p95Ms());
        assertThat(summary.p99Ms()).isEqualTo(document.result().overall().p99Ms());
        assertThat(summary.errorRate()).isEqualTo(0.02);
        assertThat(summary.throughput()).isEqualTo(document.result().overall().throughput());
        assertThat(summary.findings()).containsEntry(Severity.HIGH, 2).containsEntry(Severity.INFO, 1)
                .containsEntry(Severity.CRITICAL, 0);
        assertThat(summary.findingsTotal()).isEqualTo(3);
        assertThat(summary.startTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(summary.verdict()).isEqualTo(BuildVerdict.NOT_EVALUATED);
        assertThat(summary.validatedBoth()).isFalse();
        assertThat(summary.resilience()).isNull();
    }

    @Test
    void takesVerdictValidatedBothAndCountsFromTheStoredVerdict() {
        GateVerdict verdict = new GateVerdict(VerdictStatus.PASSED, true, 5, 4, 0, 0, 1, null, null, "PASSED");
        BuildSummary summary = BuildSummary.of("1", document(100, List.of(), verdict));
        assertThat(summary.verdict()).isEqualTo(BuildVerdict.PASSED);
        assertThat(summary.validatedBoth()).isTrue();
        assertThat(summary.gates()).isEqualTo(new GateCounts(4, 0, 0, 1));
        GateVerdict unstable = new GateVerdict(VerdictStatus.UNSTABLE, false, 3, 2, 1, 0, 0, null, null, "U");
        assertThat(BuildSummary.of("2", document(100, List.of(), unstable)).verdict())
                .isEqualTo(BuildVerdict.UNSTABLE);
    }

    @Test
    void withoutAStoredVerdictCountsTheGateResults() {
        GateResult pass = gate(GateCategory.PERFORMANCE, GateStatus.PASSED);
        GateResult fail = gate(GateCategory.SECURITY, GateStatus.FAILED);
        GateResult warn = gate(GateCategory.SECURITY, GateStatus.UNSTABLE);
        GateResult open = gate(GateCategory.PERFORMANCE, GateStatus.NOT_EVALUATED);
        BuildSummary passed = BuildSummary.of("1", document(100, List.of(pass, open)));
        BuildSummary unstable = BuildSummary.of("2", document(100, List.of(pass, warn)));
        BuildSummary failed = BuildSummary.of("3", document(100, List.of(pass, fail, warn, open)));
        assertThat(passed.verdict()).isEqualTo(BuildVerdict.PASSED);
        assertThat(passed.gates()).isEqualTo(new GateCounts(1, 0, 0, 1));
        assertThat(passed.validatedBoth()).isFalse();
        assertThat(unstable.verdict()).isEqualTo(BuildVerdict.UNSTABLE);
        assertThat(failed.verdict()).isEqualTo(BuildVerdict.FAILED);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.gates()).isEqualTo(new GateCounts(1, 1, 1, 1));
    }

    @Test
    void aFailedRunIsAFailedBuildThatNeverValidatesBoth() {
        ResultDocument empty = document(0, List.of());
        assertThat(empty.status().state()).isEqualTo(RunState.FAILED);
        BuildSummary summary = BuildSummary.of("1", empty, BuildVerdict.PASSED, true, GateCounts.NONE, null);
        assertThat(summary.verdict()).isEqualTo(BuildVerdict.FAILED);
        assertThat(summary.validatedBoth()).isFalse();
        assertThat(summary.failed()).isTrue();
    }

    @Test
    void anExplicitVerdictIsKept() {
        ResilienceImpact impact = new ResilienceImpact(10, 20, 1, -5);
        BuildSummary summary = BuildSummary.of("9", document(100, List.of()), BuildVerdict.UNSTABLE, false,
                new GateCounts(3, 1, 0, 0), impact);
        assertThat(summary.verdict()).isEqualTo(BuildVerdict.UNSTABLE);
        assertThat(summary.failed()).isFalse();
        assertThat(summary.resilience()).isEqualTo(impact);
        assertThat(summary.withBuild("#9").build()).isEqualTo("#9");
    }

    @Test
    void parsingRejectsWhatIsNotASummaryWithOneLine() {
        assertThatThrownBy(() -> BuildSummaries.fromJson("[]".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessage("x.json: not a secperf build summary (no schemaVersion field)");
        assertThatThrownBy(() -> BuildSummaries.fromJson("{\"schemaVersion\":\"1\"}".getBytes(StandardCharsets.UTF_8),
                "x.json")).hasMessageContaining("unsupported build summary schemaVersion \"1\"");
        assertThatThrownBy(() -> BuildSummaries.fromJson(
                "{\"schemaVersion\":1,\"verdict\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageStartingWith("x.json: invalid build summary").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> BuildSummaries.fromJson(
                "{\"schemaVersion\":1,\"gates\":{\"passed\":-1}}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void aMinimalSummaryGetsDefaults() {
        BuildSummary summary = BuildSummaries.fromJson("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8), "m");
        assertThat(summary.verdict()).isEqualTo(BuildVerdict.NOT_EVALUATED);
        assertThat(summary.runState()).isEqualTo(RunState.COMPLETE);
        assertThat(summary.gates()).isEqualTo(GateCounts.NONE);
        assertThat(summary.findings()).hasSize(Severity.values().length);
    }
}
