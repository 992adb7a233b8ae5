package io.secperf.ci;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The order in which a running secperf step ends, so that an abort never races the build's end. The step's worker
 * thread runs the forked runner and records its result; {@link #stop} only asks it to stop (the caller interrupts
 * the worker, which kills the runner and waits for it to exit). The step is completed exactly once:
 * <ol>
 *   <li>normally: by the worker, with its result or error;</li>
 *   <li>after a stop: by the worker once it has recorded what the runner left (the partial result), with the stop
 *       cause; or, when the worker has not finished within {@link #STOP_WAIT_SECONDS}, by {@link #stopDeadline}.</li>
 * </ol>
 * Recording goes through {@link #recordIfOpen}: completion waits for a recording under way, and a recording never
 * starts after completion, so nothing is added to the build after the step completed (and so, possibly, after the
 * build ended). {@link #stop} never waits for a recording: Jenkins calls it on the pipeline's own thread.
 *
 * @param <T> the step's return value
 */
public final class StepCompletion<T> {

    /**
     * How long a stopped step waits for its worker (runner exit, then recording) before it completes anyway. Jenkins
     * kills the runner after {@code SoftKillWaitSeconds} (5 s by default); the rest is for copying the output.
     */
    public static final int STOP_WAIT_SECONDS = 60;

    /** A recording that may throw what copying files throws. */
    @FunctionalInterface
    public interface Recording {
        void record() throws Exception;
    }

    private final Consumer<T> onSuccess;
    private final Consumer<Throwable> onFailure;
    /** Held while recording and while completing: orders the two. Always taken before {@link #state}. */
    private final Object recording = new Object();
    /** Guards the fields; never held while recording or calling back. */
    private final Object state = new Object();
    private boolean completed;
    private Throwable stopCause;

    public StepCompletion(Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        this.onSuccess = Objects.requireNonNull(onSuccess);
        this.onFailure = Objects.requireNonNull(onFailure);
    }

    /**
     * A stop was requested. Returns true for the first stop of a running step: the caller then interrupts the worker
     * and schedules {@link #stopDeadline} after {@link #STOP_WAIT_SECONDS}. Never completes the step itself.
     */
    public boolean stop(Throwable cause) {
        synchronized (state) {
            if (completed || stopCause != null) {
                return false;
            }
            stopCause = Objects.requireNonNull(cause);
            return true;
        }
    }

    /** The worker ended with a value. After a stop the step fails with the stop cause instead. */
    public boolean succeed(T value) {
        Completion completion = completeOnce();
        if (!completion.first()) {
            return false;
        }
        Throwable cause = completion.stopCause();
        if (cause == null) {
            onSuccess.accept(value);
        } else {
            onFailure.accept(cause);
        }
        return true;
    }

    /** The worker ended with an error. After a stop the stop cause wins (the error is attached as suppressed). */
    public boolean fail(Throwable error) {
        Completion completion = completeOnce();
        if (!completion.first()) {
            return false;
        }
        Throwable cause = completion.stopCause();
        if (cause == null) {
            onFailure.accept(error);
        } else {
            if (error != null && error != cause) {
                cause.addSuppressed(error);
            }
            onFailure.accept(cause);
        }
        return true;
    }

    /** Whether this call completed the step (only the first does), and the stop cause seen at that moment. */
    private record Completion(boolean first, Throwable stopCause) {
    }

    /** Marks the step completed; waits for a recording in progress, so a partial result is never added after it. */
    private Completion completeOnce() {
        synchronized (recording) {
            synchronized (state) {
                if (completed) {
                    return new Completion(false, null);
                }
                completed = true;
                return new Completion(true, stopCause);
            }
        }
    }

    /**
     * The bounded wait after a stop is over: completes the step with the stop cause when the worker has not done so.
     * Returns true when it did (the partial result, if the worker records it later, is then not added).
     */
    public boolean stopDeadline() {
        Throwable cause;
        synchronized (recording) {
            synchronized (state) {
                if (completed || stopCause == null) {
                    return false;
                }
                completed = true;
                cause = stopCause;
            }
        }
        onFailure.accept(cause);
        return true;
    }

    /**
     * Runs the recording unless the step has already completed; completion waits for a recording under way. Returns
     * false when the recording was skipped.
     */
    public boolean recordIfOpen(Recording work) throws Exception {
        synchronized (recording) {
            synchronized (state) {
                if (completed) {
                    return false;
                }
            }
            work.record();
            return true;
        }
    }

    public boolean isCompleted() {
        synchronized (state) {
            return completed;
        }
    }

    public boolean isStopped() {
        synchronized (state) {
            return stopCause != null;
        }
    }
}
