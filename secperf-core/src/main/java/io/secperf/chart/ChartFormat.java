package io.secperf.chart;

/** The image formats charts render to: PNG for pages and the Jenkins job page, SVG for print and zooming. */
public enum ChartFormat {
    PNG("png", "image/png"),
    SVG("svg", "image/svg+xml");

    private final String extension;
    private final String mediaType;

    ChartFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** File name extension without the dot. */
    public String extension() {
        return extension;
    }

    /** What an HTTP server sends as Content-Type. */
    public String mediaType() {
        return mediaType;
    }
}
