package io.secperf.result;

/**
 * Where samples go: the streaming aggregator, a JTL writer, or both. Implementations used by the live engine are
 * called concurrently from many JMeter threads and must be thread-safe.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(Sample sample);
}
