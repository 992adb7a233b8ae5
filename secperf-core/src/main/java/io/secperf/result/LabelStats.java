package io.secperf.result;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Aggregated statistics of one sampler label (or of all samples, see {@link RunResult#overall()}). Times are in
 * milliseconds. Besides the familiar numbers it carries the raw sums and the encoded histogram, because those are
 * what lets results of several runs merge exactly ({@link RunResult#merge}). All numbers are 0 when count is 0.
 *
 * @param label             sampler label ({@link RunResult#OVERALL_LABEL} for the overall row)
 * @param count             samples
 * @param errors            failed samples (JMeter's success flag false)
 * @param errorRate         errors / count, 0..1
 * @param minMs             exact minimum elapsed time
 * @param maxMs             exact maximum elapsed time
 * @param meanMs            exact mean elapsed time
 * @param p50Ms             50th percentile (HdrHistogram, 3 significant digits; clamped to min..max)
 * @param p90Ms             90th percentile
 * @param p95Ms             95th percentile
 * @param p99Ms             99th percentile
 * @param p999Ms            99.9th percentile
 * @param throughput        requests per second: count / (lastEndEpochMs - firstStartEpochMs); 0 when that span is 0
 * @param firstStartEpochMs earliest sample start
 * @param lastEndEpochMs    latest sample end (start + elapsed)
 * @param elapsedSumMs      sum of elapsed times (exact mean after merge)
 * @param connectMeanMs     mean connect time
 * @param connectMaxMs      maximum connect time
 * @param connectSumMs      sum of connect times
 * @param latencyMeanMs     mean latency (time to first byte)
 * @param latencyMaxMs      maximum latency
 * @param latencySumMs      sum of latencies
 * @param receivedBytes     sum of received bytes
 * @param sentBytes         sum of sent bytes
 * @param errorsByClass     failed samples per {@link ErrorClass} (every class but NONE, in declaration order)
 * @param errorKinds        the most frequent causes of the failed samples ({@link ErrorKinds}); documents written
 *                          before it existed read as "every error in others"
 * @param histogram         elapsed-time histogram, HdrHistogram compressed encoding in base64
 */
public record LabelStats(String label, long count, long errors, double errorRate,
                         long minMs, long maxMs, double meanMs,
                         long p50Ms, long p90Ms, long p95Ms, long p99Ms, long p999Ms,
                         double throughput, long firstStartEpochMs, long lastEndEpochMs, long elapsedSumMs,
                         double connectMeanMs, long connectMaxMs, long connectSumMs,
                         double latencyMeanMs, long latencyMaxMs, long latencySumMs,
                         long receivedBytes, long sentBytes,
                         Map<ErrorClass, Long> errorsByClass, ErrorKinds errorKinds, String histogram) {

    public LabelStats {
        label = label == null ? "" : label;
        EnumMap<ErrorClass, Long> classes = new EnumMap<>(ErrorClass.class);
        for (ErrorClass errorClass : ErrorClass.errorClasses()) {
            Long value = errorsByClass == null ? null : errorsByClass.get(errorClass);
            classes.put(errorClass, value == null ? 0L : value);
        }
        errorsByClass = Collections.unmodifiableMap(classes);
        errorKinds = errorKinds == null ? new ErrorKinds(null, Math.max(0, errors)) : errorKinds;
        histogram = histogram == null ? "" : histogram;
    }

    /** Merges label statistics exactly (counts, sums, extremes, histograms); the label of the first one is kept. */
    public static LabelStats merge(String label, Iterable<LabelStats> stats) {
        LabelAccumulator accumulator = new LabelAccumulator();
        for (LabelStats s : stats) {
            accumulator.add(LabelAccumulator.of(s));
        }
        return accumulator.toStats(label);
    }
}
