package io.secperf.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

/** Keeps every sample, for exact assertions in tests (real sinks aggregate in constant memory). */
final class CollectingSink implements SampleSink {

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(Sample sample) {
        samples.add(sample);
    }

    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    int size() {
        return samples.size();
    }

    Map<String, Long> countsByLabel() {
        return samples.stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
    }

    <K> Map<K, Long> countsBy(Function<Sample, K> key) {
        return samples.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
