package io.secperf.bench;

import io.secperf.jtl.Jtl;
import io.secperf.jtl.JtlReadStats;
import io.secperf.result.ResultAggregator;
import io.secperf.result.RunResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.apache.jmeter.report.dashboard.ReportGenerator;
import org.apache.jmeter.util.JMeterUtils;

/**
 * Benchmark P1, one measurement per JVM: {@code P1Bench MODE FILE.jtl [WORKDIR]} prints one line of key=value
 * results. Modes:
 * <ul>
 *   <li>{@code readline}: BufferedReader.readLine over the file, nothing else (the "raw line scan");</li>
 *   <li>{@code bytescan}: count '\n' in 1 MiB byte reads (the I/O ceiling);</li>
 *   <li>{@code secperf-read}: our JTL reader into a sink that only sums elapsed (reader cost alone);</li>
 *   <li>{@code secperf}: our JTL reader into {@link ResultAggregator}, then {@code finish()}, on one thread;</li>
 *   <li>{@code secperf-2t}: the same with {@link Jtl#readConcurrently}: parsing and aggregation on two threads
 *       (what {@code secperf ingest} uses);</li>
 *   <li>{@code jmeter-report}: JMeter 5.6.3's ReportGenerator producing the HTML dashboard from the file, with a
 *       JMeter home extracted from ApacheJMeter_config into WORKDIR (what users run today, {@code jmeter -g}).</li>
 * </ul>
 * With {@code -Dp1.warmups=N} the same work runs N times untimed before the timed run (mode reported as
 * {@code MODE-warm}): steady-state speed with the JIT done, as in a long-lived process.
 */
public final class P1Bench {

    private P1Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: P1Bench readline|bytescan|secperf-read|secperf|secperf-2t|jmeter-report FILE "
                    + "[WORKDIR]   (-Dp1.warmups=N: N untimed runs first, in the same JVM)");
            return;
        }
        String mode = args[0];
        Path file = Path.of(args[1]);
        Path work = args.length > 2 ? Path.of(args[2]) : Path.of("target", "p1-work");
        HeapWatch heap = new HeapWatch();
        int warmups = Integer.getInteger("p1.warmups", 0);
        for (int i = 0; i < warmups; i++) {
            once(mode, file, work);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Outcome outcome = once(mode, file, work);
        long rows = outcome.rows();
        String extra = outcome.extra();
        if (warmups > 0) {
            mode = mode + "-warm";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long peakPools = heap.peakPools();
        long peakLive = heap.peakLive();
        long sampledLive = heap.sampledLive();
        if (sampledLive > 0) {
            extra = " liveSampledMiB=" + String.format(Locale.ROOT, "%.1f", sampledLive / 1048576.0)
                    + " liveSampleMs=" + Long.getLong("p1.liveSampleMs", 0) + extra;
        }
        System.out.printf(Locale.ROOT, "P1 mode=%s rows=%d seconds=%.3f cpuSeconds=%.3f rowsPerSec=%.0f mbPerSec=%.1f "
                        + "peakHeapPoolsMiB=%.1f peakLiveAfterGcMiB=%.1f gcs=%d xmxMiB=%d%s%n",
                mode, rows, seconds, cpuSeconds, rows < 0 ? 0 : rows / seconds, Files.size(file) / seconds / (1 << 20),
                peakPools / 1048576.0, peakLive / 1048576.0, heap.collections(),
                Runtime.getRuntime().maxMemory() >> 20, extra);
    }

    private record Outcome(long rows, String extra) {
    }

    private static Outcome once(String mode, Path file, Path work) throws Exception {
        switch (mode) {
            case "readline" -> {
                return new Outcome(readLines(file), "");
            }
            case "bytescan" -> {
                return new Outcome(scanBytes(file), "");
            }
            case "secperf-read" -> {
                long[] sum = new long[1];
                JtlReadStats stats = Jtl.read(file, s -> sum[0] += s.elapsed());
                return new Outcome(stats.rowsRead(), " skipped=" + stats.rowsSkipped() + " elapsedSum=" + sum[0]);
            }
            case "secperf", "secperf-2t" -> {
                ResultAggregator aggregator = new ResultAggregator();
                JtlReadStats stats = mode.equals("secperf") ? Jtl.read(file, aggregator)
                        : Jtl.readConcurrently(file, aggregator);
                RunResult result = aggregator.finish();
                return new Outcome(stats.rowsRead(), " skipped=" + stats.rowsSkipped() + " result=" + describe(result));
            }
            case "jmeter-report" -> {
                return new Outcome(-1, " report=" + jmeterReport(file, work));
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static String describe(RunResult result) {
        return "count:" + result.overall().count() + ",errors:" + result.overall().errors() + ",p95:"
                + result.overall().p95Ms() + ",p99:" + result.overall().p99Ms() + ",labels:" + result.labels().size();
    }

    private static long readLines(Path file) throws IOException {
        long lines = 0;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            while (r.readLine() != null) {
                lines++;
            }
        }
        return lines - 1;
    }

    private static long scanBytes(Path file) throws IOException {
        long lines = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines - 1;
    }

    /** Runs ReportGenerator as {@code jmeter -g FILE -o OUT} does, with a JMeter home taken from the config jar. */
    private static Path jmeterReport(Path file, Path work) throws Exception {
        Path home = jmeterHome(work);
        Path out = work.resolve("jmeter-report-" + System.nanoTime()).toAbsolutePath();
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(home.resolve("bin/jmeter.properties").toString());
        JMeterUtils.initLocale();
        JMeterUtils.setProperty("jmeter.reportgenerator.outputdir", out.toString());
        JMeterUtils.setProperty("jmeter.reportgenerator.temp_dir", work.resolve("jmeter-temp").toAbsolutePath()
                .toString());
        String window = System.getProperty("jmeter.reportgenerator.statistic_window");
        if (window != null) {
            JMeterUtils.setProperty("jmeter.reportgenerator.statistic_window", window);
        }
        new ReportGenerator(file.toAbsolutePath().toString(), null).generate();
        return out;
    }

    /** A JMeter home (bin/ with jmeter.properties, reportgenerator.properties, report-template) under WORKDIR. */
    static Path jmeterHome(Path work) throws IOException {
        Path home = work.resolve("jmeter-home").toAbsolutePath();
        if (Files.exists(home.resolve("bin/jmeter.properties"))) {
            return home;
        }
        URL url = P1Bench.class.getClassLoader().getResource("bin/jmeter.properties");
        if (url == null) {
            throw new IllegalStateException("ApacheJMeter_config is not on the classpath");
        }
        JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (!e.getName().startsWith("bin/") || e.isDirectory()) {
                continue;
            }
            Path target = home.resolve(e.getName()).normalize();
            if (!target.startsWith(home)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = jar.getInputStream(e); OutputStream os = Files.newOutputStream(target)) {
                in.transferTo(os);
            }
        }
        return home;
    }
}
