package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.secperf.text.BoundedText;

/**
 * The streaming aggregator: JMeter threads (or a JTL reader) push samples in, a progress line and the final result
 * come out. Memory depends on the number of labels and on the run duration (capped, see {@link TimeSeries}), never on
 * the number of samples.
 *
 * <p>Why it is built this way: the engine calls {@link #accept} from every JMeter thread at tens of thousands of
 * samples per second, so a single lock or a shared histogram would become the bottleneck. Threads are spread over a
 * fixed number of stripes, each a plain single-threaded aggregate behind its own (almost always uncontended) lock.
 * Snapshots merge the stripes exactly. Per-second data is buffered per stripe for the few most recent seconds and
 * then handed to one shared series, so the expensive part of the series exists only once; that series keeps only its
 * most recent seconds decoded and compacts older ones into the form the result document stores (exactly, see
 * {@link SeriesAccumulator}), and a snapshot shares those compacted seconds instead of copying them.
 *
 * <p>Labels beyond {@link #MAX_LABELS} distinct ones (e.g. a plan that puts request ids into labels) are counted
 * under {@link #OTHER_LABELS} so that memory stays bounded.
 */
public final class ResultAggregator implements SampleSink {

    /** Default cap on time-series buckets: one-second resolution for runs up to one hour. */
    public static final int MAX_SERIES_BUCKETS = 3600;
    /** Distinct labels kept per aggregator; further labels are merged into {@link #OTHER_LABELS}. */
    public static final int MAX_LABELS = 1000;
    /** Label that collects samples of labels beyond {@link #MAX_LABELS}. */
    public static final String OTHER_LABELS = "(other labels)";

    /** Seconds buffered per stripe (a power of two). */
    private static final int RECENT_SECONDS = 32;

    private final Stripe[] stripes;
    private final int stripeMask;
    private final int maxLabels;
    private final ReentrantLock seriesLock = new ReentrantLock();
    private final SeriesAccumulator series;
    private final Map<String, Boolean> knownLabels = new ConcurrentHashMap<>();
    private final ErrorKindTable.Cache kindCache = new ErrorKindTable.Cache();

    private final Object progressLock = new Object();
    private final Histogram progressInterval = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
    private final LongSupplier nanoTime;
    private long previousProgressNanos;
    private long previousTotal;
    private long previousErrors;

    /** An aggregator with default limits, sized for the machine's processors. */
    public ResultAggregator() {
        this(defaultStripes(), MAX_SERIES_BUCKETS, MAX_LABELS);
    }

    ResultAggregator(int stripeCount, int maxSeriesBuckets, int maxLabels) {
        this(stripeCount, maxSeriesBuckets, maxLabels, SeriesAccumulator.OPEN_BUCKETS);
    }

    /** Tests use a small {@code openSeriesBuckets} so that compaction of the series happens after a few seconds. */
    ResultAggregator(int stripeCount, int maxSeriesBuckets, int maxLabels, int openSeriesBuckets) {
        this(stripeCount, maxSeriesBuckets, maxLabels, openSeriesBuckets, System::nanoTime);
    }

    /** Tests pass their own {@code nanoTime} clock so that the progress interval can be asserted exactly. */
    ResultAggregator(int stripeCount, int maxSeriesBuckets, int maxLabels, int openSeriesBuckets,
                     LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        previousProgressNanos = nanoTime.getAsLong();
        int size = Integer.highestOneBit(Math.max(1, stripeCount - 1)) << 1;
        if (stripeCount == 1) {
            size = 1;
        }
        stripes = new Stripe[size];
        for (int i = 0; i < size; i++) {
            stripes[i] = new Stripe();
        }
        stripeMask = size - 1;
        this.maxLabels = maxLabels;
        series = new SeriesAccumulator(maxSeriesBuckets, openSeriesBuckets);
    }

