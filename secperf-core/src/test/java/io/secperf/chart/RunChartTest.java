package io.secperf.chart;

import io.secperf.result.AttackWindow;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

import io.secperf.report.ReportFixtures;
import io.secperf.result.ResultAggregator;
import io.secperf.result.RunResult;
import io.secperf.result.Sample;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunChartTest {

    private static RunResult result;

    @BeforeAll
    static void render() {
        ChartAssertions.assertHeadless();
        result = ReportFixtures.document().result();
    }

    @ParameterizedTest
    @EnumSource(RunChart.Kind.class)
    void everyKindRendersWithAndWithoutAnAttackWindow(RunChart.Kind kind) {
        for (AttackWindow window : new AttackWindow[] {null, ReportFixtures.attackWindow()}) {
            ChartAssertions.png(RunChart.render(result, kind, window, ChartFormat.PNG, 900, 460), 900, 460);
            String text = ChartAssertions.svgText(ChartAssertions.svg(
                    RunChart.render(result, kind, window, ChartFormat.SVG, 900, 460), 900, 460));
            assertThat(text).contains(kind.title()).contains("seconds since start");
            if (window == null) {
                assertThat(text).doesNotContain("attack");
            } else {
                assertThat(text).contains("attack window");
            }
        }
    }

    @Test
    void latencyAndThroughputFollowTheTimeSeries() {
        JFreeChart chart = RunChart.create(result, RunChart.Kind.LATENCY_THROUGHPUT, null);
        CombinedDomainXYPlot combined = (CombinedDomainXYPlot) chart.getPlot();
        List<XYPlot> plots = combined.getSubplots();
        XYDataset latencies = plots.get(0).getDataset();
        XYDataset rates = plots.get(1).getDataset();
        assertThat(latencies.getSeriesKey(0)).isEqualTo("p50");
        assertThat(latencies.getSeriesKey(1)).isEqualTo("p95");
        // 90 seconds of samples ending in up to 91 distinct seconds; x = seconds since the first bucket
        assertThat(rates.getItemCount(0)).isBetween(90, 92);
        assertThat(rates.getXValue(0, 0)).isZero();
        long total = 0;
        for (int i = 0; i < rates.getItemCount(0); i++) {
            total += Math.round(rates.getYValue(0, i));
        }
        assertThat(total).isEqualTo(result.overall().count());
        // the attack (40..60 s) slowed the median: compare a quiet second with an attack second
        int quiet = 20;
        int attack = 50;
        assertThat(latencies.getYValue(0, attack)).isGreaterThan(latencies.getYValue(0, quiet) * 1.5);
        assertThat(rates.getYValue(0, attack)).isLessThan(rates.getYValue(0, quiet));
    }

    @Test
    void theAttackWindowIsShadedWhereItWasAndNowhereElse() {
        JFreeChart chart = RunChart.create(result, RunChart.Kind.ERRORS, ReportFixtures.attackWindow());
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(900, 320, BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        double y = area.getMinY() + 3; // above every bar, below the label
        long origin = result.timeSeries().buckets().get(0).startSecond();
        double attackSecond = ReportFixtures.ATTACK_START.getEpochSecond() + 10 - origin;
        int[] inside = ChartAssertions.rgb(image, plot.getDomainAxis().valueToJava2D(attackSecond + 0.5, area,
                RectangleEdge.BOTTOM), y);
        int[] outside = ChartAssertions.rgb(image, plot.getDomainAxis().valueToJava2D(attackSecond - 25.5, area,
                RectangleEdge.BOTTOM), y);
        assertThat(outside).containsExactly(255, 255, 255);
        // reddish purple over white
        assertThat(inside[0]).isGreaterThan(inside[1] + 15);
        assertThat(inside[2]).isGreaterThan(inside[1]);
    }

    @Test
    void bothRunChartsShareOneTimeAxis() {
        for (AttackWindow window : new AttackWindow[] {null, ReportFixtures.attackWindow()}) {
            JFreeChart latency = RunChart.create(result, RunChart.Kind.LATENCY_THROUGHPUT, window);
            JFreeChart errors = RunChart.create(result, RunChart.Kind.ERRORS, window);
            org.jfree.data.Range latencyRange = latency.getXYPlot().getDomainAxis().getRange();
            assertThat(errors.getXYPlot().getDomainAxis().getRange()).isEqualTo(latencyRange);
            assertThat(latencyRange.getLowerBound()).isZero();
            long origin = result.timeSeries().buckets().get(0).startSecond();
            long last = result.timeSeries().buckets().get(result.timeSeries().buckets().size() - 1).startSecond();
            assertThat(latencyRange.getUpperBound()).isEqualTo(last + 1 - origin);
        }
    }

    @Test
    void theAttackBandIsTheMeasuredWindowToTheMillisecond() {
        long origin = result.timeSeries().buckets().get(0).startSecond();
        AttackWindow measured = new AttackWindow(Instant.ofEpochMilli(origin * 1000 + 40_200),
                Instant.ofEpochMilli(origin * 1000 + 54_700));
        for (RunChart.Kind kind : RunChart.Kind.values()) {
            JFreeChart chart = RunChart.create(result, kind, measured);
            XYPlot plot = kind == RunChart.Kind.ERRORS ? chart.getXYPlot()
                    : ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
            org.jfree.chart.plot.IntervalMarker band = (org.jfree.chart.plot.IntervalMarker)
                    plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).iterator().next();
            assertThat(band.getStartValue()).isCloseTo(40.2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(band.getEndValue()).isCloseTo(54.7, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(ChartAssertions.svgText(ChartAssertions.svg(RunChart.render(result, kind, measured,
                    ChartFormat.SVG, 900, 460), 900, 460))).contains("attack window 40.2\u201354.7 s (measured)");
        }
    }

    @Test
    void aShortLastSecondDoesNotStretchTheLatencyScale() {
        ResultAggregator aggregator = new ResultAggregator();
        long start = 1_700_000_000_000L;
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 100; i++) {
                aggregator.accept(new Sample(start + second * 1000L + i * 9, 10, "a", "200", "OK", true, "", 1, 1, 1,
                        0, 1));
            }
        }
        // two slow stragglers end in an 11th second of their own
        aggregator.accept(new Sample(start + 9_500, 1000, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        aggregator.accept(new Sample(start + 9_600, 1000, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        RunResult sparseEnd = aggregator.finish();
        JFreeChart chart = RunChart.create(sparseEnd, RunChart.Kind.LATENCY_THROUGHPUT, null);
        XYPlot latency = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
        assertThat(sparseEnd.overall().p99Ms()).isEqualTo(10);
        assertThat(latency.getRangeAxis().getUpperBound()).isLessThan(100);

        // a slow, sparse second in the middle (a throughput drop under attack) still sets the scale
        ResultAggregator middle = new ResultAggregator();
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < (second == 5 ? 3 : 100); i++) {
                middle.accept(new Sample(start + second * 1000L + i * 9, second == 5 ? 400 : 10, "a", "200", "OK",
                        true, "", 1, 1, 1, 0, 1));
            }
        }
        XYPlot dropped = ((CombinedDomainXYPlot) RunChart.create(middle.finish(), RunChart.Kind.LATENCY_THROUGHPUT,
                null).getPlot()).getSubplots().get(0);
        assertThat(dropped.getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void errorsNameTheirClasses() {
        String text = ChartAssertions.svgText(ChartAssertions.svg(
                RunChart.render(result, RunChart.Kind.ERRORS, null, ChartFormat.SVG, 900, 320), 900, 320));
        assertThat(text).contains(result.overall().errors() + " errors").contains("HTTP 5XX").contains("TIMEOUT");
    }

    @Test
    void anEmptyRunSaysSo() {
        RunResult empty = RunResult.empty();
        for (RunChart.Kind kind : RunChart.Kind.values()) {
            String text = ChartAssertions.svgText(ChartAssertions.svg(
                    RunChart.render(empty, kind, null, ChartFormat.SVG, 600, 300), 600, 300));
            assertThat(text).contains("no samples");
        }
    }

    @Test
    void gapsInTheSeriesBreakTheLatencyLineAndDropTheRateToZero() {
        ResultAggregator aggregator = new ResultAggregator();
        long start = 1_700_000_000_000L;
        for (int second : new int[] {0, 1, 2, 10, 11}) {
            for (int i = 0; i < 10; i++) {
                aggregator.accept(new Sample(start + second * 1000L + i * 10, 5, "a", "200", "OK", true, "", 1, 1, 1,
                        0, 1));
            }
        }
        JFreeChart chart = RunChart.create(aggregator.finish(), RunChart.Kind.LATENCY_THROUGHPUT, null);
        List<XYPlot> plots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        XYDataset latencies = plots.get(0).getDataset();
        XYDataset rates = plots.get(1).getDataset();
        assertThat(rates.getItemCount(0)).isEqualTo(12);
        assertThat(rates.getYValue(0, 5)).isZero();
        assertThat(latencies.getYValue(0, 5)).isNaN();
        assertThat(latencies.getYValue(0, 10)).isEqualTo(5);
    }

    @Test
    void anAttackWindowMustMakeSense() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new AttackWindow(now, now.minusSeconds(1))).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> new AttackWindow(null, now)).hasMessageContaining("needs a start and an end");
    }
}
