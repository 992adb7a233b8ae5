package io.secperf.gate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;

/** Builds real results (through the real aggregator) from synthetic samples. */
final class Results {

    /** A start time whose epoch second is a multiple of 256, so widened buckets align with it. */
    static final long T0 = 1_700_000_000_000L;

    private Results() {
    }

    static Sample ok(String label, long startMs, long elapsed) {
        return new Sample(startMs, elapsed, label, "200", "OK", true, "", 100, 50, elapsed, 0, 1);
    }

    static Sample failed(String label, long startMs, long elapsed, String code) {
        String message = code.startsWith("Non HTTP") ? "Non HTTP response message: Read timed out" : "Error";
        return new Sample(startMs, elapsed, label, code, message, false, "", 100, 50, elapsed, 0, 1);
    }

    static RunResult aggregate(Collection<Sample> samples) {
        ResultAggregator aggregator = new ResultAggregator();
        samples.forEach(aggregator::accept);
        return aggregator.finish();
    }

    static ResultDocument document(RunResult result) {
        return ResultDocument.of(RunInfo.of("plan", null, null, null, null, null, null), RunStatus.complete(),
                IngestInfo.live(result.overall().count()), result);
    }

    /** {@code perSecond} samples of {@code elapsed} ms ending in each of {@code seconds} seconds from {@code from}. */
    static List<Sample> steady(String label, long fromSecond, int seconds, int perSecond, long elapsed) {
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                long end = (fromSecond + s) * 1000 + (i * 1000L / perSecond);
                samples.add(ok(label, end - elapsed, elapsed));
            }
        }
        return samples;
    }
}
