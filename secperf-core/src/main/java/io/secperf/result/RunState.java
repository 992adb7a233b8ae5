package io.secperf.result;

/** How far a run got; readers use it to decide whether the numbers are the whole story. */
public enum RunState {
    /** The plan ran to its end. */
    COMPLETE,
    /** Stopped early (Ctrl-C, SIGTERM, a time limit); the result holds what was measured until then. */
    PARTIAL,
    /** The run could not produce a meaningful result (e.g. no samples, the plan failed to start). */
    FAILED
}
