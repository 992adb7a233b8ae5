package io.secperf.result;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultAggregatorTest {

    private static Sample ok(String label, long start, long elapsed) {
        return new Sample(start, elapsed, label, "200", "OK", true, "", 100, 10, elapsed / 2, 1, 1);
    }

    @Test
    void percentilesMatchAnExactComputationWithinHistogramPrecision() {
        Random random = new Random(42);
        int n = 200_003; // prime: p/100 * n is never an integer, so the nearest rank is unambiguous
        ResultAggregator aggregator = new ResultAggregator();
        long[] values = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            values[i] = RandomSamples.elapsed(random);
            sum += values[i];
            aggregator.accept(ok("only", RandomSamples.START + i, values[i]));
        }
        Arrays.sort(values);
        LabelStats stats = aggregator.finish().label("only");

        assertThat(stats.count()).isEqualTo(n);
        assertThat(stats.minMs()).isEqualTo(values[0]);
        assertThat(stats.maxMs()).isEqualTo(values[n - 1]);
        assertThat(stats.meanMs()).isCloseTo((double) sum / n, within(1e-9));
        assertPercentile(stats.p50Ms(), values, 50);
        assertPercentile(stats.p90Ms(), values, 90);
        assertPercentile(stats.p95Ms(), values, 95);
        assertPercentile(stats.p99Ms(), values, 99);
        assertPercentile(stats.p999Ms(), values, 99.9);
        assertThat(aggregator.finish().overall().p99Ms()).isEqualTo(stats.p99Ms());
    }

    private static void assertPercentile(long actual, long[] sorted, double percentile) {
        long exact = sorted[(int) Math.ceil(percentile / 100 * sorted.length) - 1];
        // 3 significant digits: the reported value is the top of the bucket holding the exact value
        assertThat(actual).as("p%s", percentile).isBetween(exact, exact + exact / 1000);
    }

    @Test
    void countsErrorsBytesTimesAndThroughputPerLabelAndOverall() {
        ResultAggregator aggregator = new ResultAggregator();
        long t = RandomSamples.START;
        aggregator.accept(new Sample(t, 100, "login", "200", "OK", true, "", 1000, 200, 40, 5, 1));
        aggregator.accept(new Sample(t + 500, 300, "login", "401", "Unauthorized", false, "", 50, 200, 30, 7, 2));
        aggregator.accept(new Sample(t + 1000, 1000, "search", "Non HTTP response code: java.net.SocketException",
                "Non HTTP response message: Connection reset", false, "", 0, 100, 0, 3, 2));
        aggregator.accept(new Sample(t + 1500, 20, "search", "200", "OK", false, "Test failed", 10, 100, 10, 0, 2));
        RunResult result = aggregator.finish();

        LabelStats login = result.label("login");
        assertThat(login.count()).isEqualTo(2);
        assertThat(login.errors()).isEqualTo(1);
        assertThat(login.errorRate()).isEqualTo(0.5);
        assertThat(login.minMs()).isEqualTo(100);
        assertThat(login.maxMs()).isEqualTo(300);
        assertThat(login.meanMs()).isEqualTo(200.0);
        assertThat(login.connectMeanMs()).isEqualTo(6.0);
        assertThat(login.connectMaxMs()).isEqualTo(7);
        assertThat(login.latencyMeanMs()).isEqualTo(35.0);
        assertThat(login.latencyMaxMs()).isEqualTo(40);
        assertThat(login.receivedBytes()).isEqualTo(1050);
        assertThat(login.sentBytes()).isEqualTo(400);
        assertThat(login.firstStartEpochMs()).isEqualTo(t);
        assertThat(login.lastEndEpochMs()).isEqualTo(t + 800);
        assertThat(login.throughput()).isCloseTo(2 / 0.8, within(1e-9));
        assertThat(login.errorsByClass()).containsEntry(ErrorClass.AUTH_REJECTED, 1L).doesNotContainKey(ErrorClass.NONE);

        LabelStats overall = result.overall();
        assertThat(overall.label()).isEqualTo(RunResult.OVERALL_LABEL);
        assertThat(overall.count()).isEqualTo(4);
        assertThat(overall.errors()).isEqualTo(3);
        assertThat(overall.throughput()).isCloseTo(4 / 2.0, within(1e-9));
        assertThat(result.errorClasses()).containsEntry(ErrorClass.AUTH_REJECTED, 1L)
                .containsEntry(ErrorClass.CONNECTION_RESET, 1L).containsEntry(ErrorClass.ASSERTION, 1L)
                .containsEntry(ErrorClass.HTTP_5XX, 0L);
        assertThat(result.labels()).extracting(LabelStats::label).containsExactly("login", "search");

        TimeSeries series = result.timeSeries();
        assertThat(series.bucketSeconds()).isEqualTo(1);
        // ends: t+100, t+800, t+2000, t+1520 -> seconds 0, 0, 2, 1 relative to t (t is a whole second)
        assertThat(series.buckets()).extracting(SecondBucket::count).containsExactly(2L, 1L, 1L);
        assertThat(series.buckets()).extracting(SecondBucket::errors).containsExactly(1L, 1L, 1L);
        assertThat(series.buckets().get(0).startSecond()).isEqualTo(t / 1000);
        assertThat(series.buckets().get(0).p95Ms()).isBetween(300L, 303L);
    }

    /** Five seeds in the fast suite (and under PIT, which skips slow tests); the other 20 with the slow tests. */
    @Test
    void mergingResultsOfSeveralAggregatorsEqualsOneAggregation() {
        mergeEqualsOneAggregationForSeeds(0, 5);
    }

    @Test
    @Tag("slow")
    void mergingResultsOfSeveralAggregatorsEqualsOneAggregationForMoreSeeds() {
        mergeEqualsOneAggregationForSeeds(5, 25);
    }

    private static void mergeEqualsOneAggregationForSeeds(int from, int to) {
        for (int seed = from; seed < to; seed++) {
            Random random = new Random(seed);
            int maxBuckets = 1 + random.nextInt(120); // small caps force bucket widening in many seeds
            List<Sample> samples = RandomSamples.generate(random, 2_000 + random.nextInt(20_000),
                    1 + random.nextInt(8), 1_000L + random.nextInt(3_600_000));
            RunResult single = RandomSamples.aggregate(samples, maxBuckets);

            int parts = 2 + random.nextInt(5);
            List<List<Sample>> split = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                split.add(new ArrayList<>());
            }
            boolean byTime = random.nextBoolean(); // sequential runs vs concurrent agents
            List<Sample> ordered = new ArrayList<>(samples);
            if (byTime) {
                ordered.sort((a, b) -> Long.compare(a.timeStamp(), b.timeStamp()));
            }
            for (int i = 0; i < ordered.size(); i++) {
                int part = byTime ? i * parts / ordered.size() : random.nextInt(parts);
                split.get(part).add(ordered.get(i));
            }
            List<RunResult> results = split.stream().map(s -> RandomSamples.aggregate(s, maxBuckets)).toList();

            assertThat(RunResult.merge(results)).as("seed %d", seed).isEqualTo(single);
            List<RunResult> reversed = new ArrayList<>(results);
            java.util.Collections.reverse(reversed);
            assertThat(RunResult.merge(reversed)).as("seed %d, reverse order", seed).isEqualTo(single);
            assertThat(RunResult.merge(single)).as("merging one result changes nothing").isEqualTo(single);
        }
    }

    @Test
    void fieldsWithoutASampleObjectAggregateLikeSamples() {
        List<Sample> samples = RandomSamples.generate(new Random(21), 20_000, 6, 600_000);
        ResultAggregator bySample = new ResultAggregator();
        ResultAggregator byFields = new ResultAggregator();
        for (Sample s : samples) {
            bySample.accept(s);
            byFields.acceptFields(s.timeStamp(), s.elapsed(), s.label(), s.responseCode(), s.responseMessage(),
                    s.success(), s.failureMessage(), s.bytes(), s.sentBytes(), s.latency(), s.connect(),
                    s.allThreads());
        }
        // null strings read as empty, as a Sample makes them
        bySample.accept(new Sample(RandomSamples.START, 7, null, null, null, false, null, 1, 1, 1, 1, 1));
        byFields.acceptFields(RandomSamples.START, 7, null, null, null, false, null, 1, 1, 1, 1, 1);
        assertThat(byFields.finish()).isEqualTo(bySample.finish());
        assertThat(byFields.finish().label("").count()).isEqualTo(1);
    }

    @Test
    void mergeWithEmptyResultIsIdentity() {
        RunResult some = RandomSamples.aggregate(RandomSamples.generate(new Random(7), 1000, 3, 60_000),
                ResultAggregator.MAX_SERIES_BUCKETS);
        assertThat(RunResult.merge(some, RunResult.empty(), new ResultAggregator().finish())).isEqualTo(some);
    }

    @Test
    void timeSeriesWidensBucketsBeyondTheCap() {
        ResultAggregator aggregator = new ResultAggregator(); // cap 3600 buckets
        long tenHours = 10 * 3600 * 1000L;
        for (long t = 0; t < tenHours; t += 500) {
            aggregator.accept(ok("a", RandomSamples.START + t, 10));
        }
        TimeSeries series = aggregator.finish().timeSeries();
        assertThat(series.bucketSeconds()).isEqualTo(16);
        assertThat(series.buckets()).hasSizeLessThanOrEqualTo(ResultAggregator.MAX_SERIES_BUCKETS);
        assertThat(series.buckets().stream().mapToLong(SecondBucket::count).sum()).isEqualTo(tenHours / 500);
        assertThat(series.buckets()).allSatisfy(b -> assertThat(b.startSecond() % 16).isZero());
        assertThat(aggregator.seriesBucketCount()).isLessThanOrEqualTo(ResultAggregator.MAX_SERIES_BUCKETS);
    }

    @Test
    void memoryDoesNotGrowWithTheNumberOfSamples() {
        ResultAggregator aggregator = new ResultAggregator(8, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS);
        Random random = new Random(1);
        long max = 120_000;
        // State size depends on labels, seconds and the largest value; reach all three first ...
        for (int label = 0; label < 5; label++) {
            aggregator.accept(ok("label-" + label, RandomSamples.START, 0));
            aggregator.accept(ok("label-" + label, RandomSamples.START - max, max));
        }
        for (long second = 0; second < SECONDS; second++) {
            aggregator.accept(ok("label-0", RandomSamples.START + second * 1000 - max, max));
        }
        feed(aggregator, random, 100_000);
        // (a snapshot hands the stripes' buffered seconds to the shared series: take the footprint after one)
        int buckets = aggregator.finish().timeSeries().buckets().size();
        long footprint = aggregator.footprintBytes();

        // ... then ten times more samples of the same shape change nothing
        feed(aggregator, random, 1_000_000);
        assertThat(aggregator.footprintBytes()).isEqualTo(footprint);
        RunResult result = aggregator.finish();
        assertThat(result.timeSeries().buckets()).hasSize(buckets).hasSize((int) SECONDS);
        assertThat(result.overall().count()).isEqualTo(1_100_000 + 10 + SECONDS);
        assertThat(footprint).as("bytes for 5 labels, 120 seconds").isLessThan(4_000_000);
    }

    private static final long SECONDS = 120;

    /** Samples of 5 labels that end within the first {@link #SECONDS} seconds. */
    private static void feed(ResultAggregator aggregator, Random random, int count) {
        for (int fed = 0; fed < count; ) {
            Sample s = RandomSamples.next(random, 5, SECONDS * 1000);
            long end = s.timeStamp() + s.elapsed();
            if (end < RandomSamples.START + SECONDS * 1000) {
                aggregator.accept(s);
                fed++;
            }
        }
    }

    @Test
    void labelsBeyondTheCapAreCountedTogether() {
        ResultAggregator aggregator = new ResultAggregator(4, 100, 10);
        for (int i = 0; i < 5_000; i++) {
            aggregator.accept(ok("/item/" + i, RandomSamples.START + i, 5));
        }
        RunResult result = aggregator.finish();
        Set<String> labels = result.labels().stream().map(LabelStats::label).collect(Collectors.toSet());
        assertThat(labels).hasSize(11).contains(ResultAggregator.OTHER_LABELS, "/item/0");
        assertThat(result.label(ResultAggregator.OTHER_LABELS).count()).isEqualTo(4_990);
        assertThat(result.overall().count()).isEqualTo(5_000);
    }

    @Test
    void progressReportsTotalsAndTheIntervalSinceThePreviousCall() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 100; i++) {
            aggregator.accept(ok("a", RandomSamples.START + i, 10));
        }
        ProgressSnapshot first = aggregator.progress();
        assertThat(first.totalSamples()).isEqualTo(100);
        assertThat(first.intervalSamples()).isEqualTo(100);
        assertThat(first.intervalP95Ms()).isEqualTo(10);
        assertThat(first.intervalSeconds()).isPositive();

        for (int i = 0; i < 50; i++) {
            aggregator.accept(new Sample(RandomSamples.START + i, 1000, "b", "500", "", false, "", 0, 0, 0, 0, 1));
        }
        ProgressSnapshot second = aggregator.progress();
        assertThat(second.totalSamples()).isEqualTo(150);
        assertThat(second.totalErrors()).isEqualTo(50);
        assertThat(second.intervalSamples()).isEqualTo(50);
        assertThat(second.intervalErrors()).isEqualTo(50);
        assertThat(second.intervalP95Ms()).isBetween(1000L, 1010L); // 2 significant digits

        ProgressSnapshot idle = aggregator.progress();
        assertThat(idle.intervalSamples()).isZero();
        assertThat(idle.intervalP95Ms()).isZero();
        assertThat(idle.intervalThroughput()).isZero();
    }

    @Test
    void emptyAggregatorGivesAnEmptyResultWithoutNaN() {
        RunResult result = new ResultAggregator().finish();
        assertThat(result.overall().count()).isZero();
        assertThat(result.overall().errorRate()).isZero();
        assertThat(result.overall().meanMs()).isZero();
        assertThat(result.overall().throughput()).isZero();
        assertThat(result.labels()).isEmpty();
        assertThat(result.timeSeries().buckets()).isEmpty();
        assertThat(result).isEqualTo(RunResult.empty());
        ProgressSnapshot progress = new ResultAggregator().progress();
        assertThat(progress.totalSamples()).isZero();
        assertThat(progress.intervalP95Ms()).isZero();
    }

    @Test
    void singleInstantaneousSampleHasFiniteThroughput() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(ok("a", RandomSamples.START, 0));
        LabelStats stats = aggregator.finish().overall();
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.throughput()).isZero();
        assertThat(stats.p99Ms()).isZero();
    }

    @Test
    void garbageNumbersAreClampedNotPropagated() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(new Sample(RandomSamples.START, -5, "a", "200", "", true, "", -1, -1, -3, -4, 0));
        LabelStats stats = aggregator.finish().overall();
        assertThat(stats.minMs()).isZero();
        assertThat(stats.receivedBytes()).isZero();
        assertThat(stats.connectMaxMs()).isZero();
    }

    @Test
    void absurdTimesNeverBreakTheAggregator() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(new Sample(Long.MAX_VALUE, Long.MAX_VALUE, "a", "200", "", true, "", 0, 0,
                Long.MAX_VALUE, Long.MAX_VALUE, 0));
        aggregator.accept(new Sample(Long.MIN_VALUE, 5, "a", "200", "", true, "", 0, 0, 0, 0, 0));
        aggregator.accept(ok("a", RandomSamples.START, 10));
        RunResult result = aggregator.finish();
        assertThat(result.overall().count()).isEqualTo(3);
        assertThat(result.timeSeries().buckets().stream().mapToLong(SecondBucket::count).sum()).isEqualTo(3);
        assertThat(result.timeSeries().buckets()).hasSizeLessThanOrEqualTo(ResultAggregator.MAX_SERIES_BUCKETS);
        assertThat(RunResult.merge(result, result).overall().count()).isEqualTo(6);
    }
}
