package io.secperf.gate;

import java.util.List;

import io.secperf.result.SecondBucket;
import io.secperf.result.TimeSeries;

/**
 * Finds the longest stretch of the per-second series in which a gate's condition was violated, for {@code for}
 * windows. A bucket counts as wholly violated or not, so with widened buckets (2 s, 4 s, ... for long runs) the
 * resolution is the bucket width. Seconds without samples neither continue nor end a stretch for latency and error
 * metrics (nothing completed then, so nothing passed); for throughput they count as 0 per second.
 */
final class SeriesWindow {

    /**
     * @param seconds     length of the longest violated stretch (0 when never violated)
     * @param startSecond epoch second where it started
     * @param worst       the value furthest from the threshold within it
     */
    record Streak(long seconds, long startSecond, double worst) {
    }

    private SeriesWindow() {
    }

    /**
     * @param untilSecond only buckets that end at or before this epoch second count (live checks leave out the second
     *                    still in progress); {@link Long#MAX_VALUE} for a finished run
     */
    static Streak longest(Gate gate, TimeSeries series, long untilSecond) {
        List<SecondBucket> buckets = series.buckets();
        if (buckets.isEmpty()) {
            return new Streak(0, 0, Double.NaN);
        }
        int width = series.bucketSeconds();
        Metric metric = gate.metric();
        boolean emptyIsZero = metric == Metric.THROUGHPUT;
        double threshold = gate.threshold().value();
        long first = Math.floorDiv(series.firstSecond(), width) * width;
        long last = series.lastSecond();
        int index = 0;
        long start = -1;
        double worst = Double.NaN;
        Streak best = new Streak(0, 0, Double.NaN);
        for (long slot = first; slot <= last && slot + width <= untilSecond; slot += width) {
            while (index < buckets.size() && buckets.get(index).startSecond() < slot) {
                index++;
            }
            SecondBucket bucket = index < buckets.size() && buckets.get(index).startSecond() == slot
                    ? buckets.get(index) : null;
            if (bucket == null && !emptyIsZero) {
                continue;
            }
            double value = bucket == null ? 0 : metric.seriesValue(bucket, width);
            if (gate.operator().test(value, threshold)) {
                start = -1;
                continue;
            }
            if (start < 0) {
                start = slot;
                worst = value;
            } else if (Math.abs(value - threshold) > Math.abs(worst - threshold)) {
                worst = value;
            }
            long length = slot + width - start;
            if (length > best.seconds()) {
                best = new Streak(length, start, worst);
            }
        }
        return best;
    }
}
