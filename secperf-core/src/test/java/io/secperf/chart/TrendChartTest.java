package io.secperf.chart;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.secperf.report.ReportFixtures;
import io.secperf.result.RunState;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.TrendSeries;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendChartTest {

    @BeforeAll
    static void headless() {
        ChartAssertions.assertHeadless();
    }

    @ParameterizedTest
    @EnumSource(TrendChart.Family.class)
    void everyFamilyRendersAsPngAndSvgWithItsTitle(TrendChart.Family family) {
        TrendSeries series = TrendSeries.of(ReportFixtures.history(30));
        ChartAssertions.png(TrendChart.render(series, family, ChartFormat.PNG, 900, 340), 900, 340);
        Document svg = ChartAssertions.svg(TrendChart.render(series, family, ChartFormat.SVG, 800, 300), 800, 300);
        String text = ChartAssertions.svgText(svg);
        assertThat(text).contains(family.title()).contains("build").contains("failed build")
                .contains("unstable build");
    }

    @Test
    void theJenkinsEntryPointTakesSummariesAndGivesPngBytes() {
        byte[] png = TrendChart.png(ReportFixtures.history(12), TrendChart.Family.LATENCY, 640, 300);
        ChartAssertions.png(png, 640, 300);
    }

    @Test
    void legendsNameEverySeries() {
        TrendSeries series = TrendSeries.of(ReportFixtures.history(12));
        assertThat(svgText(series, TrendChart.Family.LATENCY)).contains("p50", "p95", "p99");
        assertThat(svgText(series, TrendChart.Family.FINDINGS)).contains("critical", "high", "medium", "low", "info");
        assertThat(svgText(series, TrendChart.Family.GATES)).contains("passed", "unstable", "failed",
                "not evaluated");
        assertThat(svgText(series, TrendChart.Family.VALIDATED_BOTH)).contains("last 10 builds",
                "all 12 builds shown", "5 of 12 builds passed both performance and security gates (42%)");
        assertThat(svgText(series, TrendChart.Family.RESILIENCE)).contains("p95 change (%)", "throughput change (%)");
    }

    @Test
    void noBuildsAndNoResilienceDataSaySo() {
        TrendSeries empty = TrendSeries.of(List.of());
        for (TrendChart.Family family : TrendChart.Family.values()) {
            ChartAssertions.png(TrendChart.render(empty, family, ChartFormat.PNG, 400, 200), 400, 200);
            assertThat(svgText(empty, family)).contains("no builds yet");
        }
        List<BuildSummary> withoutAttack = ReportFixtures.history(5);
        assertThat(withoutAttack).allMatch(b -> b.resilience() == null);
        assertThat(svgText(TrendSeries.of(withoutAttack), TrendChart.Family.RESILIENCE))
                .contains("no build had an attack window");
    }

    @Test
    void oneBuildRenders() {
        TrendSeries one = TrendSeries.of(ReportFixtures.history(1));
        for (TrendChart.Family family : TrendChart.Family.values()) {
            ChartAssertions.png(TrendChart.render(one, family, ChartFormat.PNG, 400, 200), 400, 200);
        }
    }

    @Test
    void failedBuildsAreShadedAndPassedOnesAreNot() {
        List<BuildSummary> builds = new ArrayList<>(ReportFixtures.history(12));
        // build 4 (index 3) failed, build 5 (index 4) passed, build 3 (index 2) unstable in the fixture
        assertThat(builds.get(3).verdict()).isEqualTo(BuildVerdict.FAILED);
        assertThat(builds.get(4).verdict()).isEqualTo(BuildVerdict.PASSED);
        assertThat(builds.get(2).verdict()).isEqualTo(BuildVerdict.UNSTABLE);
        JFreeChart chart = TrendChart.create(TrendSeries.of(builds), TrendChart.Family.LATENCY);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(900, 340, BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        // 80 ms lies between the p50 (~45 ms) and p95 (~150 ms) lines of the fixture and off the grid lines
        double y = plot.getRangeAxis().valueToJava2D(80, area, RectangleEdge.LEFT);
        int[] failed = ChartAssertions.rgb(image, x(plot, area, 3.3), y);
        int[] passed = ChartAssertions.rgb(image, x(plot, area, 4.3), y);
        int[] unstable = ChartAssertions.rgb(image, x(plot, area, 2.3), y);
        assertThat(passed).containsExactly(255, 255, 255);
        // vermilion over white: red stays high, blue drops most
        assertThat(failed[0]).isGreaterThan(230);
        assertThat(failed[2]).isLessThan(215);
        assertThat(failed[0] - failed[2]).isGreaterThan(40);
        // yellow over white: blue drops, red and green stay high
        assertThat(unstable[0]).isGreaterThan(240);
        assertThat(unstable[1]).isGreaterThan(235);
        assertThat(unstable[2]).isLessThan(220);
        assertThat(unstable).isNotEqualTo(failed);
    }

    @Test
    void aFailedRunIsMarkedEvenWithoutGates() {
        List<BuildSummary> builds = new ArrayList<>(ReportFixtures.history(3));
        BuildSummary crashed = new BuildSummary(1, "crashed", null, RunState.FAILED, BuildVerdict.NOT_EVALUATED,
                false, 0, 0, 0, 0, 0, 0, null, null, null);
        builds.add(crashed);
        assertThat(crashed.failed()).isTrue();
        assertThat(svgText(TrendSeries.of(builds), TrendChart.Family.THROUGHPUT)).contains("failed build");
    }

    @Test
    void hostileBuildLabelsAreTextInTheSvgAndLongOnesAreCut() {
        List<BuildSummary> builds = new ArrayList<>();
        for (BuildSummary build : ReportFixtures.history(3)) {
            builds.add(build.withBuild("<script>alert(1)</script>"));
        }
        builds.set(0, builds.get(0).withBuild("\"><svg onload=alert(1)>"));
        byte[] svg = TrendChart.render(TrendSeries.of(builds), TrendChart.Family.LATENCY, ChartFormat.SVG, 900, 340);
        Document document = ChartAssertions.svg(svg, 900, 340);
        String text = ChartAssertions.svgText(document);
        assertThat(text).contains("<script>alert(1…", "\"><svg onload=a…");
        assertThat(new String(svg, StandardCharsets.UTF_8)).contains("&lt;script&gt;alert(");
    }

    @Test
    void hundredBuildsKeepTheAxisReadable() {
        TrendSeries series = TrendSeries.of(ReportFixtures.history(100));
        String text = svgText(series, TrendChart.Family.LATENCY);
        long numbers = text.lines().filter(line -> line.matches("\\d+")).count();
        // build labels are thinned out (every 5th here) instead of printing 100 overlapping numbers; the rest of
        // the numbers are the value axis ticks
        assertThat(numbers).isBetween(10L, 40L);
        assertThat(text.lines()).contains("1", "6", "96").doesNotContain("2", "3", "97");
    }

    @Test
    void sizesAreBounded() {
        assertThatThrownBy(() -> TrendChart.png(List.of(), TrendChart.Family.LATENCY, 10, 300))
                .hasMessageContaining("chart size");
        assertThatThrownBy(() -> TrendChart.png(List.of(), TrendChart.Family.LATENCY, 5000, 300))
                .hasMessageContaining("chart size");
    }

    @Test
    void familiesHaveStableIds() {
        for (TrendChart.Family family : TrendChart.Family.values()) {
            assertThat(TrendChart.Family.byId(family.id())).isEqualTo(family);
            assertThat(family.id()).matches("[a-z-]+");
        }
        assertThat(TrendChart.Family.byId("nope")).isNull();
    }

    private static double x(XYPlot plot, Rectangle2D area, double value) {
        return plot.getDomainAxis().valueToJava2D(value, area, RectangleEdge.BOTTOM);
    }

    private static String svgText(TrendSeries series, TrendChart.Family family) {
        return ChartAssertions.svgText(ChartAssertions.svg(
                TrendChart.render(series, family, ChartFormat.SVG, 900, 340), 900, 340));
    }
}
