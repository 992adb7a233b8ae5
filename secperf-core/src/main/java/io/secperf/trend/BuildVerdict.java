package io.secperf.trend;

/**
 * The outcome of one build as trends show it. Kept separate from the gate evaluator's own types so that stored
 * summaries (in a history directory or in Jenkins build folders) stay readable when the gate model grows.
 */
public enum BuildVerdict {
    /** Every evaluated gate passed. */
    PASSED,
    /** Only gates marked "as unstable" failed. */
    UNSTABLE,
    /** A gate failed, or the run itself failed. */
    FAILED,
    /** No gate was evaluated (no gate list given), and the run did not fail. */
    NOT_EVALUATED
}
