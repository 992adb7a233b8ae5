package io.secperf.report;

import io.secperf.trend.ResilienceImpact;

/**
 * Legitimate traffic before and during the attack. The security samplers will put this into the result document;
 * until then it is passed to the report explicitly (or left null, and the report says there was no attack window).
 *
 * @param clean  the clean window
 * @param attack the attack window
 */
public record ResilienceComparison(WindowStats clean, WindowStats attack) {

    public ResilienceComparison {
        if (clean == null || attack == null) {
            throw new IllegalArgumentException("a resilience comparison needs both windows");
        }
    }

    /** The relative changes from the clean to the attack window (0 where the clean value is 0). */
    public ResilienceImpact impact() {
        return new ResilienceImpact(change(clean.p95Ms(), attack.p95Ms()), change(clean.p99Ms(), attack.p99Ms()),
                (attack.errorRate() - clean.errorRate()) * 100, change(clean.throughput(), attack.throughput()));
    }

    static double change(double before, double after) {
        return before == 0 ? 0 : (after - before) / before * 100;
    }
}
