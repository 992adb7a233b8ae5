package io.secperf.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.secperf.report.ReportFixtures;
import io.secperf.trend.BuildSummary;

/**
 * How long one trend chart of 100 builds takes to render to PNG once the JVM is warm: the Jenkins job page renders
 * one per family on request, so this is the latency a person waits for (target: 200 ms or less).
 *
 * <p>Not a unit test: run it on a quiet machine (docs/performance.md, "Trend chart speed", has the command).
 * Arguments: [builds (100)] [warm-up rounds (30)] [measured rounds (100)] [width (900)] [height (340)].
 */
public final class TrendChartBenchmark {

    private TrendChartBenchmark() {
    }

    public static void main(String[] args) {
        int builds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int width = args.length > 3 ? Integer.parseInt(args[3]) : TrendChart.DEFAULT_WIDTH;
        int height = args.length > 4 ? Integer.parseInt(args[4]) : TrendChart.DEFAULT_HEIGHT;
        List<BuildSummary> history = ReportFixtures.history(builds);
        System.out.printf(Locale.ROOT, "trend chart, %d builds, %dx%d PNG, %d warm-up + %d measured rounds, Java %s,"
                        + " headless=%s%n", builds, width, height, warmup, rounds, System.getProperty("java.version"),
                java.awt.GraphicsEnvironment.isHeadless());
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            for (TrendChart.Family family : TrendChart.Family.values()) {
                sink += TrendChart.png(history, family, width, height).length;
            }
        }
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s%n", "family", "min ms", "median ms", "p95 ms",
                "max ms", "PNG KiB");
        double worstMedian = 0;
        for (TrendChart.Family family : TrendChart.Family.values()) {
            double[] millis = new double[rounds];
            int size = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                byte[] png = TrendChart.png(history, family, width, height);
                millis[i] = (System.nanoTime() - start) / 1e6;
                size = png.length;
                sink += png.length;
            }
            Arrays.sort(millis);
            double median = millis[rounds / 2];
            worstMedian = Math.max(worstMedian, median);
            System.out.printf(Locale.ROOT, "%-16s %9.1f %9.1f %9.1f %9.1f %9.1f%n", family.id(), millis[0], median,
                    millis[(int) Math.ceil(rounds * 0.95) - 1], millis[rounds - 1], size / 1024.0);
        }
        System.out.printf(Locale.ROOT, "slowest family median: %.1f ms (target <= 200 ms) [checksum %d]%n",
                worstMedian, sink);
    }
}
