package io.secperf.ci;

import java.util.List;
import java.util.Locale;

/**
 * One trend image asked for by a job page: which chart, how large, over how many builds, and the cache key that lets
 * browsers and the server reuse it until a new build records a result. Sizes and build counts are bounded so a URL
 * cannot make the controller render huge images or read every build of a long-lived job.
 *
 * @param chart  chart id, one of {@link #CHARTS}
 * @param width  pixels
 * @param height pixels
 * @param builds how many recent builds' summaries to read
 */
public record TrendRequest(String chart, int width, int height, int builds) {

    /** The trend charts (ids as in the trend chart families of secperf-core). */
    public static final List<String> CHARTS = List.of("latency", "throughput", "error-rate", "findings", "gates",
            "validated-both");
    public static final int DEFAULT_WIDTH = 500;
    public static final int DEFAULT_HEIGHT = 200;
    public static final int MAX_SIDE = 2000;
    public static final int DEFAULT_BUILDS = 50;
    public static final int MAX_BUILDS = 200;
    /** Browsers may reuse an image this long without asking; a new build changes the ETag anyway. */
    public static final int MAX_AGE_SECONDS = 60;

    /**
     * @throws IllegalArgumentException (an HTTP 404/400) for an unknown chart
     */
    public static TrendRequest parse(String chart, Integer width, Integer height, Integer builds) {
        String id = chart == null ? "" : chart.strip().toLowerCase(Locale.ROOT);
        if (id.endsWith(".png")) {
            id = id.substring(0, id.length() - 4);
        }
        if (!CHARTS.contains(id)) {
            throw new IllegalArgumentException("unknown trend chart '" + chart + "'; known: " + String.join(", ", CHARTS));
        }
        return new TrendRequest(id, clamp(width, DEFAULT_WIDTH, 50, MAX_SIDE), clamp(height, DEFAULT_HEIGHT, 50, MAX_SIDE),
                clamp(builds, DEFAULT_BUILDS, 1, MAX_BUILDS));
    }

    /** A strong ETag: the image is a function of these parameters and of the newest build that recorded a result. */
    public String etag(int newestBuildNumber, int buildsRead) {
        return "\"secperf-" + chart + "-" + width + "x" + height + "-" + builds + "-" + newestBuildNumber + "-"
                + buildsRead + "\"";
    }

    /** The Cache-Control header value. */
    public static String cacheControl() {
        return "private, max-age=" + MAX_AGE_SECONDS;
    }

    private static int clamp(Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        return Math.max(min, Math.min(max, value));
    }
}
