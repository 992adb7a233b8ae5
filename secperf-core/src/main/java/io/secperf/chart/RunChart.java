package io.secperf.chart;

import io.secperf.result.AttackWindow;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.secperf.result.ErrorClass;
import io.secperf.result.RunResult;
import io.secperf.result.SecondBucket;
import io.secperf.result.TimeSeries;

/**
 * Charts of one run over time, from the result document's time series: latency percentiles with requests per second
 * below on the same time axis, and errors over time. The x-axis is seconds since the first bucket. When an
 * {@link AttackWindow} is given it is shaded in both charts, so a latency rise can be read against the attack.
 */
public final class RunChart {

    /** Size used by reports. */
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 460;

    /** The per-run charts. */
    public enum Kind {
        LATENCY_THROUGHPUT("latency-throughput", "Response times and throughput over time"),
        ERRORS("errors", "Errors over time");

        private final String id;
        private final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Stable short name, used in file names ({@code run-<id>.png}). */
        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }

    private RunChart() {
    }

    /** One chart of the run in the given format; attackWindow may be null. */
    public static byte[] render(RunResult result, Kind kind, AttackWindow attackWindow, ChartFormat format,
                                int width, int height) {
        return ChartImages.render(create(result, kind, attackWindow), format, width, height);
    }

    /** The chart, for callers that want to adjust or draw it themselves; attackWindow may be null. */
    public static JFreeChart create(RunResult result, Kind kind, AttackWindow attackWindow) {
        return switch (kind) {
            case LATENCY_THROUGHPUT -> latencyAndThroughput(result, attackWindow);
            case ERRORS -> errors(result, attackWindow);
        };
    }

    private static JFreeChart latencyAndThroughput(RunResult result, AttackWindow attackWindow) {
        TimeSeries series = result.timeSeries();
        long origin = origin(series);
        int width = series.bucketSeconds();
        XYSeries p50 = new XYSeries("p50", false, false);
        XYSeries p95 = new XYSeries("p95", false, false);
        XYSeries throughput = new XYSeries("requests per second", false, false);
        for (Slot slot : slots(series)) {
            double x = slot.startSecond - origin;
            if (slot.bucket == null) {
                p50.add(x, null);
                p95.add(x, null);
                throughput.add(x, 0);
            } else {
                p50.add(x, slot.bucket.p50Ms());
                p95.add(x, slot.bucket.p95Ms());
                throughput.add(x, (double) slot.bucket.count() / width);
            }
        }
        NumberAxis time = timeAxis(width, result, attackWindow);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);

        XYSeriesCollection latencies = new XYSeriesCollection();
        if (!series.buckets().isEmpty()) {
            latencies.addSeries(p50);
            latencies.addSeries(p95);
        }
        XYLineAndShapeRenderer latencyRenderer = new XYLineAndShapeRenderer(true, false);
        latencyRenderer.setSeriesPaint(0, ChartStyle.BLUE);
        latencyRenderer.setSeriesPaint(1, ChartStyle.ORANGE);
        latencyRenderer.setSeriesStroke(0, ChartStyle.LINE);
        latencyRenderer.setSeriesStroke(1, ChartStyle.DASHED);
        XYPlot latencyPlot = new XYPlot(latencies, null, ChartStyle.valueAxis("response time (ms)"), latencyRenderer);
        ChartStyle.plot(latencyPlot);
        if (result.overall().count() > 0) {
            ValueMarker p99 = new ValueMarker(result.overall().p99Ms(), ChartStyle.VERMILION, ChartStyle.DASHED);
            p99.setLabel("p99 of the run: " + result.overall().p99Ms() + " ms");
            p99.setLabelFont(ChartStyle.TICK_FONT);
            p99.setLabelPaint(ChartStyle.VERMILION);
            p99.setLabelBackgroundColor(ChartStyle.TRANSPARENT);
            p99.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            p99.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            latencyPlot.addRangeMarker(p99, Layer.FOREGROUND);
            ((NumberAxis) latencyPlot.getRangeAxis()).setUpperMargin(0.15);
            double top = Math.max(result.overall().p99Ms() * 1.1, scaleP95(series) * 1.1);
            latencyPlot.getRangeAxis().setRange(0, Math.max(top, 1));
        }

