package io.secperf.result;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series keeps only a few seconds decoded and compacts older ones into the document's encoding
 * ({@link SeriesAccumulator#OPEN_BUCKETS}); samples that arrive after their second was compacted must still be
 * counted exactly. Reference: the same samples with compaction effectively off.
 */
class SeriesCompactionTest {

    private static final int NEVER = Integer.MAX_VALUE;

    private static RunResult aggregate(List<Sample> samples, int maxBuckets, int openBuckets, Random snapshots) {
        ResultAggregator aggregator = new ResultAggregator(1 + (openBuckets & 3), maxBuckets,
                ResultAggregator.MAX_LABELS, openBuckets);
        for (Sample s : samples) {
            aggregator.accept(s);
            if (snapshots != null && snapshots.nextInt(2_000) == 0) {
                aggregator.snapshot(); // hands buffered seconds to the series mid-run: must change nothing
            }
        }
        if (openBuckets != NEVER) {
            assertThat(aggregator.openSeriesBucketCount()).isLessThanOrEqualTo(openBuckets);
        }
        return aggregator.finish();
    }

    @Test
    void lateSamplesForCompactedSecondsAreCountedExactly() {
        Random random = new Random(11);
        // ten minutes in end order, as JMeter writes them ...
        List<Sample> inOrder = new ArrayList<>(RandomSamples.generate(random, 30_000, 4, 600_000));
        inOrder.sort(Comparator.comparingLong(s -> s.timeStamp() + s.elapsed()));
        // ... then stragglers for the first minute, long after those seconds were compacted
        List<Sample> all = new ArrayList<>(inOrder);
        all.addAll(RandomSamples.generate(random, 2_000, 4, 60_000));

        ResultAggregator compacting = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS, 4);
        inOrder.forEach(compacting::accept);
        RunResult beforeStragglers = compacting.snapshot();
        assertThat(compacting.openSeriesBucketCount()).isLessThanOrEqualTo(4);
        assertThat(compacting.seriesBucketCount()).isGreaterThan(500);
        all.subList(inOrder.size(), all.size()).forEach(compacting::accept);
        RunResult result = compacting.finish();

        assertThat(result).isEqualTo(aggregate(all, ResultAggregator.MAX_SERIES_BUCKETS, NEVER, null));
        assertThat(beforeStragglers).isEqualTo(aggregate(inOrder, ResultAggregator.MAX_SERIES_BUCKETS, NEVER, null));
        long firstMinute = result.timeSeries().buckets().stream()
                .filter(b -> b.startSecond() < RandomSamples.START / 1000 + 60).mapToLong(SecondBucket::count).sum();
        long firstMinuteBefore = beforeStragglers.timeSeries().buckets().stream()
                .filter(b -> b.startSecond() < RandomSamples.START / 1000 + 60).mapToLong(SecondBucket::count).sum();
        assertThat(firstMinute - firstMinuteBefore).as("stragglers that ended in the first minute")
                .isEqualTo(all.subList(inOrder.size(), all.size()).stream()
                        .filter(s -> s.timeStamp() + s.elapsed() < RandomSamples.START + 60_000).count());
    }

    /** Five seeds in the fast suite (and under PIT, which skips slow tests); the other 15 with the slow tests. */
    @Test
    void anyOrderAnyOpenLimitAndWideningGiveTheSameSeries() {
        sameSeriesForSeeds(0, 5);
    }

    @Test
    @Tag("slow")
    void anyOrderAnyOpenLimitAndWideningGiveTheSameSeriesForMoreSeeds() {
        sameSeriesForSeeds(5, 20);
    }

    private static void sameSeriesForSeeds(int from, int to) {
        for (int seed = from; seed < to; seed++) {
            Random random = new Random(seed);
            int maxBuckets = random.nextBoolean() ? ResultAggregator.MAX_SERIES_BUCKETS : 1 + random.nextInt(200);
            List<Sample> samples = RandomSamples.generate(random, 2_000 + random.nextInt(10_000),
                    1 + random.nextInt(5), 1_000L + random.nextInt(7_200_000));
            if (random.nextBoolean()) {
                samples.sort(Comparator.comparingLong(s -> s.timeStamp() + s.elapsed()));
            }
            RunResult reference = aggregate(samples, maxBuckets, NEVER, null);
            int open = 1 + random.nextInt(16);
            assertThat(aggregate(samples, maxBuckets, open, new Random(seed)))
                    .as("seed %d, %d open buckets, cap %d", seed, open, maxBuckets).isEqualTo(reference);
            assertThat(reference.timeSeries().buckets().stream().mapToLong(SecondBucket::count).sum())
                    .isEqualTo(samples.size());
        }
    }

    @Test
    void aResultSharesTheCompactedBucketsInsteadOfCopyingThem() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS, 4);
        for (long t = 0; t < 100_000; t += 10) {
            aggregator.accept(new Sample(RandomSamples.START + t, 5, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        List<SecondBucket> first = aggregator.snapshot().timeSeries().buckets();
        List<SecondBucket> second = aggregator.snapshot().timeSeries().buckets();
        assertThat(first).hasSize(100);
        int shared = 0;
        for (int i = 0; i < first.size(); i++) {
            shared += first.get(i) == second.get(i) ? 1 : 0;
        }
        assertThat(shared).as("buckets that are the same object in both results").isGreaterThanOrEqualTo(96);
    }

    @Test
    void aSnapshotBuildsOnlyTheOpenSecondsThatChangedSinceTheLastOne() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS, 64);
        for (long t = 0; t < 50_000; t += 10) {
            aggregator.accept(new Sample(RandomSamples.START + t, 5, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        List<SecondBucket> first = aggregator.snapshot().timeSeries().buckets();
        assertThat(aggregator.openSeriesBucketCount()).isEqualTo(50);
        aggregator.accept(new Sample(RandomSamples.START + 20_000, 5, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        List<SecondBucket> second = aggregator.snapshot().timeSeries().buckets();
        assertThat(second).hasSize(50);
        for (int i = 0; i < second.size(); i++) {
            if (i == 20) {
                assertThat(second.get(i)).isNotSameAs(first.get(i));
                assertThat(second.get(i).count()).isEqualTo(first.get(i).count() + 1);
            } else {
                assertThat(second.get(i)).as("open second %d, unchanged", i).isSameAs(first.get(i));
            }
        }
    }
}
