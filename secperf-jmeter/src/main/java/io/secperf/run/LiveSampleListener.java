package io.secperf.run;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

/**
 * The bridge from JMeter to secperf: turns each top-level {@link SampleResult} into a {@link Sample} for the sink.
 * Sub-results (redirects, embedded resources, transaction children) stay inside their parent and are not counted
 * separately, as in JMeter's aggregate report.
 *
 * <p>It is {@link NoThreadClone}: JMeter would otherwise give every thread its own copy and the sink would see
 * nothing. It is called on JMeter's sampling threads, so it does the minimum: build a record, bump counters, call the
 * sink. A sink exception is caught (JMeter would log and ignore it per sample) and stops the run as FAILED.
 */
final class LiveSampleListener extends AbstractTestElement
        implements SampleListener, TestStateListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient SampleSink sink;
    private final transient Runnable onSinkFailure;
    private final transient Recorder intervalElapsed;
    private final transient LongAdder samples = new LongAdder();
    private final transient LongAdder failures = new LongAdder();
    private final transient LongAdder refused = new LongAdder();
    private final transient AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    private volatile boolean started;

    /**
     * @param sink            where samples go
     * @param onSinkFailure   called once, on the failing JMeter thread, when the sink first throws
     * @param recordIntervals whether to keep a per-interval histogram of elapsed times for progress reports
     */
    LiveSampleListener(SampleSink sink, Runnable onSinkFailure, boolean recordIntervals) {
        this.sink = sink;
        this.onSinkFailure = onSinkFailure;
        this.intervalElapsed = recordIntervals ? new Recorder(3) : null;
        setName("secperf live results");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult r = event.getResult();
        boolean success = r.isSuccessful();
        Sample sample = new Sample(r.getTimeStamp(), r.getTime(), r.getSampleLabel(), r.getResponseCode(),
                r.getResponseMessage(), success, success ? "" : firstFailureMessage(r), r.getBytesAsLong(),
                r.getSentBytes(), r.getLatency(), r.getConnectTime(), r.getAllThreads());
        samples.increment();
        if (!success) {
            failures.increment();
            if (isConnectionRefused(sample)) {
                refused.increment();
            }
        }
        if (intervalElapsed != null) {
            intervalElapsed.recordValue(Math.max(0, sample.elapsed()));
        }
        try {
            sink.accept(sample);
        } catch (RuntimeException e) {
            if (sinkFailure.compareAndSet(null, e)) {
                onSinkFailure.run();
            }
        }
    }

    /** The message of the first failed or erroneous assertion, like JMeter's CSV "failureMessage" column. */
    private static String firstFailureMessage(SampleResult r) {
        for (AssertionResult assertion : r.getAssertionResults()) {
            if (assertion.isFailure() || assertion.isError()) {
                String message = assertion.getFailureMessage();
                return message == null ? "" : message;
            }
        }
        return "";
    }

    /** JMeter reports a refused connection as a Non-HTTP ConnectException / HttpHostConnectException. */
    static boolean isConnectionRefused(Sample sample) {
        return sample.responseCode().contains("Connect")
                && sample.responseMessage().toLowerCase(Locale.ROOT).contains("connection refused");
    }

    @Override
    public void sampleStarted(SampleEvent event) {
        // only finished samples matter
    }

    @Override
    public void sampleStopped(SampleEvent event) {
        // only finished samples matter
    }

    @Override
    public void testStarted() {
        started = true;
    }

    @Override
    public void testStarted(String host) {
        started = true;
    }

    @Override
    public void testEnded() {
        // the runner observes the end through the engine
    }

    @Override
    public void testEnded(String host) {
        // the runner observes the end through the engine
    }

    boolean started() {
        return started;
    }

    long samples() {
        return samples.sum();
    }

    long failures() {
        return failures.sum();
    }

    long connectionRefused() {
        return refused.sum();
    }

    RuntimeException sinkFailure() {
        return sinkFailure.get();
    }

    /** Elapsed times recorded since the previous call; empty when intervals are not recorded. */
    Histogram takeInterval(Histogram recycle) {
        return intervalElapsed == null ? null : intervalElapsed.getIntervalHistogram(recycle);
    }
}
