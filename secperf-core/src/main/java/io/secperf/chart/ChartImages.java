package io.secperf.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Turns a chart into PNG or SVG bytes, in memory and without a display (java.awt.headless=true is enough). Callers
 * decide where the bytes go: a report directory, or an HTTP response of the Jenkins plugin.
 */
public final class ChartImages {

    /** Largest width or height accepted; a bigger request is a bug or an attack on memory. */
    public static final int MAX_SIZE = 4000;

    private ChartImages() {
    }

    /** The chart in the given format and size (pixels). */
    public static byte[] render(JFreeChart chart, ChartFormat format, int width, int height) {
        checkSize(width, height);
        return format == ChartFormat.SVG ? svg(chart, width, height).getBytes(StandardCharsets.UTF_8)
                : png(chart, width, height);
    }

    static {
        // In memory, never ImageIO's disk cache: its temporary files register deleteOnExit, which throws "Shutdown in
        // progress" while the JVM exits, and the stop path after Ctrl-C/SIGTERM must still write the report's charts.
        ImageIO.setUseCache(false);
    }

    /** The chart as an opaque PNG. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }

    /** The chart as a standalone SVG document. */
    public static String svg(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGDocument();
    }

    private static void checkSize(int width, int height) {
        if (width < 50 || height < 50 || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("chart size must be 50.." + MAX_SIZE + " pixels each way, was "
                    + width + "x" + height);
        }
    }
}
