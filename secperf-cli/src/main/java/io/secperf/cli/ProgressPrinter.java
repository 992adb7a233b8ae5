package io.secperf.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Shows a long run's progress: one self-overwriting line on a terminal, plain periodic lines in CI logs (where
 * carriage returns turn into noise). Fed once per second by the runner's progress callback.
 */
public final class ProgressPrinter {

    /** How progress is shown. */
    public enum Mode { AUTO, TERMINAL, PLAIN, NONE }

    private final PrintStream out;
    private final ConsoleWriter console;
    private final boolean terminal;
    private final boolean silent;
    private final long plainEverySeconds;
    private long lastPrintedSecond = -1;

    public ProgressPrinter(PrintStream out, Mode mode, long plainEverySeconds) {
        this.out = out;
        this.console = ConsoleWriter.of(out);
        this.silent = mode == Mode.NONE;
        this.terminal = mode == Mode.TERMINAL || (mode == Mode.AUTO && isTerminal());
        this.plainEverySeconds = Math.max(1, plainEverySeconds);
    }

    /**
     * @param elapsedMillis wall time since the load started
     * @param samples       samples so far
     * @param errors        failed samples so far
     * @param rate          samples per second over the last interval
     * @param recentP95     p95 in ms of the samples since the previous call, or NaN when there were none
     */
    public synchronized void update(long elapsedMillis, long samples, long errors, double rate, double recentP95) {
        if (silent) {
            return;
        }
        String line = format(elapsedMillis, samples, errors, rate, recentP95);
        if (terminal) {
            console.showLive(line); // other output through the same console first ends this line
        } else {
            long second = elapsedMillis / 1000;
            if (lastPrintedSecond < 0 || second - lastPrintedSecond >= plainEverySeconds) {
                out.println("progress " + line);
                lastPrintedSecond = second;
            }
        }
    }

    /** Ends the live line so the next output starts on a fresh line. */
    public synchronized void finish() {
        if (terminal) {
            console.endLive();
        }
    }

    static String format(long elapsedMillis, long samples, long errors, double rate, double recentP95) {
        long s = elapsedMillis / 1000;
        String errorShare = samples == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * errors / samples);
        String p95 = Double.isNaN(recentP95) ? "-" : String.format(Locale.ROOT, "%.0f ms", recentP95);
        return String.format(Locale.ROOT, "[%02d:%02d:%02d] samples %,d  req/s %,.0f  errors %s (%,d)  p95 %s",
                s / 3600, (s / 60) % 60, s % 60, samples, rate, errorShare, errors, p95);
    }

    /** Java 22+ reports whether the console is really a terminal; on 17, a console exists only on a terminal. */
    private static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
