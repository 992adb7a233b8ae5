package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/** Mutable, single-threaded running totals of one label; the caller provides the locking. */
final class LabelAccumulator {

    private static final int CLASSES = ErrorClass.values().length;
    /** Longest time taken at face value (about 34 years); garbage beyond it must not break the histograms. */
    static final long MAX_MILLIS = 1L << 40;
    /** Timestamps are kept within 1970-01-01 .. 2200-01-01 for the same reason. */
    static final long MAX_EPOCH_MILLIS = 7_258_118_400_000L;

    final Histogram elapsed = HistogramCodec.newHistogram(HistogramCodec.LABEL_DIGITS);
    long count;
    long errors;
    long elapsedSum;
    long minElapsed = Long.MAX_VALUE;
    long maxElapsed = Long.MIN_VALUE;
    long connectSum;
    long connectMax;
    long latencySum;
    long latencyMax;
    long received;
    long sent;
    long firstStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;
    final long[] errorsByClass = new long[CLASSES];
    final ErrorKindTable errorKinds = new ErrorKindTable();

    /**
     * Records one sample; {@code start} and {@code time} are already clamped ({@link #epochMillis}, {@link #millis}),
     * the other values are clamped here.
     */
    void record(long start, long time, long connectTime, long latencyTime, long bytes, long sentBytes,
                ErrorClass errorClass, ErrorKindTable.PendingKind kind) {
        elapsed.recordValue(time);
        count++;
        elapsedSum += time;
        if (time < minElapsed) {
            minElapsed = time;
        }
        if (time > maxElapsed) {
            maxElapsed = time;
        }
        long connect = millis(connectTime);
        connectSum += connect;
        if (connect > connectMax) {
            connectMax = connect;
        }
        long latency = millis(latencyTime);
        latencySum += latency;
        if (latency > latencyMax) {
            latencyMax = latency;
        }
        received += Math.max(0, bytes);
        sent += Math.max(0, sentBytes);
        if (start < firstStart) {
            firstStart = start;
        }
        long end = start + time;
        if (end > lastEnd) {
            lastEnd = end;
        }
        if (errorClass != ErrorClass.NONE) {
            errors++;
            errorsByClass[errorClass.ordinal()]++;
            if (kind != null) {
                errorKinds.record(kind);
            }
        }
    }

    /** A duration clamped to 0 .. {@link #MAX_MILLIS}: negative or absurd values only come from damaged input. */
    static long millis(long value) {
        return Math.max(0, Math.min(MAX_MILLIS, value));
    }

    /** A timestamp clamped to 0 .. {@link #MAX_EPOCH_MILLIS}. */
    static long epochMillis(long value) {
        return Math.max(0, Math.min(MAX_EPOCH_MILLIS, value));
    }

    void add(LabelAccumulator other) {
        if (other.count == 0) {
            return;
        }
        elapsed.add(other.elapsed);
        count += other.count;
        errors += other.errors;
        elapsedSum += other.elapsedSum;
        minElapsed = Math.min(minElapsed, other.minElapsed);
        maxElapsed = Math.max(maxElapsed, other.maxElapsed);
        connectSum += other.connectSum;
        connectMax = Math.max(connectMax, other.connectMax);
        latencySum += other.latencySum;
        latencyMax = Math.max(latencyMax, other.latencyMax);
        received += other.received;
        sent += other.sent;
        firstStart = Math.min(firstStart, other.firstStart);
        lastEnd = Math.max(lastEnd, other.lastEnd);
        for (int i = 0; i < CLASSES; i++) {
            errorsByClass[i] += other.errorsByClass[i];
        }
        errorKinds.add(other.errorKinds);
    }

    LabelAccumulator copy() {
        LabelAccumulator copy = new LabelAccumulator();
        copy.add(this);
        return copy;
    }

    long footprintBytes() {
        return elapsed.getEstimatedFootprintInBytes() + 8L * (16 + CLASSES) + errorKinds.footprintBytes();
    }

    LabelStats toStats(String label) {
        Map<ErrorClass, Long> classes = new EnumMap<>(ErrorClass.class);
        for (ErrorClass errorClass : ErrorClass.errorClasses()) {
            classes.put(errorClass, errorsByClass[errorClass.ordinal()]);
        }
        if (count == 0) {
            return new LabelStats(label, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    classes, ErrorKinds.none(), HistogramCodec.encode(elapsed));
        }
        long span = lastEnd - firstStart;
        return new LabelStats(label, count, errors, (double) errors / count,
                minElapsed, maxElapsed, (double) elapsedSum / count,
                percentile(50), percentile(90), percentile(95), percentile(99), percentile(99.9),
                span > 0 ? count * 1000.0 / span : 0, firstStart, lastEnd, elapsedSum,
                (double) connectSum / count, connectMax, connectSum,
                (double) latencySum / count, latencyMax, latencySum,
                received, sent, classes, errorKinds.toKinds(), HistogramCodec.encode(elapsed));
    }

    private long percentile(double p) {
        long value = elapsed.getValueAtPercentile(p);
        return Math.max(minElapsed, Math.min(maxElapsed, value));
    }

    static LabelAccumulator of(LabelStats stats) {
        LabelAccumulator a = new LabelAccumulator();
        if (stats.count() == 0) {
            return a;
        }
        Histogram decoded = HistogramCodec.decode(stats.histogram(), HistogramCodec.LABEL_DIGITS);
        if (decoded.getTotalCount() != stats.count()) {
            throw new IllegalArgumentException("label '" + stats.label() + "': histogram holds "
                    + decoded.getTotalCount() + " values but count is " + stats.count());
        }
        a.elapsed.add(decoded);
        a.count = stats.count();
        a.errors = stats.errors();
        a.elapsedSum = stats.elapsedSumMs();
        a.minElapsed = stats.minMs();
        a.maxElapsed = stats.maxMs();
        a.connectSum = stats.connectSumMs();
        a.connectMax = stats.connectMaxMs();
        a.latencySum = stats.latencySumMs();
        a.latencyMax = stats.latencyMaxMs();
        a.received = stats.receivedBytes();
        a.sent = stats.sentBytes();
        a.firstStart = stats.firstStartEpochMs();
        a.lastEnd = stats.lastEndEpochMs();
        for (Map.Entry<ErrorClass, Long> e : stats.errorsByClass().entrySet()) {
            if (e.getKey() != ErrorClass.NONE) {
                a.errorsByClass[e.getKey().ordinal()] = e.getValue();
            }
        }
        if (stats.errorKinds().total() != stats.errors()) {
            throw new IllegalArgumentException("label '" + stats.label() + "': error kinds count "
                    + stats.errorKinds().total() + " errors but errors is " + stats.errors());
        }
        a.errorKinds.add(stats.errorKinds());
        return a;
    }
}
