package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BuildOutcomeTest {

    private static final List<String> FAILED = List.of("p95 < 800ms (measured 912 ms)");

    @Test
    void passedRunIsSuccessAndDoesNotFail() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.OK, Verdict.PASSED, List.of(), FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(o.failStep()).isFalse();
        assertThat(o.markStage()).isFalse();
        assertThat(o.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void failedGatesFailTheStepAndNameTheGates() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_FAILED, Verdict.FAILED, FAILED, FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(o.failStep()).isTrue();
        assertThat(o.message()).contains("release blocked").contains("p95 < 800ms (measured 912 ms)");
    }

    @Test
    void unstableGatesMarkBuildAndStageButContinue() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_UNSTABLE, Verdict.UNSTABLE, FAILED, FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(o.failStep()).isFalse();
        assertThat(o.markStage()).isTrue();
    }

    @Test
    void failOnUnstableFailsTheStepOnUnstableGates() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_UNSTABLE, Verdict.UNSTABLE, FAILED, FailOn.UNSTABLE);
        assertThat(o.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(o.failStep()).isTrue();
    }

    @Test
    void failOnNeverOnlyRecords() {
        for (int code : new int[] {RunnerExit.GATES_FAILED, RunnerExit.GATES_UNSTABLE, RunnerExit.PREFLIGHT_ABORTED}) {
            BuildOutcome o = BuildOutcome.decide(code, null, FAILED, FailOn.NEVER);
            assertThat(o.result()).as("exit %d", code).isEqualTo(BuildResult.SUCCESS);
            assertThat(o.failStep()).isFalse();
            assertThat(o.message()).contains("recorded only");
        }
    }

    @Test
    void infrastructureAndUsageErrorsFailWhateverFailOnSays() {
        for (FailOn mode : FailOn.values()) {
            for (int code : new int[] {RunnerExit.USAGE_OR_INPUT, RunnerExit.INFRASTRUCTURE, 137, -1}) {
                BuildOutcome o = BuildOutcome.decide(code, Verdict.PASSED, List.of(), mode);
                assertThat(o.result()).as("%s exit %d", mode, code).isEqualTo(BuildResult.FAILURE);
                assertThat(o.failStep()).isTrue();
                assertThat(o.verdict()).isEqualTo(Verdict.FAILED);
            }
        }
    }

    @Test
    void exitCodeWinsOverAPassingDocument() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_FAILED, Verdict.PASSED, List.of(), FailOn.FAILURE);
        assertThat(o.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(o.failStep()).isTrue();
    }

    @Test
    void aFailingDocumentIsNotHiddenByExitZero() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.OK, Verdict.FAILED, FAILED, FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(o.failStep()).isTrue();
    }

    @Test
    void unstableNeverOverwritesFailure() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.GATES_UNSTABLE, Verdict.FAILED, FAILED, FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void preflightAbortIsAFailedVerdict() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.PREFLIGHT_ABORTED, null, List.of(), FailOn.FAILURE);
        assertThat(o.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(o.failStep()).isTrue();
        assertThat(o.message()).contains("preflight");
    }

    @Test
    void stoppedRunIsAborted() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.TERMINATED, null, List.of(), FailOn.NEVER);
        assertThat(o.result()).isEqualTo(BuildResult.ABORTED);
        assertThat(o.message()).contains("partial results");
    }

    @Test
    void noGatesIsNotEvaluatedAndSucceeds() {
        BuildOutcome o = BuildOutcome.decide(RunnerExit.OK, Verdict.NOT_EVALUATED, List.of(), FailOn.FAILURE);
        assertThat(o.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(o.verdict()).isEqualTo(Verdict.NOT_EVALUATED);
    }

    @Test
    void buildResultsOnlyGetWorse() {
        assertThat(BuildResult.UNSTABLE.combine(BuildResult.SUCCESS)).isEqualTo(BuildResult.UNSTABLE);
        assertThat(BuildResult.UNSTABLE.combine(BuildResult.FAILURE)).isEqualTo(BuildResult.FAILURE);
        assertThat(BuildResult.FAILURE.combine(null)).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void failOnAndVerdictParsing() {
        assertThat(FailOn.parse(null)).isEqualTo(FailOn.FAILURE);
        assertThat(FailOn.parse(" unstable ")).isEqualTo(FailOn.UNSTABLE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FailOn.parse("sometimes"))
                .hasMessage("failOn must be FAILURE, UNSTABLE or NEVER, was 'sometimes'");
        assertThat(Verdict.parse("PASS")).isEqualTo(Verdict.PASSED);
        assertThat(Verdict.parse("SOMETHING_NEW")).isEqualTo(Verdict.FAILED);
        assertThat(Verdict.parse(null)).isEqualTo(Verdict.NOT_EVALUATED);
    }
}
