package io.secperf.result;

/**
 * Outcome of a whole gate list: FAILED when any gate of criticality "failure" failed, else UNSTABLE when any gate
 * of criticality "unstable" failed, else PASSED. Declared from best to worst; an unstable gate never downgrades a
 * failure.
 */
public enum VerdictStatus {
    PASSED, UNSTABLE, FAILED
}
