package io.secperf.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.jmeter.engine.JMeterEngineException;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.RemoteThreadsListenerTestElement;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

import io.secperf.run.RunOutcome.Status;
import io.secperf.run.RunOutcome.StopCause;

/**
 * Runs one JMeter test plan in this JVM with JMeter's own {@link StandardJMeterEngine} (non-GUI), streaming every
 * sample to the request's sink.
 *
 * <p>Usage: {@code RunOutcome outcome = new JMeterRun(request).run();} on the calling thread (it blocks until the plan
 * ends); {@link #stop()} from any other thread, e.g. a shutdown hook. A stopped or failed run still returns normally,
 * with everything measured so far already delivered to the sink, so the caller can write partial results.
 *
 * <p>JMeter keeps global state (properties, thread counters, the engine singleton), so only one run may be active per
 * JVM at a time; sequential runs are fine. Plans are trusted input: see {@link PlanLoader}.
 */
public final class JMeterRun {

    private static final ReentrantLock ENGINE = new ReentrantLock();
    private static final long POLL_MILLIS = 50;
    /** After interrupting samplers, how long to wait for JMeter threads before giving up on them. */
    private static final Duration HARD_STOP_WAIT = Duration.ofSeconds(5);

    private final RunRequest request;
    private final AtomicBoolean used = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean sinkFailed;
    private volatile boolean running;

    public JMeterRun(RunRequest request) {
        this.request = java.util.Objects.requireNonNull(request, "request");
    }

