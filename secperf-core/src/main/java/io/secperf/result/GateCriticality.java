package io.secperf.result;

/** What a violated gate does to the verdict: FAILURE blocks the release, UNSTABLE only warns. */
public enum GateCriticality {
    FAILURE, UNSTABLE
}
