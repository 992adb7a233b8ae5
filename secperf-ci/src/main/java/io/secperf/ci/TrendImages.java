package io.secperf.ci;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.secperf.chart.TrendChart;
import io.secperf.result.RunState;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.GateCounts;

/**
 * The job page's trend charts from the summaries a CI server keeps per build: converts each {@link ResultSummary}
 * into the core's {@link BuildSummary} and lets {@link TrendChart} draw the PNG. Here rather than in the Jenkins
 * plugin so the conversion is tested without Jenkins; the plugin only serves the bytes.
 */
public final class TrendImages {

    private TrendImages() {
    }

    /**
     * One trend chart.
     *
     * @param oldestFirst the builds' summaries, oldest first (at most {@link TrendRequest}'s bound)
     * @param labels      the build labels shown on the axis, one per summary ("#12")
     * @param request     which chart and its size
     * @throws IllegalArgumentException for an unknown chart or lists of different sizes
     */
    public static byte[] png(List<ResultSummary> oldestFirst, List<String> labels, TrendRequest request) {
        if (oldestFirst.size() != labels.size()) {
            throw new IllegalArgumentException(oldestFirst.size() + " summaries but " + labels.size() + " labels");
        }
        TrendChart.Family family = TrendChart.Family.byId(request.chart());
        if (family == null) {
            throw new IllegalArgumentException("no trend chart '" + request.chart() + "'");
        }
        List<BuildSummary> builds = new ArrayList<>(oldestFirst.size());
        for (int i = 0; i < oldestFirst.size(); i++) {
            builds.add(toBuildSummary(oldestFirst.get(i), labels.get(i)));
        }
        return TrendChart.png(builds, family, request.width(), request.height());
    }

    /** The core's build summary of one CI summary; an unknown gate outcome counts as not evaluated. */
    public static BuildSummary toBuildSummary(ResultSummary s, String label) {
        int passed = 0;
        int unstable = 0;
        int failed = 0;
        int notEvaluated = 0;
        for (ResultSummary.GateLine g : s.gates()) {
            switch (g.status()) {
                case "PASSED" -> passed++;
                case "UNSTABLE" -> unstable++;
                case "FAILED" -> failed++;
                default -> notEvaluated++;
            }
        }
        BuildVerdict verdict = switch (s.verdict()) {
            case PASSED -> BuildVerdict.PASSED;
            case UNSTABLE -> BuildVerdict.UNSTABLE;
            case FAILED -> BuildVerdict.FAILED;
            case NOT_EVALUATED -> BuildVerdict.NOT_EVALUATED;
        };
        return new BuildSummary(BuildSummary.SCHEMA_VERSION, label, instant(s.startTime()), runState(s.runState()),
                verdict, s.validatedBoth(), s.samples(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.throughput(),
                s.errorRate(), s.findings(), new GateCounts(passed, unstable, failed, notEvaluated), s.resilience());
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static RunState runState(String text) {
        try {
            return RunState.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return RunState.FAILED;
        }
    }
}
