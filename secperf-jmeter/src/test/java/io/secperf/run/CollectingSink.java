package io.secperf.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.secperf.jtl.Jtl;
import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

/** Keeps every sample, for exact assertions in tests (real sinks aggregate in constant memory). */
final class CollectingSink implements SampleSink {

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(Sample sample) {
        samples.add(sample);
    }

    /**
     * The samples of a CSV JTL written by a stock JMeter {@code ResultCollector} in the plan: how tests see the
     * security samplers' results, which secperf's live listener keeps out of the performance statistics.
     */
    static CollectingSink fromJtl(Path jtl) throws IOException {
        CollectingSink sink = new CollectingSink();
        Jtl.read(jtl, sink);
        return sink;
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
