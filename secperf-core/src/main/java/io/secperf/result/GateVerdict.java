package io.secperf.result;

/** Outcome of one definition-of-done gate. */
public enum GateVerdict {
    PASS, FAIL, NOT_EVALUATED
}