    private static int defaultStripes() {
        return Math.min(32, Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
    }

    /**
     * Thread-safe; called concurrently by JMeter threads. Allocates only on a label's first sample and when a
     * stripe hands a finished second to the shared series, about once a second: that opens the second's bucket and
     * compacts the oldest open one (one histogram encoding, under the series lock).
     */
    @Override
    public void accept(Sample sample) {
        acceptFields(sample.timeStamp(), sample.elapsed(), sample.label(), sample.responseCode(),
                sample.responseMessage(), sample.success(), sample.failureMessage(), sample.bytes(),
                sample.sentBytes(), sample.latency(), sample.connect(), sample.allThreads());
    }

    /** Same as {@link #accept(Sample)} without a {@code Sample} object (JTL ingest); null strings count as empty. */
    @Override
    public void acceptFields(long timeStamp, long elapsed, String label, String responseCode,
                             String responseMessage, boolean success, String failureMessage, long bytes,
                             long sentBytes, long latency, long connect, int allThreads) {
        ErrorClass errorClass = ErrorClass.of(success, responseCode, responseMessage, failureMessage);
        ErrorKindTable.PendingKind kind = errorClass == ErrorClass.NONE ? null
                : kindCache.kind(errorClass, responseCode, responseMessage, failureMessage);
        String key = label == null ? "" : BoundedText.label(label);
        long time = LabelAccumulator.millis(elapsed);
        long start = LabelAccumulator.epochMillis(timeStamp);
        Stripe stripe = stripes[stripeIndex()];
        stripe.lock.lock();
        try {
            LabelAccumulator accumulator = stripe.labels.get(key);
            if (accumulator == null) {
                accumulator = stripe.newLabel(key);
            }
            accumulator.record(start, time, connect, latency, bytes, sentBytes, errorClass, kind);
            stripe.count++;
            if (errorClass != ErrorClass.NONE) {
                stripe.errors++;
            }
            stripe.interval.recordValue(time);
            long endSecond = (start + time) / 1000L;
            SeriesAccumulator.Bucket bucket = stripe.recentBucket(endSecond);
            if (bucket != null) {
                bucket.record(time, errorClass);
            } else {
                seriesLock.lock();
                try {
                    series.record(endSecond, time, errorClass);
                } finally {
                    seriesLock.unlock();
                }
            }
        } finally {
            stripe.lock.unlock();
        }
    }

    private int stripeIndex() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) & stripeMask;
    }

    /** Totals and the interval since the previous call; cheap (touches each stripe once, briefly). */
    public ProgressSnapshot progress() {
        synchronized (progressLock) {
            long total = 0;
            long errors = 0;
            for (Stripe stripe : stripes) {
                stripe.lock.lock();
                try {
                    total += stripe.count;
                    errors += stripe.errors;
                    progressInterval.add(stripe.interval);
                    stripe.interval.reset();
                } finally {
                    stripe.lock.unlock();
                }
            }
            long now = nanoTime.getAsLong();
            long p95 = progressInterval.getTotalCount() == 0 ? 0 : progressInterval.getValueAtPercentile(95);
            ProgressSnapshot snapshot = new ProgressSnapshot(total, errors, total - previousTotal,
                    errors - previousErrors, p95, (now - previousProgressNanos) / 1e9);
            progressInterval.reset();
            previousProgressNanos = now;
            previousTotal = total;
            previousErrors = errors;
            return snapshot;
        }
    }

    /**
     * An immutable result of everything accepted so far. Callable at any time, also while samples still arrive
     * (partial results on Ctrl-C): it briefly holds every stripe so the snapshot is consistent. It hands the
     * stripes' buffered seconds to the shared series (which changes no result) and then builds the document's
     * series from it, sharing the already compacted buckets: no second copy of the series is made.
     */
    public RunResult snapshot() {
        Map<String, LabelAccumulator> labels = new HashMap<>();
        TimeSeries timeSeries;
        for (Stripe stripe : stripes) {
            stripe.lock.lock();
        }
        try {
            seriesLock.lock();
            try {
                for (Stripe stripe : stripes) {
                    stripe.flushRecent();
                }
                timeSeries = series.toSeries();
            } finally {
                seriesLock.unlock();
            }
            for (Stripe stripe : stripes) {
                for (Map.Entry<String, LabelAccumulator> e : stripe.labels.entrySet()) {
                    LabelAccumulator target = labels.get(e.getKey());
                    if (target == null) {
                        labels.put(e.getKey(), e.getValue().copy());
                    } else {
                        target.add(e.getValue());
                    }
                }
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                stripes[i].lock.unlock();
            }
        }
        return RunResult.from(labels, timeSeries);
    }

    /** The result at the end of a run; same as {@link #snapshot()} (the aggregator stays usable). */
    public RunResult finish() {
        return snapshot();
    }

    /** Estimated bytes held by the aggregate state; for tests asserting that memory does not grow with samples. */
    long footprintBytes() {
        long bytes = 0;
        for (Stripe stripe : stripes) {
            stripe.lock.lock();
            try {
                for (LabelAccumulator a : stripe.labels.values()) {
                    bytes += a.footprintBytes();
                }
                bytes += stripe.interval.getEstimatedFootprintInBytes();
                for (SeriesAccumulator.Bucket bucket : stripe.recent) {
                    if (bucket != null) {
                        bytes += bucket.elapsed.getEstimatedFootprintInBytes();
                    }
                }
            } finally {
                stripe.lock.unlock();
            }
        }
        seriesLock.lock();
        try {
            return bytes + series.footprintBytes();
        } finally {
            seriesLock.unlock();
        }
    }

    int openSeriesBucketCount() {
        seriesLock.lock();
        try {
            return series.openBucketCount();
        } finally {
            seriesLock.unlock();
        }
    }

    int seriesBucketCount() {
        seriesLock.lock();
        try {
            return series.bucketCount();
        } finally {
            seriesLock.unlock();
        }
    }

    private final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final HashMap<String, LabelAccumulator> labels = new HashMap<>();
        final Histogram interval = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        final long[] recentSeconds = new long[RECENT_SECONDS];
        final SeriesAccumulator.Bucket[] recent = new SeriesAccumulator.Bucket[RECENT_SECONDS];
        long count;
        long errors;

        LabelAccumulator newLabel(String label) {
            String key = label;
            if (!knownLabels.containsKey(label)) {
                if (knownLabels.size() < maxLabels) {
                    knownLabels.putIfAbsent(label, Boolean.TRUE);
                } else {
                    key = OTHER_LABELS;
                }
            }
            LabelAccumulator accumulator = labels.get(key);
            if (accumulator == null) {
                accumulator = new LabelAccumulator();
                labels.put(key, accumulator);
            }
            return accumulator;
        }

        /** Hands every buffered second to the shared series; the caller holds this stripe's and the series' lock. */
        void flushRecent() {
            for (int i = 0; i < RECENT_SECONDS; i++) {
                SeriesAccumulator.Bucket bucket = recent[i];
                if (bucket != null && bucket.count > 0) {
                    series.add(recentSeconds[i], recentSeconds[i], bucket);
                    bucket.reset();
                }
            }
        }

        /**
         * The buffer for this end second: a direct-mapped ring, so live samples (whose end seconds advance together)
         * stay in the stripe until a later second needs the slot; then the older second is handed to the shared
         * series. Returns null for a straggler whose slot already holds a later second: the caller records it in
         * the shared series directly.
         */
        SeriesAccumulator.Bucket recentBucket(long second) {
            int slot = (int) (second & (RECENT_SECONDS - 1));
            SeriesAccumulator.Bucket bucket = recent[slot];
            if (bucket == null) {
                bucket = new SeriesAccumulator.Bucket();
                recent[slot] = bucket;
                recentSeconds[slot] = second;
            } else if (recentSeconds[slot] != second) {
                if (recentSeconds[slot] > second && bucket.count > 0) {
                    return null;
                }
                if (bucket.count > 0) {
                    seriesLock.lock();
                    try {
                        series.add(recentSeconds[slot], recentSeconds[slot], bucket);
                    } finally {
                        seriesLock.unlock();
                    }
                    bucket.reset();
                }
                recentSeconds[slot] = second;
            }
            return bucket;
        }
    }
}
