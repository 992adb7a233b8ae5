package io.secperf.run;

import java.util.concurrent.TimeUnit;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.secperf.result.ResultAggregator;

/**
 * Benchmark P2 in isolation (JMH, not a test): what one call of secperf's listener costs a JMeter sampling thread,
 * in nanoseconds, so that {@code bench/p2-listener-jmh.sh} can state it as a share of JMeter's own CPU per sample
 * (measured end to end by {@code bench/p2-cpu-per-sample.sh}).
 *
 * <p>Why both: the end-to-end measurement carries the whole JMeter sample (HTTP client, sockets, other listeners),
 * whose CPU varies by tens of percent from block to block on a shared machine, so a cost of 1-3 % is inside its
 * noise; this benchmark isolates the listener call, with what it really does: a JMeter {@link HTTPSampleResult}
 * read into a sample, the error classification, the label lookup, the histograms and the per-second series of the
 * {@link ResultAggregator}. Each benchmark thread is a sampling thread with its own results (1 in 20 failed, two
 * labels), time-stamped with the wall clock as JMeter does, so new seconds reach the per-second series at the rate
 * of a real run (a simulated clock would run many times faster than any run, and the series would compact
 * hours of seconds per benchmark iteration). {@code baseline} does everything but the listener call (the result
 * taken and stamped), to be subtracted.
 *
 * <p>{@code java -cp ... org.openjdk.jmh.Main ListenerCostBench -t 1} (and {@code -t 2} for two threads on the
 * shared aggregator).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ListenerCostBench {

    /** One aggregator and listener for all threads, as in a run. */
    @State(Scope.Benchmark)
    public static class Run {
        LiveSampleListener listener;

        @Setup(Level.Trial)
        public void setUp() {
            listener = new LiveSampleListener(new ResultAggregator(), () -> { });
        }
    }

    /** A sampling thread's own results, reused round robin with a moving time stamp. */
    @State(Scope.Thread)
    public static class SamplingThread {
        final SampleEvent[] events = new SampleEvent[64];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < events.length; i++) {
                HTTPSampleResult r = new HTTPSampleResult();
                r.setSampleLabel(i % 2 == 0 ? "GET /api/items/{id}" : "Home page");
                boolean ok = i % 20 != 7;
                r.setSuccessful(ok);
                r.setResponseCode(ok ? "200" : "503");
                r.setResponseMessage(ok ? "OK" : "Service Unavailable");
                r.setStampAndTime(System.currentTimeMillis(), 3 + (i * 7) % 40);
                r.setLatency(2 + (i * 7) % 30);
                r.setConnectTime(i % 8 == 0 ? 1 : 0);
                r.setBytes(1_200L + i);
                r.setSentBytes(180L);
                r.setAllThreads(4);
                events[i] = new SampleEvent(r, "Thread Group");
            }
        }

        SampleEvent next() {
            SampleEvent event = events[next++ & (events.length - 1)];
            SampleResult r = event.getResult();
            r.setTimeStamp(System.currentTimeMillis());
            return event;
        }
    }

    @Benchmark
    public void listener(Run run, SamplingThread thread) {
        run.listener.sampleOccurred(thread.next());
    }

    @Benchmark
    public void baseline(SamplingThread thread, Blackhole hole) {
        hole.consume(thread.next());
    }
}