    /**
     * Loads the plan, checks the target, runs the test and blocks until it ends or is stopped. A JMeterRun runs once.
     *
     * @return how the run ended; the samples went to the request's sink
     * @throws PlanException              if the plan cannot be run or transformed (nothing was sent)
     * @throws TargetUnreachableException if the target refused or ignored a TCP connect (nothing was sent)
     * @throws EngineUnreachableException if too few remote engines answered or one lacks secperf-jmeter-ext (nothing
     *                                    was started)
     * @throws IllegalStateException      if this object already ran or another run is active in this JVM
     */
    public RunOutcome run() throws PlanException, TargetUnreachableException, EngineUnreachableException {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a JMeterRun runs once; create a new one");
        }
        running = true;
        try {
            JMeterHome.initialise();
            if (!ENGINE.tryLock()) {
                throw new IllegalStateException("another JMeter run is active in this JVM");
            }
            try (PropertyScope ignored = PropertyScope.apply(request.jmeterProperties());
                 RunLogFile ignoredLog = RunLogFile.attach(request.logFile())) {
                HashTree tree = PlanLoader.load(request.plan());
                if (request.transform() != null) {
                    tree = transform(tree);
                }
                if (request.target() != null && request.remote() == null) { // engines may see what we cannot
                    TargetCheck.verify(request.target(), request.targetCheckTimeout());
                }
                return request.remote() == null ? execute(tree) : executeRemotely(tree);
            } finally {
                ENGINE.unlock();
            }
        } finally {
            running = false;
            finished.countDown();
        }
    }

    private HashTree transform(HashTree tree) throws PlanException {
        try {
            HashTree changed = request.transform().apply(tree);
            if (changed == null) {
                throw new IllegalStateException("the plan transform returned no plan");
            }
            return changed;
        } catch (PlanException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the caller's stop must still see it
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PlanException(PlanException.Kind.TRANSFORM_FAILED, request.plan(), message, e);
        }
    }

    /**
     * Stops the test cleanly: no new samples start, running ones finish (interrupted after the request's stop
     * timeout). Blocks until {@link #run()} has returned or a bounded wait expires, then returns normally; callable
     * from any thread, any number of times, also before or after the run.
     */
    public void stop() {
        stopRequested = true;
        if (!running) {
            return;
        }
        long waitMillis = request.stopTimeout().plus(HARD_STOP_WAIT).plusSeconds(2).toMillis();
        try {
            finished.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RunOutcome execute(HashTree tree) {
        LiveSampleListener listener = new LiveSampleListener(request.sink(), request.findings(),
                () -> sinkFailed = true);
        Object testPlan = tree.getArray()[0];
        tree.add(testPlan, listener);
        // As in JMeter's non-GUI mode: keeps thread counts right for listeners such as the Summariser.
        tree.add(testPlan, new RemoteThreadsListenerTestElement());

        Instant started = Instant.now();
        setStartProperties(started);
        if (stopRequested) {
            return new RunOutcome(Status.STOPPED, StopCause.USER, null, 0, 0, 0, 0, started, Instant.now());
        }
        StandardJMeterEngine engine = new StandardJMeterEngine();
        ScheduledExecutorService ticker = startProgress(request, listener, System.nanoTime());
        String engineFailure = null;
        StopCause stopCause = StopCause.NONE;
        int unstopped = 0;
        try {
            engine.configure(tree);
            engine.runTest();
            long startNanos = System.nanoTime();
            long deadline = request.duration() == null ? Long.MAX_VALUE
                    : startNanos + request.duration().plus(request.durationGrace()).toNanos();
            long gracefulAt = 0;
            long hardAt = 0;
            while (true) {
                try {
                    engine.awaitTermination(Duration.ofMillis(POLL_MILLIS));
                    break;
                } catch (TimeoutException stillRunning) {
                    // fall through to the stop checks
                } catch (ExecutionException crash) {
                    engineFailure = "JMeter engine failed: " + describe(crash.getCause());
                    break;
                }
                long now = System.nanoTime();
                if (stopCause == StopCause.NONE) {
                    if (stopRequested) {
                        stopCause = StopCause.USER;
                    } else if (now - deadline >= 0) {
                        stopCause = StopCause.DURATION;
                    }
                }
                if (gracefulAt == 0 && (stopCause != StopCause.NONE || sinkFailed)) {
                    engine.stopTest(false);
                    gracefulAt = now;
                } else if (gracefulAt != 0 && hardAt == 0 && now - gracefulAt >= request.stopTimeout().toNanos()) {
                    engine.stopTest(true);
                    hardAt = now;
                } else if (hardAt != 0 && now - hardAt >= HARD_STOP_WAIT.toNanos()) {
                    unstopped = Math.max(1, JMeterContextService.getThreadCounts().activeThreads);
                    break;
                }
            }
        } catch (JMeterEngineException | RuntimeException e) {
            engineFailure = "JMeter engine failed: " + describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.stopTest(true);
            engineFailure = "interrupted while waiting for the JMeter engine";
        } finally {
            ticker.shutdownNow();
        }
        if (engineFailure != null && unstopped == 0 && JMeterContextService.getTestStartTime() != 0) {
            // The engine died before its own cleanup; without this the next run in this JVM inherits its counters.
            JMeterContextService.endTest();
        }

        Status status;
        String failure = null;
        if (engineFailure != null) {
            status = Status.FAILED;
            failure = engineFailure;
        } else if (listener.sinkFailure() != null) {
            status = Status.FAILED;
            failure = "sample sink failed: " + describe(listener.sinkFailure());
        } else if (!listener.started()) {
            status = Status.FAILED;
            failure = "the JMeter engine ended before the test started (see the JMeter log)";
        } else if (stopCause != StopCause.NONE) {
            status = Status.STOPPED;
        } else {
            status = Status.COMPLETE;
        }
        if (status != Status.STOPPED) {
            stopCause = StopCause.NONE;
        }
        return new RunOutcome(status, stopCause, failure, listener.samples(), listener.failures(),
                listener.connectionRefused(), unstopped, started, Instant.now());
    }

    private RunOutcome executeRemotely(HashTree tree) throws EngineUnreachableException {
        LiveSampleListener listener = new LiveSampleListener(request.sink(), request.findings(),
                () -> sinkFailed = true);
        setStartProperties(Instant.now());
        if (stopRequested) {
            return new RunOutcome(Status.STOPPED, StopCause.USER, null, 0, 0, 0, 0, Instant.now(), Instant.now());
        }
        return new RemoteRun(request, () -> stopRequested, () -> sinkFailed).execute(tree, listener);
    }

    static ScheduledExecutorService startProgress(RunRequest request, LiveSampleListener listener, long startNanos) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "secperf-progress");
            thread.setDaemon(true);
            return thread;
        });
        ProgressListener progress = request.progress();
        if (progress == null) {
            return ticker;
        }
        ticker.scheduleAtFixedRate(new Runnable() {
            private long lastNanos = startNanos;
            private long lastSamples;

            @Override
            public void run() {
                long now = System.nanoTime();
                long samples = listener.samples();
                double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
                Progress snapshot = new Progress(Duration.ofNanos(now - startNanos), samples, listener.failures(),
                        (samples - lastSamples) / seconds, JMeterContextService.getThreadCounts().activeThreads);
                lastNanos = now;
                lastSamples = samples;
                try {
                    progress.onProgress(snapshot);
                } catch (RuntimeException ignored) {
                    // progress is cosmetic; never let it end the ticker
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    /** JMeter's launcher sets these once per process; plans may read them with __P. */
    private static void setStartProperties(Instant now) {
        JMeterUtils.setProperty("START.MS", Long.toString(now.toEpochMilli()));
        JMeterUtils.setProperty("START.YMD", DateTimeFormatter.ofPattern("yyyyMMdd")
                .withZone(ZoneId.systemDefault()).format(now));
        JMeterUtils.setProperty("START.HMS", DateTimeFormatter.ofPattern("HHmmss")
                .withZone(ZoneId.systemDefault()).format(now));
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return text.replaceAll("\\s+", " ").strip();
    }

    /** JMeter properties set for one run and restored afterwards, so runs in one JVM do not leak into each other. */
    private static final class PropertyScope implements AutoCloseable {
        private final Map<String, Object> previous = new LinkedHashMap<>();

        static PropertyScope apply(Map<String, String> values) {
            PropertyScope scope = new PropertyScope();
            Properties props = JMeterUtils.getJMeterProperties();
            values.forEach((name, value) -> {
                scope.previous.put(name, props.get(name));
                props.setProperty(name, value);
            });
            return scope;
        }

        @Override
        public void close() {
            Properties props = JMeterUtils.getJMeterProperties();
            previous.forEach((name, value) -> {
                if (value == null) {
                    props.remove(name);
                } else {
                    props.put(name, value);
                }
            });
        }
    }
}
