package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/** Mutable, single-threaded running totals of one label; the caller provides the locking. */
final class LabelAccumulator {

    private static final int CLASSES = ErrorClass.values().length;

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

    void record(Sample sample, ErrorClass errorClass) {
        long time = Math.max(0, sample.elapsed());
        elapsed.recordValue(time);
        count++;
        elapsedSum += time;
        if (time < minElapsed) {
            minElapsed = time;
        }
        if (time > maxElapsed) {
            maxElapsed = time;
        }
        long connect = Math.max(0, sample.connect());
        connectSum += connect;
        if (connect > connectMax) {
            connectMax = connect;
        }
        long latency = Math.max(0, sample.latency());
        latencySum += latency;
        if (latency > latencyMax) {
            latencyMax = latency;
        }
        received += Math.max(0, sample.bytes());
        sent += Math.max(0, sample.sentBytes());
        if (sample.timeStamp() < firstStart) {
            firstStart = sample.timeStamp();
        }
        long end = sample.timeStamp() + time;
        if (end > lastEnd) {
            lastEnd = end;
        }
        if (errorClass != ErrorClass.NONE) {
            errors++;
            errorsByClass[errorClass.ordinal()]++;
        }
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
    }

    LabelAccumulator copy() {
        LabelAccumulator copy = new LabelAccumulator();
        copy.add(this);
        return copy;
    }

    long footprintBytes() {
        return elapsed.getEstimatedFootprintInBytes() + 8L * (16 + CLASSES);
    }

    LabelStats toStats(String label) {
        Map<ErrorClass, Long> classes = new EnumMap<>(ErrorClass.class);
        for (ErrorClass errorClass : ErrorClass.errorClasses()) {
            classes.put(errorClass, errorsByClass[errorClass.ordinal()]);
        }
        if (count == 0) {
            return new LabelStats(label, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    classes, HistogramCodec.encode(elapsed));
        }
        long span = lastEnd - firstStart;
        return new LabelStats(label, count, errors, (double) errors / count,
                minElapsed, maxElapsed, (double) elapsedSum / count,
                percentile(50), percentile(90), percentile(95), percentile(99), percentile(99.9),
                span > 0 ? count * 1000.0 / span : 0, firstStart, lastEnd, elapsedSum,
                (double) connectSum / count, connectMax, connectSum,
                (double) latencySum / count, latencyMax, latencySum,
                received, sent, classes, HistogramCodec.encode(elapsed));
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
        return a;
    }
}
