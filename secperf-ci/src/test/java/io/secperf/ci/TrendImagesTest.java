package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.secperf.analysis.DocumentAnalysis;
import io.secperf.result.AttackWindow;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.SecurityData;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;

/** The job page's trend charts from CI summaries of real result documents, without Jenkins. */
class TrendImagesTest {

    private static final long T0 = 1_700_000_000_000L;

    /** 20 s of traffic at 10 ms, slowed to 80 ms from second 10 to 15, when an attack window is recorded. */
    static ResultDocument attacked() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int second = 0; second < 20; second++) {
            boolean attack = second >= 10 && second < 15;
            for (int i = 0; i < 50; i++) {
                aggregator.accept(new Sample(T0 + second * 1000L + i * 20L, attack ? 80 : 10, "home", "200", "OK",
                        true, null, 1000, 100, 5, 1, 4));
            }
        }
        RunInfo run = RunInfo.of("checkout", "perf/checkout.jmx", "https://staging.example.com", "5.6.3",
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 20_000), Map.of());
        AttackWindow window = new AttackWindow(Instant.ofEpochMilli(T0 + 10_000), Instant.ofEpochMilli(T0 + 14_999),
                "flood", null, null);
        ResultDocument document = ResultDocument.of(run, RunStatus.complete(), null, aggregator.finish())
                .withSecurity(new SecurityData(List.of("attack"), Map.of(), List.of(window), null, null));
        return DocumentAnalysis.complete(document, null);
    }

    @Test
    void theSummaryCarriesTheResilienceImpactIntoTheTrend() throws IOException {
        ResultSummary attacked = ResultSummary.ofJson(ResultDocuments.toJson(attacked()), "attacked");
        assertThat(attacked.resilience()).as("clean 10 ms vs attack 80 ms").isNotNull();
        assertThat(attacked.resilience().p95ChangePercent()).isEqualTo(700.0);
        assertThat(ResultSummary.fromJson(attacked.toJson())).isEqualTo(attacked);

        ResultSummary plain = ResultSummary.ofJson(ResultDocuments.toJson(ResultSummaryTest.document(100, 0)), "p");
        assertThat(plain.resilience()).isNull();

        BuildSummary build = TrendImages.toBuildSummary(attacked, "#7");
        assertThat(build.build()).isEqualTo("#7");
        assertThat(build.resilience()).isEqualTo(attacked.resilience());
        assertThat(build.verdict()).isEqualTo(BuildVerdict.NOT_EVALUATED);
        assertThat(build.samples()).isEqualTo(1000);
        assertThat(build.startTime()).isEqualTo(Instant.ofEpochMilli(T0));
    }

    @Test
    void everyChartTheJobPageOffersRendersAsPng() throws IOException {
        List<ResultSummary> summaries = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ResultDocument document = i % 2 == 0 ? attacked() : ResultSummaryTest.document(100 * i, i);
            summaries.add(ResultSummary.ofJson(ResultDocuments.toJson(document), "#" + i));
            labels.add("#" + i);
        }
        for (String chart : TrendRequest.CHARTS) {
            byte[] png = TrendImages.png(summaries, labels, TrendRequest.parse(chart, 400, 200, 10));
            assertThat(png).as(chart).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void unknownChartsAndMismatchedListsAreRefused() {
        assertThatThrownBy(() -> TrendImages.png(List.of(), List.of("#1"), TrendRequest.parse("latency", 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 summaries but 1 labels");
    }
}
