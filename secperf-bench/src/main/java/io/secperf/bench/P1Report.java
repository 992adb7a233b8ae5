package io.secperf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Summarises the "P1 mode=..." lines that bench/p1-ingest.sh collected: median wall and CPU time per mode (runs are
 * repeated because the machine is shared), the largest heap figures, and the ratios the P1 targets are stated in.
 *
 * <p>Usage: {@code P1Report RESULTS.txt}; prints a Markdown table.
 */
public final class P1Report {

    private P1Report() {
    }

    private record Run(String mode, long rows, double seconds, double cpu, double peakPools, double peakLive,
                       long xmx) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<Run>> byMode = new LinkedHashMap<>();
        Map<String, Double> liveSets = new LinkedHashMap<>();
        Map<String, String> liveEvery = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.startsWith("P1 ")) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : line.substring(3).split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            if (kv.containsKey("liveSampledMiB")) {
                liveSets.put(kv.get("mode"), Double.parseDouble(kv.get("liveSampledMiB")));
                liveEvery.put(kv.get("mode"), kv.getOrDefault("liveSampleMs", "2000"));
                continue;
            }
            String key = kv.get("mode") + (kv.get("xmxMiB") == null ? "" : "@" + kv.get("xmxMiB"));
            byMode.computeIfAbsent(key, k -> new ArrayList<>()).add(new Run(kv.get("mode"),
                    Long.parseLong(kv.get("rows")), Double.parseDouble(kv.get("seconds")),
                    Double.parseDouble(kv.get("cpuSeconds")), Double.parseDouble(kv.get("peakHeapPoolsMiB")),
                    Double.parseDouble(kv.get("peakLiveAfterGcMiB")), Long.parseLong(kv.get("xmxMiB"))));
        }
        long rows = 0;
        for (List<Run> runs : byMode.values()) {
            rows = Math.max(rows, runs.get(0).rows());
        }
        System.out.println("| measurement | -Xmx | runs | wall s (median) | CPU s (median) | rows/s (wall) "
                + "| peak heap, pools (MiB) | peak after GC (MiB) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> e : byMode.entrySet()) {
            List<Run> runs = e.getValue();
            double wall = median(runs.stream().mapToDouble(Run::seconds).toArray());
            double cpu = median(runs.stream().mapToDouble(Run::cpu).toArray());
            double pools = runs.stream().mapToDouble(Run::peakPools).max().orElse(0);
            double live = runs.stream().mapToDouble(Run::peakLive).max().orElse(0);
            medians.put(e.getKey(), new double[] {wall, cpu, pools, live});
            System.out.printf(Locale.ROOT, "| %s | %dm | %d | %.2f | %.2f | %,.0f | %.0f | %.0f |%n",
                    runs.get(0).mode(), runs.get(0).xmx(), runs.size(), wall, cpu, rows / wall, pools, live);
        }
        System.out.println();
        double[] jmeter = find(medians, "jmeter-report@");
        double[] scan = find(medians, "readline@");
        for (String mode : new String[] {"secperf", "secperf-2t"}) {
            double[] ours = find(medians, mode + "@");
            if (ours == null) {
                continue;
            }
            System.out.println("**" + mode + "**");
            if (jmeter != null) {
                System.out.printf(Locale.ROOT, "- throughput vs ReportGenerator: %.1fx (wall), %.1fx (CPU); "
                        + "target >= 5x%n", jmeter[0] / ours[0], jmeter[1] / ours[1]);
                System.out.printf(Locale.ROOT, "- peak heap vs ReportGenerator: %.2f (pool peaks), %.2f (peak after GC); "
                        + "target <= 0.25%n", ours[2] / jmeter[2], ours[3] / jmeter[3]);
            }
            if (scan != null) {
                System.out.printf(Locale.ROOT, "- throughput vs readLine scan: %.0f%% (wall), %.0f%% (CPU); "
                        + "target >= 50%%%n", 100 * scan[0] / ours[0], 100 * scan[1] / ours[1]);
            }
        }
        if (!liveSets.isEmpty()) {
            System.out.println();
            System.out.println("Live set (heap in use right after a forced full GC every N ms; separate, untimed "
                    + "runs):");
            liveSets.forEach((mode, mib) -> System.out.printf(Locale.ROOT, "- %s: %.1f MiB (every %s ms)%n", mode, mib,
                    liveEvery.get(mode)));
            Double jmeterLive = liveSets.get("jmeter-report");
            for (String mode : new String[] {"secperf", "secperf-2t"}) {
                Double oursLive = liveSets.get(mode);
                if (oursLive != null && jmeterLive != null) {
                    System.out.printf(Locale.ROOT, "- ratio %s / ReportGenerator: %.2f (target <= 0.25)%n", mode,
                            oursLive / jmeterLive);
                }
            }
        }
        double[] warmScan = find(medians, "readline-warm@");
        if (warmScan != null) {
            System.out.println();
            System.out.println("Steady state (two untimed runs first in the same JVM):");
            for (String mode : new String[] {"secperf-read", "secperf", "secperf-2t"}) {
                double[] warm = find(medians, mode + "-warm@");
                if (warm != null) {
                    System.out.printf(Locale.ROOT, "- %s vs readLine scan: %.0f%% (wall), %.0f%% (CPU)%n", mode,
                            100 * warmScan[0] / warm[0], 100 * warmScan[1] / warm[1]);
                }
            }
        }
        double[] reader = find(medians, "secperf-read@");
        if (reader != null && scan != null) {
            System.out.printf(Locale.ROOT, "%nreader alone vs readLine scan: %.0f%% (wall), %.0f%% (CPU)%n",
                    100 * scan[0] / reader[0], 100 * scan[1] / reader[1]);
        }
    }

    /** The first entry for the mode (the runs at the common -Xmx come first in the results file). */
    private static double[] find(Map<String, double[]> medians, String prefix) {
        for (Map.Entry<String, double[]> e : medians.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
