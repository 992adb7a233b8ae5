package io.secperf.ci;

import java.util.List;

/**
 * What a CI step does with one runner result: the build result to set, whether the step itself fails (which stops a
 * pipeline and so blocks the release), whether the stage is marked, and one line for people. The single place where
 * the exit code, the verdict and {@link FailOn} meet, so the freestyle recorder and both pipeline steps agree.
 *
 * @param result     the build result to apply (SUCCESS leaves the build as it is)
 * @param failStep   true when the step must fail with {@code message}
 * @param markStage  true when the pipeline stage should carry a warning (unstable verdict that did not fail the step)
 * @param verdict    the verdict that decided it
 * @param message    one line for the console and the error, naming failed gates where there are some
 */
public record BuildOutcome(BuildResult result, boolean failStep, boolean markStage, Verdict verdict, String message) {

    /**
     * Decides. The exit code is the runner's contract and wins over the document: a document that says PASSED with a
     * non-zero exit code is not trusted. Usage, input and infrastructure errors, and an unexpected exit code, always fail
     * the step whatever {@code failOn} says: no measurement is not a pass.
     *
     * @param exitCode    the runner's exit code
     * @param recorded    the verdict recorded in the result document, null when there is no document
     * @param failedGates the failed (or unstable) gates in canonical form, for the message; may be empty
     * @param failOn      from which verdict the step fails
     */
    public static BuildOutcome decide(int exitCode, Verdict recorded, List<String> failedGates, FailOn failOn) {
        FailOn mode = failOn == null ? FailOn.FAILURE : failOn;
        Verdict fromExit = switch (exitCode) {
            case RunnerExit.OK -> recorded == null ? Verdict.NOT_EVALUATED : recorded;
            case RunnerExit.GATES_FAILED, RunnerExit.PREFLIGHT_ABORTED -> Verdict.FAILED;
            case RunnerExit.GATES_UNSTABLE -> Verdict.UNSTABLE;
            default -> null;
        };
        if (fromExit == null) {
            if (exitCode == RunnerExit.INTERRUPTED || exitCode == RunnerExit.TERMINATED) {
                return new BuildOutcome(BuildResult.ABORTED, true, false, Verdict.NOT_EVALUATED,
                        "secperf was stopped; partial results were recorded");
            }
            return new BuildOutcome(BuildResult.FAILURE, true, false, Verdict.FAILED,
                    "secperf failed: " + RunnerExit.describe(exitCode) + " (exit code " + exitCode + ")");
        }
        Verdict verdict = worse(fromExit, recorded);
        String gates = failedGates == null || failedGates.isEmpty() ? "" : ": " + String.join("; ", failedGates);
        return switch (verdict) {
            case PASSED -> new BuildOutcome(BuildResult.SUCCESS, false, false, verdict, "secperf verdict PASSED");
            case NOT_EVALUATED -> new BuildOutcome(BuildResult.SUCCESS, false, false, verdict,
                    "secperf verdict NOT_EVALUATED (no gates given)");
            case UNSTABLE -> switch (mode) {
                case NEVER -> new BuildOutcome(BuildResult.SUCCESS, false, false, verdict,
                        "secperf verdict UNSTABLE (recorded only, failOn: NEVER)" + gates);
                case UNSTABLE -> new BuildOutcome(BuildResult.FAILURE, true, false, verdict,
                        "secperf verdict UNSTABLE and failOn is UNSTABLE" + gates);
                case FAILURE -> new BuildOutcome(BuildResult.UNSTABLE, false, true, verdict,
                        "secperf verdict UNSTABLE" + gates);
            };
            case FAILED -> mode == FailOn.NEVER
                    ? new BuildOutcome(BuildResult.SUCCESS, false, false, verdict,
                            "secperf verdict FAILED (recorded only, failOn: NEVER)" + gates)
                    : new BuildOutcome(BuildResult.FAILURE, true, false, verdict,
                            (exitCode == RunnerExit.PREFLIGHT_ABORTED ? "secperf preflight aborted the run"
                                    : "secperf verdict FAILED: release blocked") + gates);
        };
    }

    private static Verdict worse(Verdict a, Verdict b) {
        if (b == null) {
            return a;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case NOT_EVALUATED -> 0;
            case PASSED -> 1;
            case UNSTABLE -> 2;
            case FAILED -> 3;
        };
    }
}
