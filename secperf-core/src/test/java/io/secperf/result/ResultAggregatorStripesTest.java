package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The stripes' per-second buffers and label table, sample by sample: seconds that share a buffer slot, stragglers for
 * a second whose slot holds a later one, snapshots in between, labels first seen on another stripe, and the memory
 * accounting. Small inputs with exact expected counts (the random property tests are in
 * {@code SeriesCompactionTest}).
 */
class ResultAggregatorStripesTest {

    private static final long S = RandomSamples.START / 1000; // an epoch second
    /** Seconds buffered per stripe in {@link ResultAggregator}; seconds this far apart share a slot. */
    private static final long RING = 32;

    private static Sample endingIn(long second, String code) {
        boolean ok = code.startsWith("2");
        return new Sample(second * 1000 + 100, 10, "a", code, "", ok, "", 1, 1, 1, 0, 1);
    }

    private static List<Object> counts(ResultAggregator aggregator) {
        List<Object> out = new ArrayList<>();
        for (SecondBucket b : aggregator.snapshot().timeSeries().buckets()) {
            out.add(tuple(b.startSecond() - S, b.count(), b.errors(), b.authRejected()));
        }
        return out;
    }

    @Test
    void secondsThatShareASlotAndStragglersAreEachCountedInTheirOwnSecond() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS, 2);
        aggregator.accept(endingIn(S, "200"));
        aggregator.accept(endingIn(S, "401"));
        aggregator.accept(endingIn(S + RING, "500")); // same slot, later second: S is handed to the series
        aggregator.accept(endingIn(S, "403")); // straggler: its slot holds a later second
        aggregator.accept(endingIn(S + 2 * RING, "200")); // same slot again
        aggregator.accept(endingIn(S + 1, "200"));
        assertThat(counts(aggregator)).containsExactly(tuple(0L, 3L, 2L, 2L), tuple(1L, 1L, 0L, 0L),
                tuple(RING, 1L, 1L, 0L), tuple(2 * RING, 1L, 0L, 0L));

        // after a snapshot the buffers are empty: a straggler may take its slot back, nothing is counted twice
        aggregator.accept(endingIn(S + RING, "401"));
        aggregator.accept(endingIn(S + 2 * RING, "200"));
        assertThat(counts(aggregator)).containsExactly(tuple(0L, 3L, 2L, 2L), tuple(1L, 1L, 0L, 0L),
                tuple(RING, 2L, 2L, 1L), tuple(2 * RING, 2L, 0L, 0L));
        assertThat(counts(aggregator)).as("a snapshot changes nothing").containsExactly(tuple(0L, 3L, 2L, 2L),
                tuple(1L, 1L, 0L, 0L), tuple(RING, 2L, 2L, 1L), tuple(2 * RING, 2L, 0L, 0L));
        assertThat(aggregator.finish().overall().count()).isEqualTo(8);
    }

    @Test
    void aLabelFirstSeenOnAnotherStripeIsStillItsOwnLabelAtTheCap() throws InterruptedException {
        ResultAggregator aggregator = new ResultAggregator(8, ResultAggregator.MAX_SERIES_BUCKETS, 1);
        // consecutive threads land on different stripes; the one label they share is the only one the cap allows
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> aggregator.accept(endingIn(S, "200")));
            thread.start();
            thread.join();
        }
        aggregator.accept(endingIn(S, "200"));
        aggregator.accept(new Sample(S * 1000, 10, "b", "200", "", true, "", 1, 1, 1, 0, 1));
        RunResult result = aggregator.finish();
        assertThat(result.labels()).extracting(LabelStats::label, LabelStats::count)
                .containsExactlyInAnyOrder(tuple("a", 17L), tuple(ResultAggregator.OTHER_LABELS, 1L));
    }

    @Test
    void theCapCountsDistinctLabelsExactly() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS, 2);
        for (String label : new String[] {"a", "b", "a", "c", "b", "d"}) {
            aggregator.accept(new Sample(S * 1000, 10, label, "200", "", true, "", 1, 1, 1, 0, 1));
        }
        assertThat(aggregator.finish().labels()).extracting(LabelStats::label, LabelStats::count)
                .containsExactlyInAnyOrder(tuple("a", 2L), tuple("b", 2L), tuple(ResultAggregator.OTHER_LABELS, 2L));
    }

    @Test
    void aLabelLongerThanTheLimitIsStoredCut() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS, 10);
        String longLabel = "/search?q=" + "x".repeat(5_000);
        aggregator.acceptFields(S * 1000, 10, longLabel, "200", "", true, "", 1, 1, 1, 0, 1);
        aggregator.acceptFields(S * 1000, 10, null, "200", "", true, "", 1, 1, 1, 0, 1);
        RunResult result = aggregator.finish();
        assertThat(result.labels()).extracting(LabelStats::label)
                .containsExactlyInAnyOrder(io.secperf.text.BoundedText.label(longLabel), "");
        assertThat(io.secperf.text.BoundedText.label(longLabel)).hasSize(io.secperf.text.BoundedText.MAX_LABEL_CHARS);
    }

    @Test
    void theFootprintCountsLabelsIntervalsAndBufferedSeconds() {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS, 10);
        Histogram empty = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        assertThat(aggregator.footprintBytes()).as("one stripe's interval histogram, nothing else")
                .isEqualTo(empty.getEstimatedFootprintInBytes());

        aggregator.accept(endingIn(S, "200"));
        LabelAccumulator label = new LabelAccumulator();
        label.record(S * 1000 + 100, 10, 0, 1, 1, 1, ErrorClass.NONE, null);
        Histogram ten = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        ten.recordValue(10);
        long buffered = label.footprintBytes() + 2 * ten.getEstimatedFootprintInBytes(); // interval + second S
        assertThat(aggregator.footprintBytes()).isEqualTo(buffered);

        aggregator.snapshot(); // second S moves to the series (one open bucket); the stripe keeps its empty buffer
        SeriesAccumulator series = new SeriesAccumulator(ResultAggregator.MAX_SERIES_BUCKETS);
        series.record(S, 10, ErrorClass.NONE);
        assertThat(aggregator.footprintBytes()).isEqualTo(buffered + series.footprintBytes());
    }
    @Test
    void anAggregatorHasTheNextPowerOfTwoOfTheStripesAskedFor() {
        long interval = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS).getEstimatedFootprintInBytes();
        int[][] askedAndMade = {{1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {8, 8}, {9, 16}};
        for (int[] c : askedAndMade) {
            ResultAggregator aggregator = new ResultAggregator(c[0], ResultAggregator.MAX_SERIES_BUCKETS, 10);
            assertThat(aggregator.footprintBytes()).as("%d stripes asked for", c[0]).isEqualTo(c[1] * interval);
        }
    }
}
