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

    private static volatile String signalName;

    static {
        watch("INT");
        watch("TERM");
    }

    /**
     * Remembers which signal arrived, then hands it to the JVM's own handler (which runs the shutdown hooks and exits
     * with 128 + the signal number), so the result can say "stopped by SIGTERM" and not just "stopped".
     */
    @SuppressWarnings("removal")
    private static void watch(String name) {
        try {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
            previous[0] = sun.misc.Signal.handle(signal, s -> {
                signalName = "SIG" + name;
                previous[0].handle(s);
            });
            if (previous[0] == null || previous[0] == sun.misc.SignalHandler.SIG_DFL
                    || previous[0] == sun.misc.SignalHandler.SIG_IGN) {
                // no Java handler to hand the signal to: keep the JVM's own behaviour untouched
                sun.misc.Signal.handle(signal, previous[0] == null ? sun.misc.SignalHandler.SIG_DFL : previous[0]);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // the JVM does not let us see this signal (e.g. -Xrs): the stop still works, without the signal's name
        }
    }

    /** "SIGINT" or "SIGTERM" once one arrived, else "a signal" (the JVM was asked to exit otherwise). */
    static String signalName() {
        String name = signalName;
        return name == null ? "a signal" : name;
    }

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