        XYSeriesCollection rates = new XYSeriesCollection();
        if (!series.buckets().isEmpty()) {
            rates.addSeries(throughput);
        }
        XYLineAndShapeRenderer rateRenderer = new XYLineAndShapeRenderer(true, false);
        rateRenderer.setSeriesPaint(0, ChartStyle.BLUISH_GREEN);
        rateRenderer.setSeriesStroke(0, ChartStyle.LINE);
        XYPlot ratePlot = new XYPlot(rates, null, ChartStyle.valueAxis("req/s"), rateRenderer);
        ChartStyle.plot(ratePlot);

        combined.add(latencyPlot, 3);
        combined.add(ratePlot, 2);
        shade(attackWindow, origin, latencyPlot, ratePlot);
        combined.setFixedLegendItems(legend(combined.getLegendItems(), attackWindow, origin));
        String subtitle = series.buckets().isEmpty() ? "no samples" : width == 1 ? "per second"
                : "per " + width + " s bucket (long run)";
        return ChartStyle.chart(Kind.LATENCY_THROUGHPUT.title(), subtitle, combined, true);
    }

    private static JFreeChart errors(RunResult result, AttackWindow attackWindow) {
        TimeSeries series = result.timeSeries();
        long origin = origin(series);
        int width = series.bucketSeconds();
        XYSeries errors = new XYSeries("failed requests per second", false, false);
        for (Slot slot : slots(series)) {
            errors.add(slot.startSecond - origin, slot.bucket == null ? 0 : (double) slot.bucket.errors() / width);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        if (!series.buckets().isEmpty()) {
            dataset.addSeries(errors);
        }
        XYBarRenderer renderer = new XYBarRenderer(0.1);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, ChartStyle.VERMILION);
        dataset.setIntervalWidth(width);
        dataset.setIntervalPositionFactor(0);
        XYPlot plot = new XYPlot(dataset, timeAxis(width, result, attackWindow), ChartStyle.valueAxis("errors/s"),
                renderer);
        ChartStyle.plot(plot);
        plot.setNoDataMessage("no samples");
        shade(attackWindow, origin, plot);
        plot.setFixedLegendItems(legend(plot.getLegendItems(), attackWindow, origin));
        return ChartStyle.chart(Kind.ERRORS.title(), errorClassSummary(result.errorClasses(),
                result.overall().errors()), plot, true);
    }

    /** "no errors" or "by class over the whole run: HTTP 5XX 12, TIMEOUT 3". */
    static String errorClassSummary(Map<ErrorClass, Long> classes, long total) {
        if (total == 0) {
            return "no errors";
        }
        List<String> parts = new ArrayList<>();
        classes.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> parts.add(e.getKey().name().replace('_', ' ') + " " + e.getValue()));
        return total + " errors; by class over the whole run: " + String.join(", ", parts);
    }

    /**
     * The highest bucket p95 that may set the latency scale. The first and the last bucket are usually only partly
     * covered by the run; when one of them has fewer than a quarter of the median bucket's samples it is left out,
     * so two slow samples in a short last second cannot stretch the chart to 1000 ms (its point is still drawn,
     * clipped at the top). Seconds in between always count, however few samples they have: a throughput drop under
     * attack is exactly what the chart must show.
     */
    static long scaleP95(TimeSeries series) {
        List<SecondBucket> buckets = series.buckets();
        if (buckets.isEmpty()) {
            return 0;
        }
        long[] counts = buckets.stream().mapToLong(SecondBucket::count).sorted().toArray();
        long median = counts[counts.length / 2];
        long max = 0;
        for (int i = 0; i < buckets.size(); i++) {
            SecondBucket bucket = buckets.get(i);
            boolean edge = i == 0 || i == buckets.size() - 1;
            if (!edge || bucket.count() * 4 >= median) {
                max = Math.max(max, bucket.p95Ms());
            }
        }
        return max;
    }

    /**
     * One time axis for every run chart: 0 at the first bucket, up to the end of the last bucket (or of the attack
     * window, when that ends later), fixed rather than fitted to each chart's data, so the latency and the errors
     * chart of one run line up second for second.
     */
    private static NumberAxis timeAxis(int bucketSeconds, RunResult result, AttackWindow attackWindow) {
        NumberAxis time = new NumberAxis("seconds since start");
        ChartStyle.axis(time);
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (bucketSeconds > 1) {
            time.setLabel("seconds since start (" + bucketSeconds + " s buckets)");
        }
        time.setRange(0, timeAxisEnd(result, attackWindow));
        return time;
    }

    /** The right end of the shared time axis, in seconds since the first bucket. */
    static double timeAxisEnd(RunResult result, AttackWindow attackWindow) {
        TimeSeries series = result.timeSeries();
        if (series.buckets().isEmpty()) {
            return 1;
        }
        long origin = origin(series);
        double end = series.buckets().get(series.buckets().size() - 1).startSecond() + series.bucketSeconds()
                - origin;
        if (attackWindow != null) {
            end = Math.max(end, seconds(attackWindow.end(), origin));
        }
        return Math.max(end, 1);
    }

    private static void shade(AttackWindow window, long origin, XYPlot... plots) {
        if (window == null) {
            return;
        }
        // the measured window to the millisecond (not rounded to whole seconds, not the configured one)
        double start = seconds(window.start(), origin);
        double end = Math.max(start + 0.1, seconds(window.end(), origin));
        boolean first = true;
        for (XYPlot plot : plots) {
            IntervalMarker marker = new IntervalMarker(start, end, ChartStyle.ATTACK_BAND);
            marker.setOutlinePaint(null);
            if (first) {
                marker.setLabel("attack");
                marker.setLabelFont(new Font(ChartStyle.FONT, Font.BOLD, 11));
                marker.setLabelPaint(new Color(0x7A3D62));
                marker.setLabelBackgroundColor(ChartStyle.TRANSPARENT);
                marker.setLabelAnchor(RectangleAnchor.TOP);
                marker.setLabelTextAnchor(TextAnchor.TOP_CENTER);
                first = false;
            }
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
    }

    private static LegendItemCollection legend(LegendItemCollection items, AttackWindow attack, long origin) {
        LegendItemCollection result = new LegendItemCollection();
        result.addAll(items);
        if (attack != null) {
            String label = String.format(java.util.Locale.ROOT, "attack window %.1f–%.1f s (measured)",
                    seconds(attack.start(), origin), seconds(attack.end(), origin));
            LegendItem item = new LegendItem(label, null, null, null,
                    new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12), new Color(0xCC, 0x79, 0xA7, 0x90));
            item.setLabelFont(ChartStyle.LEGEND_FONT);
            result.add(item);
        }
        return result;
    }

    /** An instant as seconds since {@code origin} (an epoch second), exact to the millisecond. */
    private static double seconds(java.time.Instant instant, long origin) {
        return (instant.toEpochMilli() - origin * 1000L) / 1000.0;
    }

    /** The first bucket's start second: x = 0 there. */
    private static long origin(TimeSeries series) {
        return series.buckets().isEmpty() ? 0 : series.buckets().get(0).startSecond();
    }

    private record Slot(long startSecond, SecondBucket bucket) {
    }

    /**
     * Every bucket position from the first to the last one, with null where no sample ended (omitted buckets), so
     * lines break and rates drop to zero where nothing happened. At most maxBuckets + 1 positions by construction.
     */
    private static List<Slot> slots(TimeSeries series) {
        List<Slot> slots = new ArrayList<>();
        List<SecondBucket> buckets = series.buckets();
        if (buckets.isEmpty()) {
            return slots;
        }
        int width = series.bucketSeconds();
        long first = buckets.get(0).startSecond();
        long last = buckets.get(buckets.size() - 1).startSecond();
        int next = 0;
        long limit = (long) series.maxBuckets() + 1;
        for (long second = first; second <= last && slots.size() <= limit; second += width) {
            if (next < buckets.size() && buckets.get(next).startSecond() == second) {
                slots.add(new Slot(second, buckets.get(next++)));
            } else {
                slots.add(new Slot(second, null));
            }
        }
        return slots;
    }
}
