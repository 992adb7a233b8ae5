package io.secperf.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import io.secperf.result.AttackWindow;
import io.secperf.result.SecondBucket;
import io.secperf.result.TimeSeries;
import io.secperf.result.WindowStats;

/**
 * The time arithmetic both analyses share: which buckets of the per-second series an attack window touches, and the
 * statistics of a set of buckets. Buckets are keyed by the second in which a sample <em>ended</em>, so a legitimate
 * request that started before the attack and finished during it counts as attack-window traffic (it felt the attack).
 */
final class SeriesWindows {

    private SeriesWindows() {
    }

    /** First epoch second of the window: floor(start / 1000). */
    static long firstSecond(AttackWindow window) {
        return Math.floorDiv(window.start().toEpochMilli(), 1000L);
    }

    /** Last epoch second of the window (inclusive): floor(end / 1000). */
    static long lastSecond(AttackWindow window) {
        return Math.floorDiv(window.end().toEpochMilli(), 1000L);
    }

    /** True when the bucket [start, start + width) overlaps any of the windows. */
    static boolean underAttack(long bucketStart, int width, List<AttackWindow> windows) {
        long bucketLast = bucketStart + width - 1;
        for (AttackWindow w : windows) {
            if (firstSecond(w) <= bucketLast && lastSecond(w) >= bucketStart) {
                return true;
            }
        }
        return false;
    }

    /** Bucket start of the given second in a series of this width. */
    static long key(long second, int width) {
        return Math.floorDiv(second, width) * width;
    }

    /**
     * Statistics of the buckets whose start lies in the given positions, as one window: counts add, histograms merge
     * (so the percentiles are those of exactly these samples), throughput = samples / (positions × width).
     */
    static WindowStats stats(TimeSeries series, List<Long> positions) {
        int width = series.bucketSeconds();
        Histogram merged = null;
        long samples = 0;
        long errors = 0;
        Set<Long> wanted = new HashSet<>(positions);
        for (SecondBucket bucket : series.buckets()) {
            if (!wanted.contains(bucket.startSecond())) {
                continue;
            }
            samples += bucket.count();
            errors += bucket.errors();
            Histogram h = bucket.decodeHistogram();
            if (merged == null) {
                merged = h;
            } else {
                merged.add(h);
            }
        }
        long from = positions.isEmpty() ? 0 : positions.get(0);
        long to = positions.isEmpty() ? 0 : positions.get(positions.size() - 1) + width;
        long seconds = (long) positions.size() * width;
        return new WindowStats(from, to, samples, errors, nearestRank(merged, 95), nearestRank(merged, 99),
                samples == 0 ? 0 : (double) errors / samples, seconds == 0 ? 0 : (double) samples / seconds);
    }

    /**
     * The nearest-rank percentile: the smallest recorded value such that at least {@code percent} % of the values are
     * at or below it (rank = ceil(percent × n / 100), in integers, so no floating-point rounding moves the rank).
     * Values are the histogram's highest equivalent values (exact below 256 ms at 2 significant digits).
     */
    static long nearestRank(Histogram histogram, int percent) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return 0;
        }
        long n = histogram.getTotalCount();
        long rank = Math.max(1, (percent * n + 99) / 100);
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return histogram.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }

    /** Every bucket position (bucket start) from the series' first to its last second. */
    static List<Long> allPositions(TimeSeries series) {
        List<Long> positions = new ArrayList<>();
        if (series.buckets().isEmpty()) {
            return positions;
        }
        int width = series.bucketSeconds();
        for (long p = key(series.firstSecond(), width); p <= series.lastSecond(); p += width) {
            positions.add(p);
        }
        return positions;
    }
}
