package io.secperf.result;

/**
 * Outcome of one definition-of-done gate. A violated gate is FAILED or UNSTABLE according to its criticality; a gate
 * that could not be evaluated (no reference yet, an optional metric that was not measured) is NOT_EVALUATED, which
 * is never mistaken for a pass.
 */
public enum GateStatus {
    PASSED, UNSTABLE, FAILED, NOT_EVALUATED
}
