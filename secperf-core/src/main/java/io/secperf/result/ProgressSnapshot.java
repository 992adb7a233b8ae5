package io.secperf.result;

/**
 * What a live progress line needs, cheap enough to take every second during a run.
 *
 * @param totalSamples    samples since the aggregator was created
 * @param totalErrors     failed samples since the aggregator was created
 * @param intervalSamples samples since the previous {@link ResultAggregator#progress()} call
 * @param intervalErrors  failed samples since the previous call
 * @param intervalP95Ms   95th percentile elapsed time of the interval's samples (2 significant digits; 0 if none)
 * @param intervalSeconds wall-clock seconds since the previous call (or since creation)
 */
public record ProgressSnapshot(long totalSamples, long totalErrors, long intervalSamples, long intervalErrors,
                              long intervalP95Ms, double intervalSeconds) {

    /** Samples per second over the interval; 0 for an empty interval. */
    public double intervalThroughput() {
        return intervalSeconds > 0 ? intervalSamples / intervalSeconds : 0;
    }
}
