package io.secperf.result;

/**
 * Where samples go: the streaming aggregator, a JTL writer, or both. Implementations used by the live engine are
 * called concurrently from many JMeter threads and must be thread-safe.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(Sample sample);

    /**
     * The same as {@link #accept(Sample)} for a sample given as its fields (parameters as in {@link Sample}). A JTL
     * reader calls this for every row, so that a sink that does not keep the sample ({@link ResultAggregator}) can
     * take the fields as they are instead of having millions of short-lived {@code Sample} objects created for it.
     * The default builds the {@code Sample}.
     */
    default void acceptFields(long timeStamp, long elapsed, String label, String responseCode,
                              String responseMessage, boolean success, String failureMessage, long bytes,
                              long sentBytes, long latency, long connect, int allThreads) {
        accept(new Sample(timeStamp, elapsed, label, responseCode, responseMessage, success, failureMessage, bytes,
                sentBytes, latency, connect, allThreads));
    }
}
