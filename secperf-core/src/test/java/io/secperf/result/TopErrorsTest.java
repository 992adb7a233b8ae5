package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user reads in the console and in the JUnit text of an error-rate gate: the top error kinds in order, their
 * shares, the labels they occurred in (bounded), and one line for the rest.
 */
class TopErrorsTest {

    private static final long T = 1_700_000_000_000L;

    private static Sample failed(String label, long start, String code, String message) {
        return new Sample(start, 5, label, code, message, false, "", 0, 0, 0, 0, 1);
    }

    private static Sample ok(String label, long start) {
        return new Sample(start, 5, label, "200", "OK", true, "", 0, 0, 0, 0, 1);
    }

    /** {@code times} failed samples of one kind, started at {@code T + 1000} and later (after the labels' first samples). */
    private static void fail(ResultAggregator aggregator, String label, int times, String code, String message) {
        for (int i = 0; i < times; i++) {
            aggregator.accept(failed(label, T + 1000 + i, code, message));
        }
    }

    @Test
    void nothingFailedGivesNoLines() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(ok("home", T));
        aggregator.accept(ok("search", T + 1));
        RunResult result = aggregator.finish();
        assertThat(TopErrors.lines(result, ErrorKinds.SHOWN)).isEmpty();
        assertThat(TopErrors.of(result, ErrorKinds.SHOWN)).isEmpty();
        assertThat(TopErrors.lines(RunResult.empty(), ErrorKinds.SHOWN)).isEmpty();
    }

    @Test
    void oneLabelShowsCountShareAndCauseWithoutALabelList() {
        ResultAggregator aggregator = new ResultAggregator();
        fail(aggregator, "home", 4, "Non HTTP response code: java.net.UnknownHostException",
                "Non HTTP response message: jakarta.apache.org: Name or service not known");
        aggregator.accept(ok("home", T + 10));
        assertThat(TopErrors.lines(aggregator.finish(), ErrorKinds.SHOWN))
                .containsExactly("4 (100 %) java.net.UnknownHostException: jakarta.apache.org");
    }

    @Test
    void kindsComeLargestFirstTiesByCodeThenMessageWithTheLabelsTheyOccurredIn() {
        ResultAggregator aggregator = new ResultAggregator();
        // label order: first sample start (home T, search T+100, cart T+200)
        aggregator.accept(ok("home", T));
        aggregator.accept(ok("search", T + 100));
        aggregator.accept(ok("cart", T + 200));
        fail(aggregator, "cart", 3, "503", "Service Unavailable");
        fail(aggregator, "home", 3, "503", "Service Unavailable");
        fail(aggregator, "search", 2, "502", "Bad Gateway");
        fail(aggregator, "cart", 2, "500", "Zeta failed");
        fail(aggregator, "search", 2, "500", "Alpha failed");
        fail(aggregator, "home", 1, "", "no response code");
        RunResult result = aggregator.finish();

        assertThat(TopErrors.lines(result, ErrorKinds.SHOWN)).containsExactly(
                "6 (46 %) 503: Service Unavailable [home, cart]",
                "2 (15 %) 500: Alpha failed [search]",
                "2 (15 %) 500: Zeta failed [cart]",
                "2 (15 %) 502: Bad Gateway [search]",
                "1 (7.7 %) no response code [home]");

        List<TopErrors> top = TopErrors.of(result, 2);
        assertThat(top).extracting(row -> row.kind().describe(), TopErrors::labels).containsExactly(
                org.assertj.core.groups.Tuple.tuple("503: Service Unavailable", List.of("home", "cart")),
                org.assertj.core.groups.Tuple.tuple("500: Alpha failed", List.of("search")));
        assertThat(top.get(0).kind().count()).isEqualTo(6);
    }

    @Test
    void theLimitCutsTheListAndTheRestIsOneLineOfOtherCauses() {
        ResultAggregator aggregator = new ResultAggregator();
        fail(aggregator, "api", 50, "500", "Internal Server Error");
        fail(aggregator, "api", 30, "502", "Bad Gateway");
        fail(aggregator, "api", 19, "503", "Service Unavailable");
        fail(aggregator, "api", 1, "504", "Gateway Timeout");
        RunResult result = aggregator.finish();

        assertThat(TopErrors.lines(result, 2)).containsExactly(
                "50 (50 %) 500: Internal Server Error",
                "30 (30 %) 502: Bad Gateway",
                "20 (20 %) other causes");
        assertThat(TopErrors.lines(result, 3)).containsExactly(
                "50 (50 %) 500: Internal Server Error",
                "30 (30 %) 502: Bad Gateway",
                "19 (19 %) 503: Service Unavailable",
                "1 (1.0 %) other causes");
        assertThat(TopErrors.lines(result, 4)).hasSize(4).last().isEqualTo("1 (1.0 %) 504: Gateway Timeout");
        assertThat(TopErrors.lines(result, 10)).hasSize(4);
        assertThat(TopErrors.lines(result, 0)).containsExactly("100 (100 %) other causes");
    }

    @Test
    void errorsBeyondTheTableCapacityAreOtherCauses() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int k = 0; k < ErrorKinds.CAPACITY + 2; k++) {
            fail(aggregator, "noisy", 1, "500", "broken " + "abcdefghijklmnop".charAt(k));
        }
        List<String> lines = TopErrors.lines(aggregator.finish(), ErrorKinds.CAPACITY);
        assertThat(lines).hasSize(ErrorKinds.CAPACITY + 1).last().isEqualTo("2 (17 %) other causes");
    }

    @Test
    void sharesHaveOneDecimalBelowTenPercentAndNoneFromTenPercentOn() {
        ResultAggregator aggregator = new ResultAggregator();
        fail(aggregator, "a", 189, "500", "Internal Server Error");
        fail(aggregator, "a", 10, "502", "Bad Gateway");
        fail(aggregator, "a", 1, "503", "Service Unavailable");
        assertThat(TopErrors.lines(aggregator.finish(), 5)).containsExactly(
                "189 (95 %) 500: Internal Server Error",
                "10 (5.0 %) 502: Bad Gateway",
                "1 (0.5 %) 503: Service Unavailable");

        ResultAggregator tenth = new ResultAggregator();
        fail(tenth, "a", 9, "500", "Internal Server Error");
        fail(tenth, "a", 1, "502", "Bad Gateway");
        assertThat(TopErrors.lines(tenth.finish(), 5)).containsExactly(
                "9 (90 %) 500: Internal Server Error",
                "1 (10 %) 502: Bad Gateway");
    }

    @Test
    void atMostThreeLabelsAreNamedAndLongLabelsAreShortened() {
        String longLabel = "L".repeat(60);
        ResultAggregator three = new ResultAggregator();
        three.accept(failed("a", T, "500", "Internal Server Error"));
        three.accept(failed("b", T + 10, "500", "Internal Server Error"));
        three.accept(failed(longLabel, T + 20, "500", "Internal Server Error"));
        assertThat(TopErrors.lines(three.finish(), 5)).containsExactly(
                "3 (100 %) 500: Internal Server Error [a, b, " + "L".repeat(39) + "…]");

        ResultAggregator five = new ResultAggregator();
        List<String> labels = List.of("a", "b", "c", "d", "e");
        for (int i = 0; i < labels.size(); i++) {
            five.accept(failed(labels.get(i), T + 10 * i, "500", "Internal Server Error"));
        }
        RunResult result = five.finish();
        assertThat(TopErrors.lines(result, 5)).containsExactly("5 (100 %) 500: Internal Server Error [a, b, c, +2 more]");
        assertThat(TopErrors.of(result, 5).get(0).labels()).isEqualTo(labels);

        ResultAggregator four = new ResultAggregator();
        for (int i = 0; i < 4; i++) {
            four.accept(failed(labels.get(i), T + 10 * i, "500", "Internal Server Error"));
        }
        assertThat(TopErrors.lines(four.finish(), 5)).containsExactly("4 (100 %) 500: Internal Server Error [a, b, c, +1 more]");
    }

    @Test
    void aLabelWhoseTableDoesNotListTheKindIsNotNamed() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(failed("home", T, "500", "Internal Server Error"));
        aggregator.accept(failed("search", T + 1, "500", "Internal Server Error"));
        aggregator.accept(failed("search", T + 2, "502", "Bad Gateway"));
        RunResult result = aggregator.finish();
        // a document whose label tables lost their kinds (written before error kinds existed): every error in others
        List<LabelStats> labels = new ArrayList<>();
        for (LabelStats s : result.labels()) {
            labels.add(withKinds(s, new ErrorKinds(List.of(), s.errors())));
        }
        RunResult old = new RunResult(result.overall(), labels, result.timeSeries(), result.errorClasses());
        assertThat(TopErrors.lines(old, 5)).containsExactly(
                "2 (67 %) 500: Internal Server Error",
                "1 (33 %) 502: Bad Gateway");
        assertThat(TopErrors.of(old, 5)).allSatisfy(row -> assertThat(row.labels()).isEmpty());
        // a kind that only the second label lists names that label only
        List<LabelStats> partly = new ArrayList<>(labels);
        partly.set(1, result.labels().get(1));
        assertThat(TopErrors.lines(new RunResult(result.overall(), partly, result.timeSeries(), null), 5))
                .containsExactly("2 (67 %) 500: Internal Server Error [search]", "1 (33 %) 502: Bad Gateway [search]");
    }

    @Test
    void aRowIsImmutable() {
        List<String> labels = new ArrayList<>(List.of("a"));
        TopErrors row = new TopErrors(new ErrorKind("500", "x", 1, "x"), labels);
        labels.add("b");
        assertThat(row.labels()).containsExactly("a");
        assertThatThrownBy(() -> row.labels().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    static LabelStats withKinds(LabelStats s, ErrorKinds kinds) {
        return new LabelStats(s.label(), s.count(), s.errors(), s.errorRate(), s.minMs(), s.maxMs(), s.meanMs(),
                s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms(), s.throughput(), s.firstStartEpochMs(),
                s.lastEndEpochMs(), s.elapsedSumMs(), s.connectMeanMs(), s.connectMaxMs(), s.connectSumMs(),
                s.latencyMeanMs(), s.latencyMaxMs(), s.latencySumMs(), s.receivedBytes(), s.sentBytes(),
                s.errorsByClass(), kinds, s.histogram());
    }
}
