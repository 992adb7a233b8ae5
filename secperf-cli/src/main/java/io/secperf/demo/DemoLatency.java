package io.secperf.demo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Artificial service time so that latency charts of the demo look like a real service rather than a flat line:
 * a base delay, uniform jitter, and a rare slow tail (about 1 in 100 requests). The n-th delay is a pure function of
 * the seed and n, so a run with the same seed draws the same sequence of delays.
 */
final class DemoLatency {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int TAIL_PER_MILLE = 10;
    private static final int TAIL_FACTOR = 5;

    private final long baseNanos;
    private final long jitterNanos;
    private final long seed;
    private final AtomicLong sequence = new AtomicLong();

    DemoLatency(Duration base, Duration jitter, long seed) {
        this.baseNanos = base.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.seed = seed;
    }

    /** The next delay, scaled by {@code weight} (how expensive this kind of request pretends to be). */
    long nextDelayNanos(double weight) {
        if (weight <= 0 || (baseNanos == 0 && jitterNanos == 0)) {
            return 0;
        }
        long n = sequence.getAndIncrement();
        long first = mix(seed + n * GOLDEN_GAMMA);
        long second = mix(first ^ GOLDEN_GAMMA);
        double uniform = (first >>> 11) * 0x1.0p-53;
        double delay = baseNanos + jitterNanos * uniform;
        if (Long.remainderUnsigned(second, 1000) < TAIL_PER_MILLE) {
            delay += (double) TAIL_FACTOR * Math.max(jitterNanos, baseNanos);
        }
        return (long) (delay * weight);
    }

    void pause(double weight) {
        long delay = nextDelayNanos(weight);
        if (delay <= 0) {
            return;
        }
        long deadline = System.nanoTime() + delay;
        for (long left = delay; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value from any input. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
