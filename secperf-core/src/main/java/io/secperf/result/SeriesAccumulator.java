package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Mutable, single-threaded time series with the width rule of {@link TimeSeries}; the caller provides locking.
 *
 * <p>Why buckets are compacted: a decoded per-second histogram costs about 9 KiB, so an hour of one-second buckets
 * would hold some 30 MiB, far more than everything else the aggregator keeps. Only the {@link #OPEN_BUCKETS} most
 * recently opened buckets stay decoded; an older one is compacted into exactly the {@link SecondBucket} the result
 * document stores (counts, p50/p95 and the canonical compressed histogram text, typically 100-300 bytes). A later
 * sample for a compacted bucket (a straggler, a second source in a merge) decodes it, adds exactly, and the bucket
 * is open again: compaction never changes a result, only what adding to an old bucket costs (one decode and, when it
 * is compacted again, one encode). Input scrambled over more than {@code OPEN_BUCKETS} seconds is therefore slower,
 * never wrong. {@link #toSeries()} reuses the compacted buckets as they are, so a result shares them instead of
 * copying the series.
 */
final class SeriesAccumulator {

    /** Buckets kept decoded: well above the seconds by which live samples or a JTL's rows arrive out of order. */
    static final int OPEN_BUCKETS = 128;
    /** Decoded histograms kept for reuse when buckets are compacted, so a steady run allocates none per second. */
    private static final int SPARE_HISTOGRAMS = 4;

    /**
     * A stripe's buffer for one recent second ({@link ResultAggregator}): plain counts and a decoded histogram, so
     * JMeter threads record without touching the shared series; {@link SeriesAccumulator#add} hands it over whole.
     */
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

        void reset() {
            count = 0;
            errors = 0;
            authRejected = 0;
            elapsed.reset();
        }
    }

    /** A bucket of the series: either open (a decoded histogram) or compacted (the document's form). */
    private static final class Stored {
        final long start;
        long count;
        long errors;
        long authRejected;
        /** Non-null while open. */
        Histogram open;
        /** Non-null while compacted; its counts equal the fields above. */
        SecondBucket compact;
        /**
         * While open: the document form {@link #toSeries} last built, null once the bucket changed since. A live run
         * with stop gates takes a snapshot every second under all stripe locks; without this every snapshot would
         * encode all {@link #OPEN_BUCKETS} open histograms again (about 1 ms), though only the newest seconds change.
         */
        SecondBucket built;

        Stored(long start) {
            this.start = start;
        }
    }

    private final int maxBuckets;
    private final int openLimit;
    private int width = 1;
    private long firstSecond = Long.MAX_VALUE;
    private long lastSecond = Long.MIN_VALUE;
    private TreeMap<Long, Stored> buckets = new TreeMap<>();
    /** Open buckets, oldest opened first; at most {@link #openLimit}. */
    private final ArrayDeque<Stored> openOrder = new ArrayDeque<>();
    private final ArrayDeque<Histogram> spare = new ArrayDeque<>();
    private long cachedKey = Long.MIN_VALUE;
    private Stored cachedBucket;

    SeriesAccumulator(int maxBuckets) {
        this(maxBuckets, OPEN_BUCKETS);
    }

    /** Tests use a small {@code openLimit} to compact after a few seconds. */
    SeriesAccumulator(int maxBuckets, int openLimit) {
        if (openLimit < 1) {
            throw new IllegalArgumentException("openLimit must be positive, was " + openLimit);
        }
        this.maxBuckets = maxBuckets;
        this.openLimit = openLimit;
    }

    /** Adds a whole bucket of samples that all ended in the given second range [second, second + width). */
    void add(long second, long lastSecondOfSource, Bucket source) {
        if (source.count == 0) {
            return;
        }
        extend(second, lastSecondOfSource);
        Stored target = stored(key(second));
        histogramForWrite(target).add(source.elapsed);
        target.count += source.count;
        target.errors += source.errors;
        target.authRejected += source.authRejected;
    }

    /** Records one sample that ended in the given second. */
    void record(long second, long time, ErrorClass errorClass) {
        extend(second, second);
        long key = key(second);
        if (cachedBucket == null || cachedKey != key) {
            cachedBucket = stored(key);
            cachedKey = key;
        }
        Stored target = cachedBucket;
        histogramForWrite(target).recordValue(time);
        target.count++;
        if (errorClass != ErrorClass.NONE) {
            target.errors++;
            if (errorClass == ErrorClass.AUTH_REJECTED) {
                target.authRejected++;
            }
        }
    }

    /** Adds every bucket of a stored series exactly, checking each histogram against its count. */
    void addAll(TimeSeries series) {
        if (series.buckets().isEmpty()) {
            return;
        }
        extend(series.firstSecond(), series.lastSecond());
        for (SecondBucket sb : series.buckets()) {
            Histogram decoded = HistogramCodec.decode(sb.histogram(), HistogramCodec.SERIES_DIGITS);
            if (decoded.getTotalCount() != sb.count()) {
                throw new IllegalArgumentException("time series: bucket " + sb.startSecond() + " histogram holds "
                        + decoded.getTotalCount() + " values but count is " + sb.count());
            }
            Stored target = stored(key(sb.startSecond()));
            histogramForWrite(target).add(decoded);
            target.count += sb.count();
            target.errors += sb.errors();
            target.authRejected += sb.authRejected();
        }
    }

    int bucketCount() {
        return buckets.size();
    }

    int openBucketCount() {
        return openOrder.size();
    }

    long footprintBytes() {
        long bytes = 0;
        for (Stored b : buckets.values()) {
            bytes += 64;
            if (b.open == null) {
                bytes += 96 + b.compact.histogram().length();
            }
        }
        for (Stored b : openOrder) {
            bytes += b.open.getEstimatedFootprintInBytes();
        }
        for (Histogram h : spare) {
            bytes += h.getEstimatedFootprintInBytes();
        }
        return bytes;
    }

    /**
     * The series as the document stores it; compacted buckets, and open ones unchanged since the last call, are
     * shared, not built again. Changes no count.
     */
    TimeSeries toSeries() {
        List<SecondBucket> result = new ArrayList<>(buckets.size());
        for (Stored b : buckets.values()) {
            if (b.open == null) {
                result.add(b.compact);
            } else {
                if (b.built == null) {
                    b.built = toSecondBucket(b);
                }
                result.add(b.built);
            }
        }
        boolean empty = buckets.isEmpty();
        return new TimeSeries(width, maxBuckets, empty ? 0 : firstSecond, empty ? 0 : lastSecond, result);
    }

    private static SecondBucket toSecondBucket(Stored b) {
        return new SecondBucket(b.start, b.count, b.errors, b.open.getValueAtPercentile(50),
                b.open.getValueAtPercentile(95), HistogramCodec.encode(b.open), b.authRejected);
    }

    /**
     * Reads a stored series, checking widths, alignment and each histogram against its count.
     *
     * @throws IllegalArgumentException naming the first inconsistency
     */
    static SeriesAccumulator of(TimeSeries series) {
        checkShape(series);
        SeriesAccumulator a = new SeriesAccumulator(series.maxBuckets());
        a.addAll(series);
        return a;
    }

    /**
     * Checks a stored series' width rule and bucket alignment ({@link #addAll} checks the histograms).
     *
     * @throws IllegalArgumentException naming the first inconsistency
     */
    static void checkShape(TimeSeries series) {
        if (series.buckets().isEmpty()) {
            return;
        }
        int expected = TimeSeries.widthFor(series.firstSecond(), series.lastSecond(), series.maxBuckets());
        if (expected != series.bucketSeconds()) {
            throw new IllegalArgumentException("time series: bucketSeconds " + series.bucketSeconds()
                    + " does not match " + expected + " required for " + series.firstSecond() + ".."
                    + series.lastSecond() + " with maxBuckets " + series.maxBuckets());
        }
        int w = series.bucketSeconds();
        for (SecondBucket sb : series.buckets()) {
            if (sb.startSecond() % w != 0 || sb.startSecond() + w <= series.firstSecond()
                    || sb.startSecond() > series.lastSecond()) {
                throw new IllegalArgumentException("time series: bucket " + sb.startSecond()
                        + " is not aligned to " + w + " s or outside " + series.firstSecond() + ".."
                        + series.lastSecond());
            }
        }
    }

    private Stored stored(long key) {
        Stored b = buckets.get(key);
        if (b == null) {
            b = new Stored(key);
            buckets.put(key, b);
        }
        return b;
    }

    /**
     * The bucket's decoded histogram for a change, decoding a compacted bucket (exact) and compacting the oldest open
     * one. Every change of a bucket's counts goes through here.
     */
    private Histogram histogramForWrite(Stored b) {
        if (b.open != null) {
            b.built = null;
            return b.open;
        }
        Histogram h = spare.isEmpty() ? HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS) : spare.pop();
        if (b.compact != null) {
            h.add(HistogramCodec.decode(b.compact.histogram(), HistogramCodec.SERIES_DIGITS));
            b.compact = null;
        }
        b.open = h;
        openOrder.addLast(b);
        while (openOrder.size() > openLimit) {
            compact(openOrder.pollFirst());
        }
        return h;
    }

    private void compact(Stored b) {
        b.compact = b.built != null ? b.built : toSecondBucket(b);
        b.built = null;
        Histogram h = b.open;
        b.open = null;
        if (spare.size() < SPARE_HISTOGRAMS) {
            h.reset();
            spare.push(h);
        }
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
            widen(needed);
        }
    }

    /** Re-buckets to a wider width: rare (at most 30 times), so it simply starts over with every bucket closed. */
    private void widen(int newWidth) {
        width = newWidth;
        cachedBucket = null;
        TreeMap<Long, Stored> old = buckets;
        buckets = new TreeMap<>();
        openOrder.clear();
        for (Stored b : old.values()) {
            Stored target = stored(key(b.start));
            Histogram h = histogramForWrite(target);
            h.add(b.open != null ? b.open : HistogramCodec.decode(b.compact.histogram(),
                    HistogramCodec.SERIES_DIGITS));
            target.count += b.count;
            target.errors += b.errors;
            target.authRejected += b.authRejected;
        }
    }
}
