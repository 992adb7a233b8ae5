package io.secperf.run;

import java.time.Duration;
import java.time.Instant;

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
 */
public record RunOutcome(Status status, StopCause stopCause, String failure, long samples, long failedSamples,
                         long connectionRefusedSamples, int unstoppedThreads, Instant started, Instant ended) {

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
