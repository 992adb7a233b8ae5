package io.secperf.gate;

import static io.secperf.gate.Results.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunResult;
import io.secperf.result.SecondBucket;
import io.secperf.result.TimeSeries;
import org.junit.jupiter.api.Test;

/** {@code for} windows over synthetic per-second series (1 s and widened buckets), and early stops on them. */
class WindowTest {

    static final long S0 = T0 / 1000;

    /** A real result (so it has samples) whose series is replaced by the given buckets. */
    static RunResult withSeries(int width, List<SecondBucket> buckets) {
        RunResult real = Results.aggregate(Results.steady("a", S0, 2, 5, 10));
        long first = buckets.get(0).startSecond();
        long last = buckets.get(buckets.size() - 1).startSecond() + width - 1;
        return new RunResult(real.overall(), real.labels(), new TimeSeries(width, 3600, first, last, buckets),
                real.errorClasses());
    }

    /** Builds buckets from runs of (seconds, p95, count, errors); count 0 leaves the seconds empty. */
    static final class Series {
        private final int width;
        private final List<SecondBucket> buckets = new ArrayList<>();
        private long next = S0;

        Series(int width) {
            this.width = width;
        }

        Series run(int slots, long p95, long count, long errors) {
            for (int i = 0; i < slots; i++) {
                if (count > 0) {
                    buckets.add(new SecondBucket(next, count, errors, p95 / 2, p95, ""));
                }
                next += width;
            }
            return this;
        }

        RunResult result() {
            return withSeries(width, buckets);
        }
    }

    static GateResult evaluate(String gate, RunResult result) throws GateSyntaxException {
        return new GateEvaluator().evaluate(GateList.parse(gate, "gates"), Results.document(result), null)
                .results().get(0);
    }

    @Test
    void failsOnlyWhenViolatedContinuouslyForTheWindow() throws GateSyntaxException {
        RunResult result = new Series(1).run(10, 100, 10, 0).run(35, 900, 10, 0).run(5, 100, 10, 0).result();
        GateResult thirty = evaluate("p95 < 800ms for 30s", result);
        assertThat(thirty.status()).isEqualTo(GateStatus.FAILED);
        assertThat(thirty.measured()).isEqualTo("35 s");
        assertThat(thirty.value()).isEqualTo(35.0);
        assertThat(thirty.unit()).isEqualTo("s");
        assertThat(thirty.message()).isEqualTo("p95 was at or above 800 ms for 35 s in a row from "
                + Instant.ofEpochSecond(S0 + 10) + ", reaching 900 ms (window 30 s)");
        GateResult forty = evaluate("p95 < 800ms for 40s", result);
        assertThat(forty.status()).isEqualTo(GateStatus.PASSED);
        assertThat(forty.message()).isEqualTo("p95 was at or above 800 ms for at most 35 s in a row (window 40 s)");
        assertThat(evaluate("p95 < 800ms for 35s", result).status()).isEqualTo(GateStatus.FAILED);
        assertThat(evaluate("p95 < 800ms for 30s as unstable", result).status()).isEqualTo(GateStatus.UNSTABLE);
        assertThat(evaluate("p95 < 1s for 1s", result).message()).isEqualTo("p95 was never at or above 1 s (window 1 s)");
    }

    @Test
    void aPassingSecondEndsTheStretch() throws GateSyntaxException {
        RunResult result = new Series(1).run(20, 900, 10, 0).run(1, 100, 10, 0).run(20, 900, 10, 0).result();
        GateResult gate = evaluate("p95 < 800ms for 30s", result);
        assertThat(gate.status()).isEqualTo(GateStatus.PASSED);
        assertThat(gate.value()).isEqualTo(20.0);
    }

