package io.secperf.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, immutable and mergeable: the overall statistics, one entry per label, the time series and the
 * error-class totals. Merging the results of several runs or agents ({@link #merge}) gives exactly what one
 * aggregator fed with all their samples would give.
 *
 * @param overall      all samples together (label {@value #OVERALL_LABEL})
 * @param labels       per label, ordered by first sample start, then by label
 * @param timeSeries   overall per-second series
 * @param errorClasses failed samples per error class over all labels (same as overall.errorsByClass)
 */
public record RunResult(LabelStats overall, List<LabelStats> labels, TimeSeries timeSeries,
                        Map<ErrorClass, Long> errorClasses) {

    /** Label of the overall row, as in JMeter's own reports. */
    public static final String OVERALL_LABEL = "TOTAL";

    /** Stable label order: first seen (earliest start) first; ties by label. Identical for merged results. */
    static final Comparator<LabelStats> LABEL_ORDER = Comparator
            .comparingLong((LabelStats s) -> s.count() == 0 ? Long.MAX_VALUE : s.firstStartEpochMs())
            .thenComparing(LabelStats::label);

    public RunResult {
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (overall == null) {
            overall = new LabelAccumulator().toStats(OVERALL_LABEL);
        }
        if (timeSeries == null) {
            timeSeries = new SeriesAccumulator(ResultAggregator.MAX_SERIES_BUCKETS).toSeries();
        }
        EnumMap<ErrorClass, Long> classes = new EnumMap<>(ErrorClass.class);
        for (ErrorClass errorClass : ErrorClass.errorClasses()) {
            Long value = errorClasses == null ? null : errorClasses.get(errorClass);
            classes.put(errorClass, value == null ? overall.errorsByClass().get(errorClass) : value);
        }
        errorClasses = Collections.unmodifiableMap(classes);
    }

    /** A result without samples. */
    public static RunResult empty() {
        return from(Map.of(), new SeriesAccumulator(ResultAggregator.MAX_SERIES_BUCKETS).toSeries());
    }

    /** Merges results exactly: counts, sums, extremes, histograms, percentiles and the time series. */
    public static RunResult merge(RunResult... results) {
        return merge(List.of(results));
    }

    /** Merges results exactly; see {@link #merge(RunResult...)}. */
    public static RunResult merge(List<RunResult> results) {
        Map<String, LabelAccumulator> labels = new HashMap<>();
        int maxBuckets = Integer.MAX_VALUE;
        for (RunResult r : results) {
            maxBuckets = Math.min(maxBuckets, r.timeSeries().maxBuckets());
        }
        if (maxBuckets == Integer.MAX_VALUE) {
            maxBuckets = ResultAggregator.MAX_SERIES_BUCKETS;
        }
        SeriesAccumulator series = new SeriesAccumulator(maxBuckets);
        for (RunResult r : results) {
            for (LabelStats s : r.labels()) {
                labels.computeIfAbsent(s.label(), k -> new LabelAccumulator()).add(LabelAccumulator.of(s));
            }
            SeriesAccumulator.checkShape(r.timeSeries());
            series.addAll(r.timeSeries());
        }
        return from(labels, series.toSeries());
    }

    static RunResult from(Map<String, LabelAccumulator> labels, TimeSeries series) {
        LabelAccumulator overall = new LabelAccumulator();
        List<LabelStats> stats = new ArrayList<>(labels.size());
        for (Map.Entry<String, LabelAccumulator> e : labels.entrySet()) {
            if (e.getValue().count > 0) {
                overall.add(e.getValue());
                stats.add(e.getValue().toStats(e.getKey()));
            }
        }
        stats.sort(LABEL_ORDER);
        LabelStats overallStats = overall.toStats(OVERALL_LABEL);
        return new RunResult(overallStats, stats, series, overallStats.errorsByClass());
    }

    /**
     * Decodes every histogram and checks it against its counts, so that a damaged document fails when it is read,
     * not later in a merge.
     *
     * @throws IllegalArgumentException naming the first inconsistency
     */
    void verify() {
        LabelAccumulator.of(overall);
        for (LabelStats s : labels) {
            LabelAccumulator.of(s);
        }
        SeriesAccumulator.of(timeSeries);
    }

    /** Statistics of one label, or null when the run has no such label. */
    public LabelStats label(String label) {
        for (LabelStats s : labels) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
