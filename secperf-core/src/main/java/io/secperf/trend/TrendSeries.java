package io.secperf.trend;

import java.util.ArrayList;
import java.util.List;

/**
 * Trend values per build, computed from build summaries only: latency percentiles, throughput, error rate, findings
 * by severity, gate outcome and resilience impact come straight from each {@link BuildSummary}; the share of builds
 * validating both performance and security criteria is computed here, rolling over a window and cumulative. The
 * cumulative share covers the builds given (usually the last {@value History#DEFAULT_LIMIT}), not the whole history.
 *
 * @param points one per build, in the order given (oldest first)
 * @param window how many builds the rolling share covers
 */
public record TrendSeries(List<TrendPoint> points, int window) {

    /** Builds the rolling share covers unless told otherwise. */
    public static final int DEFAULT_WINDOW = 10;

    public TrendSeries {
        points = List.copyOf(points);
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
    }

    /** The series of these builds (oldest first) with the default window. */
    public static TrendSeries of(List<BuildSummary> builds) {
        return of(builds, DEFAULT_WINDOW);
    }

    /** The series of these builds (oldest first); the rolling share covers up to {@code window} builds. */
    public static TrendSeries of(List<BuildSummary> builds, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        List<TrendPoint> points = new ArrayList<>(builds.size());
        int cumulative = 0;
        int inWindow = 0;
        for (int i = 0; i < builds.size(); i++) {
            BuildSummary build = builds.get(i);
            if (build.validatedBoth()) {
                cumulative++;
                inWindow++;
            }
            if (i >= window && builds.get(i - window).validatedBoth()) {
                inWindow--;
            }
            double rolling = (double) inWindow / Math.min(i + 1, window);
            points.add(new TrendPoint(build, rolling, (double) cumulative / (i + 1)));
        }
        return new TrendSeries(points, window);
    }

    /** Number of builds. */
    public int size() {
        return points.size();
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The summaries, oldest first. */
    public List<BuildSummary> builds() {
        List<BuildSummary> builds = new ArrayList<>(points.size());
        for (TrendPoint point : points) {
            builds.add(point.summary());
        }
        return builds;
    }

    /** The build labels, oldest first. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(points.size());
        for (TrendPoint point : points) {
            labels.add(point.summary().build());
        }
        return labels;
    }

    /** The share validating both over all builds of the series, 0 for an empty series. */
    public double validatedBothShare() {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).validatedBothCumulative();
    }
}
