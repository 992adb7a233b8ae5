package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable, single-threaded time series with the width rule of {@link TimeSeries}; the caller provides locking. */
final class SeriesAccumulator {

    /** One bucket's running totals; also used for the per-thread "recent seconds" buffers. */
    static final class Bucket {
        long count;
        long errors;
        long authRejected;
        final Histogram elapsed = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);

        void record(long time, ErrorClass errorClass) {
            count++;
            if (errorClass != ErrorClass.NONE) {
                errors++;
                if (errorClass == ErrorClass.AUTH_REJECTED) {
                    authRejected++;
                }
            }
            elapsed.recordValue(time);
        }

        void add(Bucket other) {
            count += other.count;
            errors += other.errors;
            authRejected += other.authRejected;
            elapsed.add(other.elapsed);
        }

        void reset() {
            count = 0;
            errors = 0;
            authRejected = 0;
            elapsed.reset();
        }
    }

    private final int maxBuckets;
    private int width = 1;
    private long firstSecond = Long.MAX_VALUE;
    private long lastSecond = Long.MIN_VALUE;
    private TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private long cachedKey = Long.MIN_VALUE;
    private Bucket cachedBucket;

    SeriesAccumulator(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    /** Adds a whole bucket of samples that all ended in the given second range [second, second + width). */
    void add(long second, long lastSecondOfSource, Bucket source) {
        if (source.count == 0) {
            return;
        }
        extend(second, lastSecondOfSource);
        buckets.computeIfAbsent(key(second), k -> new Bucket()).add(source);
    }

    /** Records one sample that ended in the given second. */
    void record(long second, long time, ErrorClass errorClass) {
        extend(second, second);
        long key = key(second);
        if (cachedBucket == null || cachedKey != key) {
            cachedBucket = buckets.computeIfAbsent(key, k -> new Bucket());
            cachedKey = key;
        }
        cachedBucket.record(time, errorClass);
    }

    void addAll(SeriesAccumulator other) {
        if (other.buckets.isEmpty()) {
            return;
        }
        extend(other.firstSecond, other.lastSecond);
        for (Map.Entry<Long, Bucket> e : other.buckets.entrySet()) {
            buckets.computeIfAbsent(key(e.getKey()), k -> new Bucket()).add(e.getValue());
        }
    }

    SeriesAccumulator copy() {
        SeriesAccumulator copy = new SeriesAccumulator(maxBuckets);
        copy.addAll(this);
        return copy;
    }

    int bucketCount() {
        return buckets.size();
    }

    long footprintBytes() {
        long bytes = 0;
        for (Bucket b : buckets.values()) {
            bytes += b.elapsed.getEstimatedFootprintInBytes() + 64;
        }
        return bytes;
    }

    TimeSeries toSeries() {
        List<SecondBucket> result = new ArrayList<>(buckets.size());
        for (Map.Entry<Long, Bucket> e : buckets.entrySet()) {
            Bucket b = e.getValue();
            result.add(new SecondBucket(e.getKey(), b.count, b.errors, b.elapsed.getValueAtPercentile(50),
                    b.elapsed.getValueAtPercentile(95), HistogramCodec.encode(b.elapsed), b.authRejected));
        }
        boolean empty = buckets.isEmpty();
        return new TimeSeries(width, maxBuckets, empty ? 0 : firstSecond, empty ? 0 : lastSecond, result);
    }

    static SeriesAccumulator of(TimeSeries series) {
        SeriesAccumulator a = new SeriesAccumulator(series.maxBuckets());
        if (series.buckets().isEmpty()) {
            return a;
        }
        a.firstSecond = series.firstSecond();
        a.lastSecond = series.lastSecond();
        a.width = series.bucketSeconds();
        int expected = TimeSeries.widthFor(a.firstSecond, a.lastSecond, a.maxBuckets);
        if (expected != a.width) {
            throw new IllegalArgumentException("time series: bucketSeconds " + a.width + " does not match "
                    + expected + " required for " + a.firstSecond + ".." + a.lastSecond + " with maxBuckets "
                    + a.maxBuckets);
        }
        for (SecondBucket sb : series.buckets()) {
            if (sb.startSecond() % a.width != 0 || sb.startSecond() + a.width <= a.firstSecond
                    || sb.startSecond() > a.lastSecond) {
                throw new IllegalArgumentException("time series: bucket " + sb.startSecond()
                        + " is not aligned to " + a.width + " s or outside " + a.firstSecond + ".." + a.lastSecond);
            }
            Bucket b = new Bucket();
            b.elapsed.add(HistogramCodec.decode(sb.histogram(), HistogramCodec.SERIES_DIGITS));
            if (b.elapsed.getTotalCount() != sb.count()) {
                throw new IllegalArgumentException("time series: bucket " + sb.startSecond() + " histogram holds "
                        + b.elapsed.getTotalCount() + " values but count is " + sb.count());
            }
            b.count = sb.count();
            b.errors = sb.errors();
            b.authRejected = sb.authRejected();
            a.buckets.computeIfAbsent(sb.startSecond(), k -> new Bucket()).add(b);
        }
        return a;
    }

    /** Re-buckets everything so the series uses the given cap (merging series made with different caps). */
    SeriesAccumulator withMaxBuckets(int newMax) {
        SeriesAccumulator a = new SeriesAccumulator(newMax);
        a.addAll(this);
        return a;
    }

    private long key(long second) {
        return Math.floorDiv(second, width) * width;
    }

    private void extend(long from, long to) {
        long first = Math.min(firstSecond, from);
        long last = Math.max(lastSecond, to);
        int needed = TimeSeries.widthFor(first, last, maxBuckets);
        firstSecond = first;
        lastSecond = last;
        if (needed > width) {
            width = needed;
            cachedBucket = null;
            TreeMap<Long, Bucket> wider = new TreeMap<>();
            for (Map.Entry<Long, Bucket> e : buckets.entrySet()) {
                Bucket target = wider.get(key(e.getKey()));
                if (target == null) {
                    wider.put(key(e.getKey()), e.getValue());
                } else {
                    target.add(e.getValue());
                }
            }
            buckets = wider;
        }
    }
}
