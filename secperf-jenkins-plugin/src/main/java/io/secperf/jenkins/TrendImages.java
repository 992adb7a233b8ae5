package io.secperf.jenkins;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.secperf.chart.TrendChart;
import io.secperf.ci.ResultSummary;
import io.secperf.ci.TrendRequest;
import io.secperf.result.RunState;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.GateCounts;

/**
 * The one place the plugin talks to secperf-core's trend charts (io.secperf.trend / io.secperf.chart, from the trends
 * issue): converts stored CI summaries into the core's {@link BuildSummary} and asks {@link TrendChart} for a PNG.
 * Written against the trend API as it is being built on its branch; when that API settles, this conversion belongs
 * in secperf-ci next to {@link ResultSummary} (so it is tested without Jenkins).
 */
final class TrendImages {

    private TrendImages() {
    }

    static byte[] png(List<ResultSummary> oldestFirst, List<String> labels, TrendRequest request) {
        List<BuildSummary> builds = new ArrayList<>(oldestFirst.size());
        for (int i = 0; i < oldestFirst.size(); i++) {
            builds.add(toBuildSummary(oldestFirst.get(i), labels.get(i)));
        }
        TrendChart.Family family = TrendChart.Family.byId(request.chart());
        if (family == null) {
            throw new IllegalArgumentException("no trend chart '" + request.chart() + "' in secperf-core");
        }
        return TrendChart.png(builds, family, request.width(), request.height());
    }

    static BuildSummary toBuildSummary(ResultSummary s, String label) {
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
                s.errorRate(), s.findings(), new GateCounts(passed, unstable, failed, notEvaluated), null);
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
