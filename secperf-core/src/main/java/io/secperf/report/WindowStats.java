package io.secperf.report;

/**
 * Legitimate traffic in one window of a run (the clean warm-up window or the attack window), for the resilience
 * comparison.
 *
 * @param samples    legitimate samples in the window
 * @param p95Ms      95th percentile
 * @param p99Ms      99th percentile
 * @param errorRate  failed / samples, 0..1
 * @param throughput requests per second
 */
public record WindowStats(long samples, long p95Ms, long p99Ms, double errorRate, double throughput) {
}
