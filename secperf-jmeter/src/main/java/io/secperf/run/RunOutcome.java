package io.secperf.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.secperf.result.EngineCount;

/**
 * How a run ended. Samples themselves went to the request's sink; this says whether they cover the whole plan.
 *
 * @param status                   COMPLETE, STOPPED or FAILED
 * @param stopCause                why a STOPPED run stopped (NONE otherwise)
 * @param failure                  one-line reason when FAILED, else null
 * @param samples                  top-level samples delivered to the sink
 * @param failedSamples            of which failed
 * @param connectionRefusedSamples of which failed because the target refused the connection
 * @param unstoppedThreads         JMeter threads still running when the runner gave up waiting (0 normally)
 * @param started                  when the engine was started
 * @param ended                    when the runner returned
 * @param engines                  per remote engine of a distributed run, what it sent; empty for a local run
 * @param partialReason            why a distributed run's result is partial although it ended (an engine was lost),
 *                                 else null
 */
public record RunOutcome(Status status, StopCause stopCause, String failure, long samples, long failedSamples,
                         long connectionRefusedSamples, int unstoppedThreads, Instant started, Instant ended,
                         List<EngineCount> engines, String partialReason) {

    public RunOutcome {
        engines = engines == null ? List.of() : List.copyOf(engines);
    }

    /** The outcome of a run in this JVM (no remote engines). */
    public RunOutcome(Status status, StopCause stopCause, String failure, long samples, long failedSamples,
                      long connectionRefusedSamples, int unstoppedThreads, Instant started, Instant ended) {
        this(status, stopCause, failure, samples, failedSamples, connectionRefusedSamples, unstoppedThreads, started,
                ended, List.of(), null);
    }

    /** Whether the plan ran to its end. */
    public enum Status {
        /** The plan ended by itself. */
        COMPLETE,
        /** The run was stopped (see {@link StopCause}); the samples are a valid partial result. */
        STOPPED,
        /** The engine or the sample sink failed; the samples gathered so far were still delivered. */
        FAILED
    }

    /** Who stopped a STOPPED run. */
    public enum StopCause {
        NONE,
        /** {@link JMeterRun#stop()}, e.g. Ctrl-C or SIGTERM. */
        USER,
        /** The requested duration (plus grace) elapsed while the plan was still running. */
        DURATION
    }

    public Duration elapsed() {
        return Duration.between(started, ended);
    }

    /** True when there were samples and every one failed with "connection refused": the target is not listening. */
    public boolean targetRefusedEverySample() {
        return samples > 0 && connectionRefusedSamples == samples;
    }
}
