package io.secperf.result;

/**
 * Legitimate traffic in one window of a run (the clean window before the attack, or the attack window), computed from
 * the per-second series: the window's buckets are merged, so p95 and p99 are those of exactly the window's samples
 * (at the series' precision of 2 significant digits), not an average of per-second values.
 *
 * @param fromSecond first epoch second of the window (inclusive)
 * @param toSecond   end of the window, epoch second (exclusive). Several attack windows make one window with gaps:
 *                   the gaps lie between {@code fromSecond} and {@code toSecond} but are not part of it
 * @param samples    legitimate samples that ended in the window
 * @param errors     failed samples among them
 * @param p95Ms      95th percentile of their elapsed times
 * @param p99Ms      99th percentile
 * @param errorRate  errors / samples, 0..1 (0 without samples)
 * @param throughput samples per second of the window's own seconds, gaps excluded (seconds without samples count as
 *                   0 req/s)
 */
public record WindowStats(long fromSecond, long toSecond, long samples, long errors, long p95Ms, long p99Ms,
                          double errorRate, double throughput) {

    /** A window known by its numbers only (no position in time). */
    public WindowStats(long samples, long p95Ms, long p99Ms, double errorRate, double throughput) {
        this(0, 0, samples, Math.round(errorRate * samples), p95Ms, p99Ms, errorRate, throughput);
    }

    /** Seconds from the window's start to its end, including the gaps between attack windows. */
    public long seconds() {
        return toSecond - fromSecond;
    }
}
