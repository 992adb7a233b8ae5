package io.secperf.trend;

/**
 * How much the attack traffic hurt legitimate traffic in one run: the attack window compared with the clean window,
 * as relative changes (positive = worse for latency and errors, negative = less throughput). Kept to four numbers so
 * a build summary stays small.
 *
 * @param p95ChangePercent        (attack p95 - clean p95) / clean p95 * 100
 * @param p99ChangePercent        (attack p99 - clean p99) / clean p99 * 100
 * @param errorRateChangePoints   attack error rate - clean error rate, in percentage points
 * @param throughputChangePercent (attack req/s - clean req/s) / clean req/s * 100
 */
public record ResilienceImpact(double p95ChangePercent, double p99ChangePercent, double errorRateChangePoints,
                               double throughputChangePercent) {
}
