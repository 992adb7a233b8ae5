package io.secperf.run;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;

import io.secperf.result.ErrorClass;
import io.secperf.result.FindingSink;
import io.secperf.result.Sample;
import io.secperf.result.SampleSink;
import io.secperf.sampler.SecurityFindings;

/**
 * The bridge from JMeter to secperf: turns each top-level {@link SampleResult} into a {@link Sample} for the sink.
 * Sub-results (redirects, embedded resources, transaction children) stay inside their parent and are not counted
 * separately, as in JMeter's aggregate report.
 *
 * <p>It is {@link NoThreadClone}: JMeter would otherwise give every thread its own copy and the sink would see
 * nothing. It is called on JMeter's sampling threads, so it does the minimum: build a record, bump counters, call the
 * sink. A sink exception is caught (JMeter would log and ignore it per sample) and stops the run as FAILED.
 *
 * <p>Results of secperf's security samplers ({@link SecurityFindings}) are checks, not legitimate traffic: they go to
 * the {@link FindingSink} only (findings, measurements, and the sample's start and end, which for an attack sample are
 * the attack window), never to the performance {@link SampleSink}. Counting them would distort exactly what the
 * security level wants to observe: a 20-second slow-header attack sample or a TLS probe of hundreds of handshakes
 * would show up as one huge "response time" in p95/p99 and in the per-second series, and the resilience comparison
 * would compare the attack with itself. They still reach stock JMeter listeners (a JTL written by JMeter has them).
 * Without a finding sink they are dropped here. Their count is not part of {@link #samples()}. A security sampler
 * that could not run at all (bad setting, unreachable target) returns a plain failed {@link SampleResult} instead,
 * which is counted like any failed sample, so it cannot pass unnoticed (docs/security-samplers.md).
 */
final class LiveSampleListener extends AbstractTestElement
        implements SampleListener, TestStateListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient SampleSink sink;
    private final transient FindingSink findingSink;
    private final transient Runnable onSinkFailure;
    private final transient LongAdder samples = new LongAdder();
    private final transient LongAdder failures = new LongAdder();
    private final transient LongAdder refused = new LongAdder();
    private final transient AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
    private volatile boolean started;

    /**
     * @param sink            where samples go
     * @param onSinkFailure   called once, on the failing JMeter thread, when the sink first throws
     */
    LiveSampleListener(SampleSink sink, Runnable onSinkFailure) {
        this(sink, null, onSinkFailure);
    }

    /**
     * @param sink            where samples go
     * @param findingSink     where security samplers' findings go, or null to drop them (they never go to {@code sink})
     * @param onSinkFailure   called once, on the failing JMeter thread, when a sink first throws
     */
    LiveSampleListener(SampleSink sink, FindingSink findingSink, Runnable onSinkFailure) {
        this.sink = sink;
        this.findingSink = findingSink;
        this.onSinkFailure = onSinkFailure;
        setName("secperf live results");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult r = event.getResult();
        if (r instanceof SecurityFindings security) {
            securityCheck(r, security);
            return;
        }
        boolean success = r.isSuccessful();
        Sample sample = new Sample(r.getTimeStamp(), r.getTime(), r.getSampleLabel(), r.getResponseCode(),
                r.getResponseMessage(), success, success ? "" : firstFailureMessage(r), r.getBytesAsLong(),
                r.getSentBytes(), r.getLatency(), r.getConnectTime(), r.getAllThreads());
        samples.increment();
        if (!success) {
            failures.increment();
            if (ErrorClass.of(sample) == ErrorClass.CONNECTION_REFUSED) {
                refused.increment();
            }
        }
        try {
            sink.accept(sample);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** A security sampler's result: to the finding sink with its time span, not to the performance statistics. */
    private void securityCheck(SampleResult r, SecurityFindings security) {
        if (findingSink == null) {
            return;
        }
        long start = r.getStartTime() > 0 ? r.getStartTime() : r.getTimeStamp();
        long end = r.getEndTime() > 0 ? r.getEndTime() : start + Math.max(0, r.getTime());
        try {
            findingSink.accept(security.check(), security.findings(), security.measurements(),
                    Instant.ofEpochMilli(start), Instant.ofEpochMilli(Math.max(start, end)));
            findingSink.notes(security.check(), security.notes(), security.incompleteReason());
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (sinkFailure.compareAndSet(null, e)) {
            onSinkFailure.run();
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

}
