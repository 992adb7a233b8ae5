package io.secperf.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.secperf.result.AttackWindow;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.SecurityData;

/**
 * The window arithmetic of the resilience comparison against values computed by hand from the raw samples: the
 * clean window rule, exact window percentiles (merged bucket histograms vs nearest rank of the raw values), error
 * rate, throughput and impact, and the edge cases (no attack, attack over the whole run, merged documents).
 */
class ResilienceAnalysisTest {

    static final long T0 = 1_800_000_000L;

    /** Raw samples of one second: elapsed values, and how many of them failed (500). */
    record Second(long second, List<Long> elapsed, int failures) {
    }

    /** 20 seconds of traffic; seconds 12..15 are slower and have errors. Elapsed values below 256 ms (exact). */
    static List<Second> traffic(long seed) {
        Random random = new Random(seed);
        List<Second> seconds = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            boolean attack = s >= 12 && s <= 15;
            int n = attack ? 30 + random.nextInt(10) : 50 + random.nextInt(20);
            List<Long> elapsed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                elapsed.add(attack ? 60L + random.nextInt(190) : 5L + random.nextInt(40));
            }
            seconds.add(new Second(T0 + s, elapsed, attack ? 3 : (s == 5 ? 1 : 0)));
        }
        return seconds;
    }

    static RunResult aggregate(List<Second> seconds) {
        ResultAggregator aggregator = new ResultAggregator();
        for (Second second : seconds) {
            for (int i = 0; i < second.elapsed().size(); i++) {
                long elapsed = second.elapsed().get(i);
                boolean failed = i < second.failures();
                // starts at .000 + i so that start + elapsed ends in the same second
                aggregator.accept(new Sample(second.second() * 1000 + i, elapsed, "GET /", failed ? "500" : "200",
                        "", !failed, "", 100, 50, elapsed, 0, 4));
            }
        }
        return aggregator.finish();
    }

    static AttackWindow window(double fromSecond, double toSecond) {
        return new AttackWindow(Instant.ofEpochMilli((long) ((T0 + fromSecond) * 1000)),
                Instant.ofEpochMilli((long) ((T0 + toSecond) * 1000)), "flood");
    }

    /** Nearest rank from the raw values: the ceil(p × n / 100)-th smallest. */
    static long nearestRank(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(percent * sorted.size() / 100.0);
        return sorted.get(Math.max(1, rank) - 1);
    }

    static List<Long> values(List<Second> seconds, int fromOffset, int toOffsetExclusive) {
        List<Long> all = new ArrayList<>();
        for (Second s : seconds) {
            if (s.second() >= T0 + fromOffset && s.second() < T0 + toOffsetExclusive) {
                all.addAll(s.elapsed());
            }
        }
        return all;
    }

    static long failures(List<Second> seconds, int fromOffset, int toOffsetExclusive) {
        return seconds.stream().filter(s -> s.second() >= T0 + fromOffset && s.second() < T0 + toOffsetExclusive)
                .mapToLong(Second::failures).sum();
    }

    @Test
    void windowsPercentilesAndImpactMatchTheRawSamples() {
        List<Second> seconds = traffic(7);
        RunResult result = aggregate(seconds);
        // attack from 12.2 s to 15.5 s: buckets 12..15 are under attack; before it 12 buckets, 20 % = 2 are ramp-up
        ResilienceComparison c = ResilienceAnalysis.compare(result.timeSeries(), List.of(window(12.2, 15.5)));

        assertThat(c.comparable()).isTrue();
        assertThat(c.clean().fromSecond()).isEqualTo(T0 + 2);
        assertThat(c.clean().toSecond()).isEqualTo(T0 + 12);
        assertThat(c.attack().fromSecond()).isEqualTo(T0 + 12);
        assertThat(c.attack().toSecond()).isEqualTo(T0 + 16);

        List<Long> clean = values(seconds, 2, 12);
        List<Long> attack = values(seconds, 12, 16);
        assertThat(c.clean().samples()).isEqualTo(clean.size());
        assertThat(c.attack().samples()).isEqualTo(attack.size());
        assertThat(c.clean().p95Ms()).isEqualTo(nearestRank(clean, 95));
        assertThat(c.clean().p99Ms()).isEqualTo(nearestRank(clean, 99));
        assertThat(c.attack().p95Ms()).isEqualTo(nearestRank(attack, 95));
        assertThat(c.attack().p99Ms()).isEqualTo(nearestRank(attack, 99));
        assertThat(c.clean().errors()).isEqualTo(failures(seconds, 2, 12)).isEqualTo(1);
        assertThat(c.attack().errors()).isEqualTo(12);
        assertThat(c.clean().throughput()).isCloseTo(clean.size() / 10.0, within(1e-9));
        assertThat(c.attack().throughput()).isCloseTo(attack.size() / 4.0, within(1e-9));

        double cleanP95 = nearestRank(clean, 95);
        double attackP95 = nearestRank(attack, 95);
        assertThat(c.impact().p95ChangePercent()).isCloseTo((attackP95 - cleanP95) / cleanP95 * 100, within(1e-9))
                .isGreaterThan(100);
        assertThat(c.impact().errorRateChangePoints()).isCloseTo(
                (12.0 / attack.size() - 1.0 / clean.size()) * 100, within(1e-9));
        assertThat(c.impact().throughputChangePercent()).isCloseTo(
                ((attack.size() / 4.0) - (clean.size() / 10.0)) / (clean.size() / 10.0) * 100, within(1e-9))
                .isNegative();
    }

    @Test
    void theRampUpIsAtMostTenSecondsAndAtLeastOne() {
        List<Second> seconds = traffic(3);
        RunResult result = aggregate(seconds);
        // only 3 seconds before the attack: floor(0.6) = 0 -> still 1 skipped
        ResilienceComparison early = ResilienceAnalysis.compare(result.timeSeries(), List.of(window(3.5, 4)));
        assertThat(early.clean().fromSecond()).isEqualTo(T0 + 1);
        assertThat(early.clean().toSecond()).isEqualTo(T0 + 3);
        assertThat(early.attack().fromSecond()).isEqualTo(T0 + 3);
        assertThat(early.attack().seconds()).isEqualTo(2);
    }

    @Test
    void withoutAttackThereIsNoComparisonAndNoImpactMeasurement() {
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null),
                RunStatus.complete(), IngestInfo.live(0), aggregate(traffic(1)));
        assertThat(ResilienceAnalysis.compare(document.result().timeSeries(), List.of())).isNull();
        ResultDocument analysed = DocumentAnalysis.complete(document, null);
        assertThat(analysed.security().resilience()).isNull();
        assertThat(analysed.security().measurements()).doesNotContainKey("resilience.p95Impact")
                .containsEntry("posttest.connectionResets", "0");
    }

    @Test
    void anAttackOverTheWholeRunHasNoCleanWindowAndSaysSo() {
        RunResult result = aggregate(traffic(2));
        ResilienceComparison c = ResilienceAnalysis.compare(result.timeSeries(), List.of(window(-1, 25)));
        assertThat(c.comparable()).isFalse();
        assertThat(c.clean()).isNull();
        assertThat(c.impact()).isNull();
        assertThat(c.note()).contains("no clean window");
        assertThat(c.attack().seconds()).isEqualTo(20);

        // the attack starting in the first (ramp-up) second leaves no clean second either
        ResilienceComparison rampUp = ResilienceAnalysis.compare(result.timeSeries(), List.of(window(1.5, 3)));
        assertThat(rampUp.comparable()).isFalse();
        assertThat(rampUp.note()).contains("ramp-up");

        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null),
                RunStatus.complete(), IngestInfo.live(0), result).withSecurity(SecurityData.none()
                .withAttackWindows(List.of(window(-1, 25))));
        ResultDocument analysed = DocumentAnalysis.complete(document, null);
        assertThat(analysed.security().measurements()).doesNotContainKey("resilience.p95Impact");
        assertThat(analysed.security().resilience().note()).contains("no clean window");
    }

    @Test
    void twoAttackWindowsAreUnitedAndTheGapIsNotAttackTime() {
        List<Second> seconds = traffic(5);
        ResilienceComparison c = ResilienceAnalysis.compare(aggregate(seconds).timeSeries(),
                List.of(window(14.1, 15.9), window(12.0, 12.5)));
        assertThat(c.attack().fromSecond()).isEqualTo(T0 + 12);
        assertThat(c.attack().toSecond()).isEqualTo(T0 + 16);
        assertThat(c.attack().seconds()).as("span of the positions").isEqualTo(4);
        List<Long> attack = values(seconds, 12, 13);
        attack.addAll(values(seconds, 14, 16));
        assertThat(c.attack().samples()).isEqualTo(attack.size());
        assertThat(c.attack().throughput()).isCloseTo(attack.size() / 3.0, within(1e-9));
        assertThat(c.attack().p95Ms()).isEqualTo(nearestRank(attack, 95));
    }

    @Test
    void jsonRoundTripAndMergeOfTwoDocumentsRecomputeTheSameComparison() throws Exception {
        List<Second> seconds = traffic(11);
        List<Second> first = new ArrayList<>();
        List<Second> second = new ArrayList<>();
        for (Second s : seconds) {
            // two agents: each sees every other sample of every second
            List<Long> a = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            for (int i = 0; i < s.elapsed().size(); i++) {
                (i % 2 == 0 ? a : b).add(s.elapsed().get(i));
            }
            first.add(new Second(s.second(), a, (s.failures() + 1) / 2));
            second.add(new Second(s.second(), b, s.failures() / 2));
        }
        AttackWindow attackA = window(12.2, 15.5);
        ResultDocument one = document(aggregate(first), attackA);
        ResultDocument two = document(aggregate(second), attackA);
        ResultDocument merged = DocumentAnalysis.complete(ResultDocument.merge(List.of(
                ResultDocuments.fromJson(ResultDocuments.toJson(DocumentAnalysis.complete(one, null)), "one"),
                ResultDocuments.fromJson(ResultDocuments.toJson(DocumentAnalysis.complete(two, null)), "two"))),
                null);
        ResultDocument whole = DocumentAnalysis.complete(document(aggregate(seconds), attackA), null);

        assertThat(merged.security().attackWindows()).as("the same window twice is one").containsExactly(attackA);
        assertThat(merged.security().resilience()).isEqualTo(whole.security().resilience());
        assertThat(merged.security().measurements()).isEqualTo(whole.security().measurements());
        assertThat(merged.findings()).isEqualTo(whole.findings());

        ResultDocument roundTrip = ResultDocuments.fromJson(ResultDocuments.toJson(whole), "whole");
        assertThat(roundTrip.security()).isEqualTo(whole.security());
        assertThat(roundTrip.security().measurements().get("resilience.p95Impact")).endsWith("%");
    }

    static ResultDocument document(RunResult result, AttackWindow window) {
        return ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null), RunStatus.complete(),
                IngestInfo.live(result.overall().count()), result)
                .withSecurity(new SecurityData(List.of("attack"), java.util.Map.of("attack.requests", "3"))
                        .withAttackWindows(List.of(window)));
    }
}
