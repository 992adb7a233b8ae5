package io.secperf.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.secperf.run.JMeterRun;

/**
 * Turns Ctrl-C / SIGTERM into a clean stop: the hook stops the run, then holds the JVM open until the command has
 * written what was measured (bounded), so an interrupted run still leaves its results behind.
 */
final class StopOnSignal implements AutoCloseable {

    private static final long MAX_WAIT_FOR_RESULTS_SECONDS = 60;
    private static volatile boolean signalled;

    private final CountDownLatch resultsWritten = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal(JMeterRun run, Runnable onSignal) {
        hook = new Thread(() -> {
            signalled = true;
            onSignal.run();
            run.stop();
            try {
                resultsWritten.await(MAX_WAIT_FOR_RESULTS_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "secperf-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a signal asked the JVM to exit: the main thread must then return instead of calling System.exit. */
    static boolean signalled() {
        return signalled;
    }

    /** Call when the results are written: releases a waiting hook, or unregisters the hook after a normal run. */
    @Override
    public void close() {
        resultsWritten.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running and will now let the JVM exit
        }
    }
}
