package io.secperf.chart;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.secperf.result.Severity;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.GateCounts;
import io.secperf.result.ResilienceImpact;
import io.secperf.trend.TrendPoint;
import io.secperf.trend.TrendSeries;

/**
 * Trend charts over builds, one per series family, built from {@link BuildSummary} values only (no result
 * documents, no JMeter): the Jenkins plugin calls {@link #png(List, Family, int, int)} with the summaries of its
 * builds, {@code secperf report} with those of a history directory. Builds are on the x-axis, oldest left; failed
 * builds are shaded in vermilion and unstable ones in orange behind every chart, with a legend entry.
 */
public final class TrendChart {

    /** Size used by reports. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 340;

    /** The series families, each one chart. */
    public enum Family {
        LATENCY("latency", "Response time percentiles"),
        THROUGHPUT("throughput", "Throughput"),
        ERROR_RATE("error-rate", "Error rate"),
        FINDINGS("findings", "Security findings by severity"),
        GATES("gates", "Gate outcomes"),
        RESILIENCE("resilience", "Resilience: attack window vs clean window"),
        VALIDATED_BOTH("validated-both", "Builds validating both performance and security criteria");

        private final String id;
        private final String title;

        Family(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Stable short name, used in file names ({@code trend-<id>.png}) and URLs. */
        public String id() {
            return id;
        }

        /** The chart title. */
        public String title() {
            return title;
        }

        /** The family with this id, or null. */
        public static Family byId(String id) {
            for (Family family : values()) {
                if (family.id.equals(id)) {
                    return family;
                }
            }
            return null;
        }
    }

    private static final java.awt.Font MARK_FONT = new java.awt.Font(ChartStyle.FONT, java.awt.Font.BOLD, 13);
    private static final Severity[] SEVERITIES_WORST_FIRST = {
        Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO};

    private TrendChart() {
    }

    /** PNG of one family over these builds (oldest first), with the default rolling window. */
    public static byte[] png(List<BuildSummary> builds, Family family, int width, int height) {
        return ChartImages.png(create(TrendSeries.of(builds), family), width, height);
    }

    /** One family over the series, in the given format. */
    public static byte[] render(TrendSeries series, Family family, ChartFormat format, int width, int height) {
        return ChartImages.render(create(series, family), format, width, height);
    }

    /** The chart of one family, for callers that want to adjust or draw it themselves. */
    public static JFreeChart create(TrendSeries series, Family family) {
        return switch (family) {
            case LATENCY -> lines(series, family, "response time (ms)", null, new String[] {"p50", "p95", "p99"},
                    s -> s.p50Ms(), s -> s.p95Ms(), s -> s.p99Ms());
            case THROUGHPUT -> lines(series, family, "requests per second", null, new String[] {"req/s"},
                    BuildSummary::throughput);
            case ERROR_RATE -> lines(series, family, "failed requests (%)", percentFormat(),
                    new String[] {"error rate"}, s -> s.errorRate() * 100);
            case FINDINGS -> findings(series);
            case GATES -> gates(series);
            case RESILIENCE -> resilience(series);
            case VALIDATED_BOTH -> validatedBoth(series);
        };
    }

    @SafeVarargs
    private static JFreeChart lines(TrendSeries series, Family family, String valueLabel, NumberFormat format,
                                    String[] names, ToDoubleFunction<BuildSummary>... values) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        if (!series.isEmpty()) {
            for (int k = 0; k < names.length; k++) {
                XYSeries line = new XYSeries(names[k], false, false);
                for (int i = 0; i < series.size(); i++) {
                    BuildSummary build = series.points().get(i).summary();
                    line.add(i, build.samples() == 0 ? null : (Number) values[k].applyAsDouble(build));
                }
                dataset.addSeries(line);
            }
        }
        NumberAxis valueAxis = ChartStyle.valueAxis(valueLabel);
        if (format != null) {
            valueAxis.setNumberFormatOverride(format);
        }
        XYPlot plot = linePlot(series, dataset, valueAxis, ChartStyle.lineColors());
        return finish(series, family, plot, null);
    }

    private static JFreeChart findings(TrendSeries series) {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        Paint[] paints = {ChartStyle.BLACK, ChartStyle.VERMILION, ChartStyle.ORANGE, ChartStyle.SKY_BLUE,
            ChartStyle.GREY};
        if (!series.isEmpty()) {
            for (Severity severity : SEVERITIES_WORST_FIRST) {
                XYSeries bars = new XYSeries(severity.name().toLowerCase(Locale.ROOT), false, false);
                for (int i = 0; i < series.size(); i++) {
                    bars.add(i, series.points().get(i).summary().findings().get(severity));
                }
                dataset.addSeries(bars);
            }
        }
        XYPlot plot = barPlot(series, dataset, ChartStyle.valueAxis("findings"), paints);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return finish(series, Family.FINDINGS, plot, null);
    }

