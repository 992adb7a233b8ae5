package io.secperf.result;

/**
 * How much the attack traffic hurt legitimate traffic in one run: the attack window compared with the clean window,
 * as relative changes (positive = worse for latency and errors, negative = less throughput). Kept to four numbers so
 * a build summary stays small. A relative change whose clean value is 0 is reported as 0.
 *
 * @param p95ChangePercent        (attack p95 - clean p95) / clean p95 * 100
 * @param p99ChangePercent        (attack p99 - clean p99) / clean p99 * 100
 * @param errorRateChangePoints   attack error rate - clean error rate, in percentage points
 * @param throughputChangePercent (attack req/s - clean req/s) / clean req/s * 100
 */
public record ResilienceImpact(double p95ChangePercent, double p99ChangePercent, double errorRateChangePoints,
                               double throughputChangePercent) {

    /** The changes from the clean to the attack window. */
    public static ResilienceImpact between(WindowStats clean, WindowStats attack) {
        return new ResilienceImpact(change(clean.p95Ms(), attack.p95Ms()), change(clean.p99Ms(), attack.p99Ms()),
                (attack.errorRate() - clean.errorRate()) * 100, change(clean.throughput(), attack.throughput()));
    }

    static double change(double before, double after) {
        return before == 0 ? 0 : (after - before) / before * 100;
    }
}
