package io.secperf.tls;

import java.io.PrintStream;

/**
 * Phase timing of a TLS scan for performance work: with {@code -Dsecperf.tls.trace=true} (through
 * {@code SECPERF_JAVA_OPTS}) every phase prints one line to stderr with the milliseconds since the JVM started, so
 * "where does the scan's time go" is answered by the scan itself (docs/performance.md, "TLS scan end to end").
 * Off by default: then {@link #mark} is one boolean test.
 */
public final class TlsTrace {

    private static final boolean ON = Boolean.getBoolean("secperf.tls.trace");
    private static final PrintStream ERR = System.err;
    /** When the JVM started (ms since the epoch), as the JVM itself recorded it. */
    private static final long JVM_START = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()
            : 0;

    private static final com.sun.management.OperatingSystemMXBean OS = ON
            ? (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            : null;

    static {
        if (ON) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> mark("JVM shutting down"), "secperf-tls-trace"));
        }
    }

    private TlsTrace() {
    }

    /** True when tracing is on. */
    public static boolean on() {
        return ON;
    }

    /** {@link #mark(String)} of {@code what + " " + detail}, built only when tracing is on. */
    public static void mark(String what, Object detail) {
        if (ON) {
            mark(what + " " + detail);
        }
    }

    /**
     * Prints "secperf tls-trace: UPTIME ms, CPU CPU ms [thread] what" when tracing is on: the JVM's uptime and the CPU
     * time the whole process (JIT compiler and collector threads included) has used so far.
     */
    public static void mark(String what) {
        if (ON) {
            long uptime = System.currentTimeMillis() - JVM_START;
            long cpu = OS.getProcessCpuTime() / 1_000_000;
            ERR.println("secperf tls-trace: " + uptime + " ms, CPU " + cpu + " ms [" + Thread.currentThread().getName()
                    + "] " + what);
        }
    }
}