    private static JFreeChart gates(TrendSeries series) {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        Paint[] paints = {ChartStyle.BLUISH_GREEN, ChartStyle.ORANGE, ChartStyle.VERMILION, ChartStyle.GREY};
        String[] names = {"passed", "unstable", "failed", "not evaluated"};
        if (!series.isEmpty()) {
            XYSeries[] bars = new XYSeries[names.length];
            for (int k = 0; k < names.length; k++) {
                bars[k] = new XYSeries(names[k], false, false);
            }
            for (int i = 0; i < series.size(); i++) {
                GateCounts gates = series.points().get(i).summary().gates();
                bars[0].add(i, gates.passed());
                bars[1].add(i, gates.unstable());
                bars[2].add(i, gates.failed());
                bars[3].add(i, gates.notEvaluated());
            }
            for (XYSeries bar : bars) {
                dataset.addSeries(bar);
            }
        }
        XYPlot plot = barPlot(series, dataset, ChartStyle.valueAxis("gates"), paints);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return finish(series, Family.GATES, plot, null);
    }

    private static JFreeChart resilience(TrendSeries series) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        boolean any = series.points().stream().anyMatch(p -> p.summary().resilience() != null);
        if (any) {
            String[] names = {"p95 change (%)", "p99 change (%)", "throughput change (%)",
                "error rate change (points)"};
            XYSeries[] lines = new XYSeries[names.length];
            for (int k = 0; k < names.length; k++) {
                lines[k] = new XYSeries(names[k], false, false);
            }
            for (int i = 0; i < series.size(); i++) {
                ResilienceImpact impact = series.points().get(i).summary().resilience();
                lines[0].add(i, impact == null ? null : (Number) impact.p95ChangePercent());
                lines[1].add(i, impact == null ? null : (Number) impact.p99ChangePercent());
                lines[2].add(i, impact == null ? null : (Number) impact.throughputChangePercent());
                lines[3].add(i, impact == null ? null : (Number) impact.errorRateChangePoints());
            }
            for (XYSeries line : lines) {
                dataset.addSeries(line);
            }
        }
        NumberAxis axis = ChartStyle.changeAxis("change under attack (% or points)");
        XYPlot plot = linePlot(series, dataset, axis,
                new Paint[] {ChartStyle.BLUE, ChartStyle.ORANGE, ChartStyle.BLUISH_GREEN, ChartStyle.VERMILION});
        ValueMarker zero = new ValueMarker(0, ChartStyle.BLACK, new java.awt.BasicStroke(1f));
        plot.addRangeMarker(zero, Layer.BACKGROUND);
        plot.setNoDataMessage(series.isEmpty() ? "no builds yet" : "no build had an attack window");
        return finish(series, Family.RESILIENCE, plot, "positive latency or error change and negative throughput "
                + "change mean the attack hurt legitimate users");
    }

    private static JFreeChart validatedBoth(TrendSeries series) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        if (!series.isEmpty()) {
            XYSeries rolling = new XYSeries("last " + series.window() + " builds", false, false);
            XYSeries cumulative = new XYSeries("all " + series.size() + " builds shown", false, false);
            for (int i = 0; i < series.size(); i++) {
                TrendPoint point = series.points().get(i);
                rolling.add(i, point.validatedBothRolling() * 100);
                cumulative.add(i, point.validatedBothCumulative() * 100);
            }
            dataset.addSeries(rolling);
            dataset.addSeries(cumulative);
        }
        NumberAxis axis = ChartStyle.valueAxis("share of builds (%)");
        axis.setRange(0, 112);
        axis.setNumberFormatOverride(new DecimalFormat("0'%';-0'%'", java.text.DecimalFormatSymbols.getInstance(
                Locale.ROOT)) {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
                return number > 100.001 ? toAppendTo : super.format(number, toAppendTo, pos);
            }
        });
        XYPlot plot = linePlot(series, dataset, axis, new Paint[] {ChartStyle.BLUISH_GREEN, ChartStyle.BLUE});
        ((XYLineAndShapeRenderer) plot.getRenderer()).setSeriesStroke(1, ChartStyle.DASHED);
        long validated = series.points().stream().filter(p -> p.summary().validatedBoth()).count();
        String subtitle = series.isEmpty() ? null : String.format(Locale.ROOT,
                "%d of %d builds passed both performance and security gates (%.0f%%)", validated, series.size(),
                series.validatedBothShare() * 100);
        return finish(series, Family.VALIDATED_BOTH, plot, subtitle);
    }

    private static XYPlot linePlot(TrendSeries series, XYSeriesCollection dataset, NumberAxis valueAxis,
                                   Paint[] paints) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, series.size() <= 60);
        for (int k = 0; k < dataset.getSeriesCount(); k++) {
            renderer.setSeriesPaint(k, paints[k % paints.length]);
            renderer.setSeriesStroke(k, ChartStyle.LINE);
            renderer.setSeriesShape(k, ChartStyle.shape(k));
        }
        renderer.setDrawSeriesLineAsPath(false);
        XYPlot plot = new XYPlot(dataset, new BuildAxis("build", series.labels()), valueAxis, renderer);
        ChartStyle.plot(plot);
        plot.setNoDataMessage("no builds yet");
        return plot;
    }

    private static XYPlot barPlot(TrendSeries series, DefaultTableXYDataset dataset, NumberAxis valueAxis,
                                  Paint[] paints) {
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.25);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        for (int k = 0; k < dataset.getSeriesCount(); k++) {
            renderer.setSeriesPaint(k, paints[k % paints.length]);
        }
        XYPlot plot = new XYPlot(dataset, new BuildAxis("build", series.labels()), valueAxis, renderer);
        ChartStyle.plot(plot);
        plot.setNoDataMessage("no builds yet");
        return plot;
    }

    /** Shades failed and unstable builds, adds their legend entries and wraps the plot in a chart. */
    private static JFreeChart finish(TrendSeries series, Family family, XYPlot plot, String subtitle) {
        if (plot.getRangeAxis().isAutoRange()) {
            plot.getRangeAxis().setUpperMargin(0.14);
        }
        boolean anyFailed = false;
        boolean anyUnstable = false;
        for (int i = 0; i < series.size(); i++) {
            BuildSummary build = series.points().get(i).summary();
            Color band = null;
            String mark = null;
            Color markPaint = null;
            if (build.failed()) {
                band = ChartStyle.FAILED_BAND;
                mark = ChartStyle.FAILED_MARK;
                markPaint = ChartStyle.BLACK;
                anyFailed = true;
            } else if (build.verdict() == BuildVerdict.UNSTABLE) {
                band = ChartStyle.UNSTABLE_BAND;
                mark = ChartStyle.UNSTABLE_MARK;
                markPaint = ChartStyle.BLACK;
                anyUnstable = true;
            }
            if (band != null) {
                IntervalMarker marker = new IntervalMarker(i - 0.5, i + 0.5, band);
                marker.setOutlinePaint(null);
                if (series.size() <= 60) {
                    marker.setLabel(mark);
                    marker.setLabelFont(MARK_FONT);
                    marker.setLabelPaint(markPaint);
                    marker.setLabelBackgroundColor(ChartStyle.TRANSPARENT);
                    marker.setLabelAnchor(RectangleAnchor.TOP);
                    marker.setLabelTextAnchor(TextAnchor.TOP_CENTER);
                }
                plot.addDomainMarker(marker, Layer.BACKGROUND);
            }
        }
        boolean hasData = plot.getDataset() != null && plot.getDataset().getSeriesCount() > 0;
        if (hasData) {
            LegendItemCollection items = new LegendItemCollection();
            items.addAll(plot.getLegendItems());
            if (anyFailed) {
                items.add(bandLegend("failed build (" + ChartStyle.FAILED_MARK + ")", ChartStyle.FAILED_BAND));
            }
            if (anyUnstable) {
                items.add(bandLegend("unstable build (" + ChartStyle.UNSTABLE_MARK + ")", ChartStyle.UNSTABLE_BAND));
            }
            plot.setFixedLegendItems(items);
        }
        return ChartStyle.chart(family.title(), subtitle, plot, hasData);
    }

    private static LegendItem bandLegend(String label, Color band) {
        LegendItem item = new LegendItem(label, null, null, null, new Rectangle2D.Double(-6, -6, 12, 12), band);
        item.setLabelFont(ChartStyle.LEGEND_FONT);
        return item;
    }

    private static NumberFormat percentFormat() {
        DecimalFormat format = new DecimalFormat("0.##'%'", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format;
    }
}
