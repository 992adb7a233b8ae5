package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The running totals of one label: exact counts, sums and extremes, clamped garbage, exact merges, checked reads. */
class LabelAccumulatorTest {

    private static final long T = 1_700_000_000_000L;

    private static ErrorKindTable.PendingKind kind(String code, String message) {
        return new ErrorKindTable.PendingKind(ErrorClass.HTTP_5XX, code, message, "");
    }

    private static void ok(LabelAccumulator a, long start, long time, long connect, long latency, long bytes,
                           long sent) {
        a.record(start, time, connect, latency, bytes, sent, ErrorClass.NONE, null);
    }

    @Test
    void extremesSumsAndMeansAreExact() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T + 500, 40, 9, 30, 1000, 100);
        ok(a, T, 200, 3, 150, 2000, 200); // starts first, but ends before the first one recorded
        ok(a, T + 100, 7, 5, 6, 0, 0);
        LabelStats s = a.toStats("home");
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.minMs()).isEqualTo(7);
        assertThat(s.maxMs()).isEqualTo(200);
        assertThat(s.elapsedSumMs()).isEqualTo(247);
        assertThat(s.meanMs()).isCloseTo(247 / 3.0, within(1e-9));
        assertThat(s.connectMaxMs()).isEqualTo(9);
        assertThat(s.connectSumMs()).isEqualTo(17);
        assertThat(s.connectMeanMs()).isCloseTo(17 / 3.0, within(1e-9));
        assertThat(s.latencyMaxMs()).isEqualTo(150);
        assertThat(s.latencySumMs()).isEqualTo(186);
        assertThat(s.latencyMeanMs()).isCloseTo(62.0, within(1e-9));
        assertThat(s.receivedBytes()).isEqualTo(3000);
        assertThat(s.sentBytes()).isEqualTo(300);
        // the latest end is the first sample's (T + 540), not the last recorded one's
        assertThat(s.firstStartEpochMs()).isEqualTo(T);
        assertThat(s.lastEndEpochMs()).isEqualTo(T + 540);
        assertThat(s.throughput()).isCloseTo(3 * 1000.0 / 540, within(1e-9));
        assertThat(s.errors()).isZero();
        assertThat(s.errorRate()).isZero();
        assertThat(s.errorKinds()).isEqualTo(ErrorKinds.none());
    }

    @Test
    void maximaAreKeptWhenSmallerValuesFollow() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 300, 50, 70, 0, 0);
        ok(a, T + 1, 100, 10, 20, 0, 0);
        ok(a, T + 2, 200, 20, 30, 0, 0);
        LabelStats s = a.toStats("x");
        assertThat(s.maxMs()).isEqualTo(300);
        assertThat(s.minMs()).isEqualTo(100);
        assertThat(s.connectMaxMs()).isEqualTo(50);
        assertThat(s.latencyMaxMs()).isEqualTo(70);
        assertThat(s.firstStartEpochMs()).isEqualTo(T);
        assertThat(s.lastEndEpochMs()).isEqualTo(T + 300);
    }

    @Test
    void garbageIsClampedNotCounted() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 10, -5, -7, -100, -200);
        ok(a, T, 10, Long.MAX_VALUE, Long.MAX_VALUE, 50, 60);
        LabelStats s = a.toStats("x");
        assertThat(s.connectSumMs()).isEqualTo(LabelAccumulator.MAX_MILLIS);
        assertThat(s.connectMaxMs()).isEqualTo(LabelAccumulator.MAX_MILLIS);
        assertThat(s.latencySumMs()).isEqualTo(LabelAccumulator.MAX_MILLIS);
        assertThat(s.latencyMaxMs()).isEqualTo(LabelAccumulator.MAX_MILLIS);
        assertThat(s.receivedBytes()).isEqualTo(50);
        assertThat(s.sentBytes()).isEqualTo(60);

        assertThat(LabelAccumulator.millis(-1)).isZero();
        assertThat(LabelAccumulator.millis(17)).isEqualTo(17);
        assertThat(LabelAccumulator.millis(LabelAccumulator.MAX_MILLIS + 1)).isEqualTo(LabelAccumulator.MAX_MILLIS);
        assertThat(LabelAccumulator.epochMillis(-1)).isZero();
        assertThat(LabelAccumulator.epochMillis(T)).isEqualTo(T);
        assertThat(LabelAccumulator.epochMillis(Long.MAX_VALUE)).isEqualTo(LabelAccumulator.MAX_EPOCH_MILLIS);
    }

    @Test
    void oneInstantGivesNoThroughputAndPercentilesStayWithinTheExtremes() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 0, 0, 0, 0, 0);
        ok(a, T, 0, 0, 0, 0, 0);
        assertThat(a.toStats("x").throughput()).isZero();

        // a value the 3-digit histogram cannot hold exactly: every percentile is the exact value
        LabelAccumulator one = new LabelAccumulator();
        ok(one, T, 123_457, 0, 0, 0, 0);
        LabelStats s = one.toStats("x");
        assertThat(List.of(s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms())).containsOnly(123_457L);
        LabelAccumulator two = new LabelAccumulator();
        ok(two, T, 100_001, 0, 0, 0, 0);
        ok(two, T, 100_003, 0, 0, 0, 0);
        LabelStats t = two.toStats("x");
        assertThat(t.p50Ms()).isBetween(100_001L, 100_003L);
        assertThat(t.p999Ms()).isEqualTo(100_003L);
    }

    @Test
    void errorsAreCountedByClassAndKind() {
        LabelAccumulator a = new LabelAccumulator();
        a.record(T, 5, 0, 0, 0, 0, ErrorClass.HTTP_5XX, kind("500", "Internal Server Error"));
        a.record(T, 5, 0, 0, 0, 0, ErrorClass.HTTP_5XX, kind("500", "Internal Server Error"));
        a.record(T, 5, 0, 0, 0, 0, ErrorClass.TIMEOUT, null); // no kind given: counted, in no kind
        ok(a, T, 5, 0, 0, 0, 0);
        LabelStats s = a.toStats("x");
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.errorRate()).isEqualTo(0.75);
        assertThat(s.errorsByClass().get(ErrorClass.HTTP_5XX)).isEqualTo(2);
        assertThat(s.errorsByClass().get(ErrorClass.TIMEOUT)).isEqualTo(1);
        assertThat(s.errorsByClass()).doesNotContainKey(ErrorClass.NONE);
        assertThat(s.errorKinds().kinds()).containsExactly(
                new ErrorKind("500", "Internal Server Error", 2, "Internal Server Error"));
        // a successful sample never counts a kind, even if one is passed
        LabelAccumulator b = new LabelAccumulator();
        b.record(T, 5, 0, 0, 0, 0, ErrorClass.NONE, kind("500", "x"));
        assertThat(b.toStats("x").errorKinds()).isEqualTo(ErrorKinds.none());
        assertThat(b.toStats("x").errors()).isZero();
    }

    @Test
    void anEmptyLabelIsAllZeros() {
        LabelStats s = new LabelAccumulator().toStats("empty");
        assertThat(s.label()).isEqualTo("empty");
        assertThat(List.of(s.count(), s.errors(), s.minMs(), s.maxMs(), s.p50Ms(), s.p999Ms(), s.firstStartEpochMs(),
                s.lastEndEpochMs(), s.elapsedSumMs(), s.connectMaxMs(), s.latencyMaxMs(), s.receivedBytes()))
                .containsOnly(0L);
        assertThat(s.meanMs()).isZero();
        assertThat(s.throughput()).isZero();
        assertThat(s.errorKinds()).isEqualTo(ErrorKinds.none());
        assertThat(s.errorsByClass().values()).containsOnly(0L);
        assertThat(LabelAccumulator.of(s).count).isZero();
    }

    @Test
    void addingMergesEveryTotalAndAnEmptyOneChangesNothing() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T + 100, 50, 5, 20, 10, 1);
        a.record(T + 100, 60, 4, 10, 10, 1, ErrorClass.HTTP_5XX, kind("500", "boom"));
        LabelAccumulator b = new LabelAccumulator();
        ok(b, T, 10, 9, 30, 20, 2);
        b.record(T + 900, 300, 1, 1, 20, 2, ErrorClass.HTTP_5XX, kind("500", "boom"));
        b.record(T + 900, 5, 1, 1, 0, 0, ErrorClass.TIMEOUT, kind("Non HTTP response code: x", "timed out"));

        LabelStats before = a.toStats("x");
        a.add(new LabelAccumulator());
        assertThat(a.toStats("x")).isEqualTo(before);

        LabelAccumulator copy = a.copy();
        a.add(b);
        LabelStats s = a.toStats("x");
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.minMs()).isEqualTo(5);
        assertThat(s.maxMs()).isEqualTo(300);
        assertThat(s.elapsedSumMs()).isEqualTo(425);
        assertThat(s.connectSumMs()).isEqualTo(20);
        assertThat(s.connectMaxMs()).isEqualTo(9);
        assertThat(s.latencySumMs()).isEqualTo(62);
        assertThat(s.latencyMaxMs()).isEqualTo(30);
        assertThat(s.receivedBytes()).isEqualTo(60);
        assertThat(s.sentBytes()).isEqualTo(6);
        assertThat(s.firstStartEpochMs()).isEqualTo(T);
        assertThat(s.lastEndEpochMs()).isEqualTo(T + 1200);
        assertThat(s.errorsByClass().get(ErrorClass.HTTP_5XX)).isEqualTo(2);
        assertThat(s.errorsByClass().get(ErrorClass.TIMEOUT)).isEqualTo(1);
        assertThat(s.errorKinds().kinds()).extracting(ErrorKind::describe, ErrorKind::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("500: boom", 2L),
                org.assertj.core.groups.Tuple.tuple("x: timed out", 1L));
        assertThat(s.p999Ms()).isEqualTo(300);

        // merging the other way round gives the same; the copy was not changed by the add
        LabelAccumulator other = b.copy();
        other.add(copy);
        assertThat(other.toStats("x")).isEqualTo(s);
        assertThat(copy.toStats("x")).isEqualTo(before);
        // extremes of the receiving side win when they are larger
        LabelAccumulator big = new LabelAccumulator();
        ok(big, T - 5, 1000, 99, 99, 0, 0);
        big.add(b);
        assertThat(big.toStats("x").connectMaxMs()).isEqualTo(99);
        assertThat(big.toStats("x").latencyMaxMs()).isEqualTo(99);
        assertThat(big.toStats("x").maxMs()).isEqualTo(1000);
        assertThat(big.toStats("x").firstStartEpochMs()).isEqualTo(T - 5);
    }

    @Test
    void readingStatsBackGivesTheSameTotalsAndRefusesInconsistentOnes() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 50, 5, 20, 10, 1);
        a.record(T + 10, 60, 4, 10, 10, 1, ErrorClass.AUTH_REJECTED, kind("401", "Unauthorized"));
        LabelStats s = a.toStats("login");
        assertThat(LabelAccumulator.of(s).toStats("login")).isEqualTo(s);

        LabelStats wrongCount = new LabelStats("login", 3, s.errors(), s.errorRate(), s.minMs(), s.maxMs(),
                s.meanMs(), s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms(), s.throughput(),
                s.firstStartEpochMs(), s.lastEndEpochMs(), s.elapsedSumMs(), s.connectMeanMs(), s.connectMaxMs(),
                s.connectSumMs(), s.latencyMeanMs(), s.latencyMaxMs(), s.latencySumMs(), s.receivedBytes(),
                s.sentBytes(), s.errorsByClass(), s.errorKinds(), s.histogram());
        assertThatThrownBy(() -> LabelAccumulator.of(wrongCount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 'login': histogram holds 2 values but count is 3");

        LabelStats wrongKinds = TopErrorsTest.withKinds(s, new ErrorKinds(List.of(
                new ErrorKind("401", "Unauthorized", 1, "Unauthorized")), 4));
        assertThatThrownBy(() -> LabelAccumulator.of(wrongKinds)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 'login': error kinds count 5 errors but errors is 1");

        // a NONE entry in the classes (never written, but a document is input) is ignored
        Map<ErrorClass, Long> classes = new EnumMap<>(s.errorsByClass());
        classes.put(ErrorClass.NONE, 99L);
        LabelStats withNone = new LabelStats("login", s.count(), s.errors(), s.errorRate(), s.minMs(), s.maxMs(),
                s.meanMs(), s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms(), s.throughput(),
                s.firstStartEpochMs(), s.lastEndEpochMs(), s.elapsedSumMs(), s.connectMeanMs(), s.connectMaxMs(),
                s.connectSumMs(), s.latencyMeanMs(), s.latencyMaxMs(), s.latencySumMs(), s.receivedBytes(),
                s.sentBytes(), classes, s.errorKinds(), s.histogram());
        assertThat(LabelAccumulator.of(withNone).toStats("login")).isEqualTo(s);
        // stats without kinds (an older document): every error in others
        LabelStats old = TopErrorsTest.withKinds(s, null);
        assertThat(old.errorKinds()).isEqualTo(new ErrorKinds(List.of(), 1));
        assertThat(LabelAccumulator.of(old).toStats("login").errorKinds()).isEqualTo(new ErrorKinds(List.of(), 1));
    }

    @Test
    void theFootprintCountsTheErrorKinds() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 5, 0, 0, 0, 0);
        long before = a.footprintBytes();
        assertThat(before).isGreaterThan(8L * 16);
        a.record(T, 5, 0, 0, 0, 0, ErrorClass.HTTP_5XX, kind("500", "m".repeat(150)));
        assertThat(a.footprintBytes()).isGreaterThanOrEqualTo(before + 2 * 150);
    }

    @Test
    void mergingLabelStatsIsExact() {
        LabelAccumulator a = new LabelAccumulator();
        ok(a, T, 50, 5, 20, 10, 1);
        LabelAccumulator b = new LabelAccumulator();
        b.record(T + 10, 70, 4, 10, 10, 1, ErrorClass.HTTP_5XX, kind("503", "Service Unavailable"));
        LabelAccumulator both = a.copy();
        both.add(b);
        LabelStats merged = LabelStats.merge("home", List.of(a.toStats("first"), b.toStats("second")));
        assertThat(merged).isEqualTo(both.toStats("home"));
        assertThat(LabelStats.merge("none", List.of())).isEqualTo(new LabelAccumulator().toStats("none"));
    }
}
