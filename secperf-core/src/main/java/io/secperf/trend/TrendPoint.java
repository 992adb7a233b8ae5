package io.secperf.trend;

/**
 * One build in a trend: its summary and the share of builds that validated both performance and security criteria,
 * up to and including this build.
 *
 * @param summary                the build
 * @param validatedBothRolling   share (0..1) among the last {@link TrendSeries#window()} builds
 * @param validatedBothCumulative share (0..1) among all builds of the series up to this one
 */
public record TrendPoint(BuildSummary summary, double validatedBothRolling, double validatedBothCumulative) {
}