    @Test
    void secondsWithoutSamplesNeitherEndNorPassAStretchButCountAsZeroThroughput() throws GateSyntaxException {
        RunResult hang = new Series(1).run(10, 900, 10, 0).run(15, 0, 0, 0).run(10, 900, 10, 0).result();
        GateResult p95 = evaluate("p95 < 800ms for 30s", hang);
        assertThat(p95.status()).isEqualTo(GateStatus.FAILED);
        assertThat(p95.value()).isEqualTo(35.0);

        RunResult stall = new Series(1).run(10, 10, 10, 0).run(40, 0, 0, 0).run(10, 10, 10, 0).result();
        GateResult throughput = evaluate("throughput >= 5/s for 30s", stall);
        assertThat(throughput.status()).isEqualTo(GateStatus.FAILED);
        assertThat(throughput.value()).isEqualTo(40.0);
        assertThat(evaluate("throughput >= 5/s for 41s", stall).status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void errorRateAndMedianWindows() throws GateSyntaxException {
        RunResult result = new Series(1).run(5, 100, 100, 0).run(12, 100, 100, 3).run(5, 100, 100, 0).result();
        assertThat(evaluate("errors < 2% for 10s", result).status()).isEqualTo(GateStatus.FAILED);
        assertThat(evaluate("errors < 2% for 13s", result).status()).isEqualTo(GateStatus.PASSED);
        assertThat(evaluate("errors <= 3% for 10s", result).status()).isEqualTo(GateStatus.PASSED);
        assertThat(evaluate("p50 < 40ms for 10s", result).status()).isEqualTo(GateStatus.FAILED);
    }

    @Test
    void widenedBucketsCountWithTheirFullWidth() throws GateSyntaxException {
        RunResult two = new Series(16).run(3, 100, 160, 0).run(2, 900, 160, 0).run(3, 100, 160, 0).result();
        GateResult gate = evaluate("p95 < 800ms for 30s", two);
        assertThat(gate.status()).isEqualTo(GateStatus.FAILED);
        assertThat(gate.value()).isEqualTo(32.0);
        assertThat(gate.message()).contains("for 32 s in a row").endsWith("(window 30 s, 16 s buckets)");
        assertThat(evaluate("p95 < 800ms for 33s", two).status()).isEqualTo(GateStatus.PASSED);

        RunResult one = new Series(16).run(3, 100, 160, 0).run(1, 900, 160, 0).run(3, 100, 160, 0).result();
        assertThat(evaluate("p95 < 800ms for 30s", one).status()).isEqualTo(GateStatus.PASSED);

        RunResult slow = new Series(16).run(2, 100, 160, 0).run(2, 100, 32, 0).run(2, 100, 160, 0).result();
        GateResult rate = evaluate("throughput >= 5/s for 30s", slow);
        assertThat(rate.status()).isEqualTo(GateStatus.FAILED);
        assertThat(rate.message()).contains("reaching 2/s");
    }

    @Test
    void aRealLongRunWidensItsBucketsAndStillGates() throws GateSyntaxException {
        List<io.secperf.result.Sample> samples = new ArrayList<>();
        for (int s = 0; s < 8000; s += 2) {
            long elapsed = s >= 4000 && s < 4100 ? 1500 : 20;
            samples.add(Results.ok("a", (S0 + s) * 1000 - elapsed, elapsed));
        }
        RunResult result = Results.aggregate(samples);
        assertThat(result.timeSeries().bucketSeconds()).isEqualTo(4);
        assertThat(evaluate("p95 < 1s for 90s", result).status()).isEqualTo(GateStatus.FAILED);
        assertThat(evaluate("p95 < 1s for 120s", result).status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void earlyStopWaitsForTheWholeWindowInCompletedSeconds() throws GateSyntaxException {
        EarlyStop stop = new EarlyStop(GateList.parse("p95 < 1h\np95 < 800ms for 30s stop", "gates"));
        assertThat(stop.active()).isTrue();
        RunResult result = new Series(1).run(5, 100, 10, 0).run(31, 900, 10, 0).result();
        long violationStart = S0 + 5;
        // at violationStart + 30 the 30th violated second is still in progress
        assertThat(stop.check(result, Instant.ofEpochSecond(violationStart + 30))).isEmpty();
        Optional<GateResult> hit = stop.check(result, Instant.ofEpochSecond(violationStart + 31));
        assertThat(hit).isPresent();
        assertThat(hit.get().id()).isEqualTo("2");
        assertThat(hit.get().status()).isEqualTo(GateStatus.FAILED);
        assertThat(hit.get().message()).startsWith("stopped the load: p95 was at or above 800 ms for 30 s in a row");

        assertThat(new EarlyStop(GateList.parse("p95 < 1ms", "g")).active()).isFalse();
        assertThat(new EarlyStop(GateList.parse("p95 < 1ms", "g")).check(result, Instant.now())).isEmpty();
    }

    @Test
    void earlyStopWithoutAWindowWaitsForTheWarmUpAndJudgesTheTotals() throws GateSyntaxException {
        List<io.secperf.result.Sample> samples = new ArrayList<>(Results.steady("a", S0, 20, 10, 50));
        samples.add(Results.failed("a", S0 * 1000 + 100, 50, "500"));
        samples.add(Results.failed("a", S0 * 1000 + 200, 50, "500"));
        RunResult result = Results.aggregate(samples);
        EarlyStop stop = new EarlyStop(GateList.parse("errors == 0 stop\nerrors < 5% stop", "gates"));
        long firstStart = result.overall().firstStartEpochMs();
        assertThat(stop.check(result, Instant.ofEpochMilli(firstStart + 9_999))).isEmpty();
        Optional<GateResult> hit = stop.check(result, Instant.ofEpochMilli(firstStart + 10_000));
        assertThat(hit).isPresent();
        assertThat(hit.get().expression()).isEqualTo("errors == 0% stop");
        assertThat(hit.get().message()).startsWith("stopped the load: errors is 0.99");
        assertThat(stop.check(RunResult.empty(), Instant.now())).isEmpty();
        EarlyStop lenient = new EarlyStop(GateList.parse("errors < 5% stop", "gates"));
        assertThat(lenient.check(result, Instant.ofEpochMilli(firstStart + 60_000))).isEmpty();
    }

    @Test
    void windowsOnAnEmptyRunFail() throws GateSyntaxException {
        ResultDocument empty = Results.document(RunResult.empty());
        GateResult gate = new GateEvaluator().evaluate(GateList.parse("p95 < 1s for 30s", "g"), empty, null)
                .results().get(0);
        assertThat(gate.status()).isEqualTo(GateStatus.FAILED);
        assertThat(gate.message()).isEqualTo("p95 not measured: the run has no samples");
    }

    @Test
    void ofTwoEquallyLongStreaksTheFirstIsReportedWithItsWorstSecond() throws GateSyntaxException {
        RunResult result = new Series(1).run(1, 900, 10, 0).run(1, 1200, 10, 0).run(1, 1000, 10, 0)
                .run(2, 100, 10, 0).run(3, 1500, 10, 0).result();
        GateResult r = evaluate("p95 < 800ms for 2s", result);
        assertThat(r.status()).isEqualTo(GateStatus.FAILED);
        assertThat(r.message()).contains("for 3 s in a row from " + Instant.ofEpochSecond(S0) + ", reaching 1.2 s");
    }
}
