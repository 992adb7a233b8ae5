package io.secperf.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.RangeType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * One look for every secperf chart: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), distinct marker shapes per series (so colour is never the only cue), and the logical SansSerif
 * font, which every JRE maps to an installed font (DejaVu Sans on Debian), so no display and no extra fonts are needed.
 */
final class ChartStyle {

    // Okabe & Ito (2008), "Color Universal Design"
    static final Color BLACK = new Color(0x000000);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY_BLUE = new Color(0x56B4E9);
    static final Color BLUISH_GREEN = new Color(0x009E73);
    static final Color YELLOW = new Color(0xF0E442);
    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILION = new Color(0xD55E00);
    static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    static final Color GREY = new Color(0x999999);

    static final Color FAILED_BAND = new Color(0xD5, 0x5E, 0x00, 0x4D);
    static final Color UNSTABLE_BAND = new Color(0xF0, 0xE4, 0x42, 0x73);
    static final Color TRANSPARENT = new Color(255, 255, 255, 0);
    static final Color ATTACK_BAND = new Color(0xCC, 0x79, 0xA7, 0x40);

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 15);
    static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 11);
    static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 12);
    static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 11);
    static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 12);

    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color TEXT = new Color(0x222222);

    /** Drawn at the top of a failed build's band, so failed builds do not depend on colour alone. */
    static final String FAILED_MARK = new Font(FONT, Font.BOLD, 12).canDisplay('\u2715') ? "\u2715" : "x";
    static final String UNSTABLE_MARK = "!";

    private ChartStyle() {
    }

    /** A chart with title, optional subtitle, legend below and white background. */
    static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setPaint(TEXT);
        chart.setPadding(new RectangleInsets(6, 6, 6, 10));
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE_FONT);
            sub.setPaint(TEXT);
            chart.addSubtitle(sub);
        }
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LEGEND_FONT);
            legendTitle.setItemPaint(TEXT);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(true);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setNoDataMessageFont(LABEL_FONT);
        plot.setNoDataMessagePaint(TEXT);
    }

    static void axis(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(GREY);
        axis.setTickMarkPaint(GREY);
    }

    /** A value axis from zero up: counts, times, rates. All-zero data still gets a sensible 0..1 range. */
    static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis(axis);
        axis.setAutoRangeIncludesZero(true);
        axis.setRangeType(RangeType.POSITIVE);
        axis.setAutoRangeMinimumSize(1.0);
        return axis;
    }

    /** A value axis for changes that may be negative. */
    static NumberAxis changeAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis(axis);
        axis.setAutoRangeIncludesZero(true);
        axis.setAutoRangeMinimumSize(1.0);
        return axis;
    }

    /** Marker shapes in series order: circle, square, triangle, diamond, cross. */
    static Shape shape(int series) {
        return switch (series % 5) {
            case 0 -> new Ellipse2D.Double(-3.5, -3.5, 7, 7);
            case 1 -> new Rectangle2D.Double(-3, -3, 6, 6);
            case 2 -> polygon(0, -4, 4, 3.5, -4, 3.5);
            case 3 -> polygon(0, -4.5, 4.5, 0, 0, 4.5, -4.5, 0);
            default -> polygon(-4, -1.2, -1.2, -1.2, -1.2, -4, 1.2, -4, 1.2, -1.2, 4, -1.2, 4, 1.2, 1.2, 1.2, 1.2, 4,
                    -1.2, 4, -1.2, 1.2, -4, 1.2);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }

    static Paint[] lineColors() {
        return new Paint[] {BLUE, ORANGE, VERMILION, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, BLACK};
    }
}
