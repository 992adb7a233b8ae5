package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The series on its own: exact counts per second (errors and 401/403 on every path a sample takes), the checks on a
 * stored series, and the memory accounting the aggregator's memory test relies on.
 */
class SeriesAccumulatorTest {

    private static String histogramOf(long... values) {
        Histogram h = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        for (long v : values) {
            h.recordValue(v);
        }
        return HistogramCodec.encode(h);
    }

    private static SecondBucket bucket(long start, long... values) {
        return new SecondBucket(start, values.length, 0, 0, 0, histogramOf(values));
    }

    @Test
    void errorsAndAuthRejectionsAreCountedPerSecondOnEveryPath() {
        SeriesAccumulator direct = new SeriesAccumulator(100, 1);
        direct.record(10, 5, ErrorClass.NONE);
        direct.record(10, 6, ErrorClass.AUTH_REJECTED);
        direct.record(10, 7, ErrorClass.HTTP_5XX);
        direct.record(11, 8, ErrorClass.AUTH_REJECTED);
        direct.record(10, 9, ErrorClass.AUTH_REJECTED); // second 10 was compacted (one open bucket): reopened
        TimeSeries series = direct.toSeries();
        assertThat(series.buckets()).extracting(SecondBucket::startSecond, SecondBucket::count, SecondBucket::errors,
                SecondBucket::authRejected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10L, 4L, 3L, 2L),
                org.assertj.core.groups.Tuple.tuple(11L, 1L, 1L, 1L));
        assertThat(series.firstSecond()).isEqualTo(10);
        assertThat(series.lastSecond()).isEqualTo(11);
        assertThat(series.buckets().get(0).decodeHistogram().getTotalCount()).isEqualTo(4);

        SeriesAccumulator.Bucket stripe = new SeriesAccumulator.Bucket();
        stripe.record(5, ErrorClass.NONE);
        stripe.record(6, ErrorClass.AUTH_REJECTED);
        stripe.record(7, ErrorClass.TIMEOUT);
        assertThat(new long[] {stripe.count, stripe.errors, stripe.authRejected}).containsExactly(3, 2, 1);
        SeriesAccumulator handed = new SeriesAccumulator(100, 1);
        handed.add(20, 20, stripe);
        handed.add(20, 20, new SeriesAccumulator.Bucket()); // an empty buffer opens nothing
        handed.add(21, 21, stripe);
        assertThat(handed.toSeries().buckets()).extracting(SecondBucket::startSecond, SecondBucket::count,
                SecondBucket::errors, SecondBucket::authRejected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(20L, 3L, 2L, 1L),
                org.assertj.core.groups.Tuple.tuple(21L, 3L, 2L, 1L));
        stripe.reset();
        assertThat(new long[] {stripe.count, stripe.errors, stripe.authRejected, stripe.elapsed.getTotalCount()})
                .containsOnly(0);

        // a stored series read back, and widened to 2 s buckets by a later second: the counts move along
        SeriesAccumulator merged = new SeriesAccumulator(2, 1);
        merged.addAll(direct.toSeries());
        merged.addAll(handed.toSeries());
        TimeSeries wide = merged.toSeries();
        assertThat(wide.bucketSeconds()).isEqualTo(8); // 10..21 in at most 2 buckets
        assertThat(wide.buckets()).extracting(SecondBucket::startSecond, SecondBucket::count, SecondBucket::errors,
                SecondBucket::authRejected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8L, 5L, 4L, 3L),
                org.assertj.core.groups.Tuple.tuple(16L, 6L, 4L, 2L));
    }

    @Test
    void anEmptySeriesStartsAndEndsAtZero() {
        TimeSeries empty = new SeriesAccumulator(10).toSeries();
        assertThat(empty).isEqualTo(new TimeSeries(1, 10, 0, 0, List.of()));
        SeriesAccumulator none = new SeriesAccumulator(10, 1);
        none.addAll(empty);
        none.add(5, 5, new SeriesAccumulator.Bucket());
        assertThat(none.toSeries()).isEqualTo(empty);
        assertThat(none.bucketCount()).isZero();
    }

    @Test
    void oneOpenBucketIsEnoughAndNoneIsRefused() {
        SeriesAccumulator one = new SeriesAccumulator(100, 1);
        for (long s = 0; s < 5; s++) {
            one.record(s, 10, ErrorClass.NONE);
        }
        assertThat(one.openBucketCount()).isEqualTo(1);
        assertThat(one.bucketCount()).isEqualTo(5);
        assertThatThrownBy(() -> new SeriesAccumulator(100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openLimit must be positive, was 0");
    }

    @Test
    void aStoredSeriesMustHaveTheWidthItsRangeRequires() {
        TimeSeries tooNarrowCap = new TimeSeries(1, 2, 100, 103, List.of(bucket(100, 5)));
        assertThatThrownBy(() -> SeriesAccumulator.of(tooNarrowCap)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucketSeconds 1 does not match 2 required for 100..103 with maxBuckets 2");
        TimeSeries tooWide = new TimeSeries(2, 10, 100, 103, List.of(bucket(100, 5)));
        assertThatThrownBy(() -> SeriesAccumulator.checkShape(tooWide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucketSeconds 2 does not match 1 required for 100..103 with maxBuckets 10");
        // without buckets there is nothing to check: the width of an empty series does not matter
        SeriesAccumulator.checkShape(new TimeSeries(8, 10, 0, 0, List.of()));
    }

    @Test
    void aStoredBucketMustBeAlignedAndInsideTheRange() {
        SeriesAccumulator.checkShape(new TimeSeries(1, 10, 104, 110, List.of(bucket(104, 1), bucket(110, 1))));
        SeriesAccumulator.checkShape(new TimeSeries(4, 3, 101, 110, List.of(bucket(100, 1), bucket(108, 1))));
        assertThatThrownBy(() -> SeriesAccumulator.checkShape(new TimeSeries(1, 10, 104, 110,
                List.of(bucket(103, 1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 103 is not aligned to 1 s or outside 104..110");
        assertThatThrownBy(() -> SeriesAccumulator.checkShape(new TimeSeries(1, 10, 104, 110,
                List.of(bucket(111, 1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 111 is not aligned to 1 s or outside 104..110");
        assertThatThrownBy(() -> SeriesAccumulator.checkShape(new TimeSeries(4, 3, 101, 110,
                List.of(bucket(96, 1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 96 is not aligned to 4 s or outside 101..110");
        assertThatThrownBy(() -> SeriesAccumulator.checkShape(new TimeSeries(4, 3, 101, 110,
                List.of(bucket(102, 1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 102 is not aligned to 4 s or outside 101..110");
    }

    @Test
    void aStoredBucketWhoseHistogramDisagreesWithItsCountIsRefused() {
        TimeSeries lying = new TimeSeries(1, 10, 100, 100,
                List.of(new SecondBucket(100, 3, 0, 0, 0, histogramOf(5, 6))));
        assertThatThrownBy(() -> SeriesAccumulator.of(lying)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 100 histogram holds 2 values but count is 3");
        TimeSeries fine = new TimeSeries(1, 10, 100, 101, List.of(bucket(100, 5, 6), bucket(101, 7)));
        assertThat(SeriesAccumulator.of(fine).toSeries().buckets()).extracting(SecondBucket::count)
                .containsExactly(2L, 1L);
        assertThat(SeriesAccumulator.of(fine).toSeries().maxBuckets()).isEqualTo(10);
    }

    @Test
    void theFootprintCountsOpenHistogramsCompactedTextsAndSpares() {
        Histogram one = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        one.recordValue(42);
        long open = one.getEstimatedFootprintInBytes();
        int text = HistogramCodec.encode(one).length();

        SeriesAccumulator series = new SeriesAccumulator(100, 1);
        assertThat(series.footprintBytes()).isZero();
        series.record(0, 42, ErrorClass.NONE);
        assertThat(series.footprintBytes()).isEqualTo(64 + open);
        for (long s = 1; s < 10; s++) {
            series.record(s, 42, ErrorClass.NONE);
        }
        // ten buckets, nine of them compacted, one open, one spare histogram kept for the next second
        assertThat(series.footprintBytes()).isEqualTo(10 * 64 + 9 * (96 + text) + 2 * open);
    }
    @Test
    void wideningReleasesTheDecodedHistogramsOfTheNarrowBuckets() {
        SeriesAccumulator series = new SeriesAccumulator(2, 4);
        series.record(0, 42, ErrorClass.NONE);
        series.record(1, 42, ErrorClass.NONE);
        assertThat(series.openBucketCount()).isEqualTo(2);
        series.record(2, 42, ErrorClass.NONE); // 0..2 in at most 2 buckets: 2 s wide, seconds 0 and 1 merge
        assertThat(series.toSeries().buckets()).extracting(SecondBucket::startSecond, SecondBucket::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2L), org.assertj.core.groups.Tuple.tuple(2L, 1L));
        assertThat(series.openBucketCount()).as("only the two wide buckets stay decoded").isEqualTo(2);
        Histogram one = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        one.recordValue(42);
        assertThat(series.footprintBytes()).isEqualTo(2 * 64 + 2 * one.getEstimatedFootprintInBytes());
    }
    @Test
    void aResultWhoseSeriesHasTheWrongShapeIsNotMerged() {
        ResultAggregator aggregator = new ResultAggregator(1, 10, ResultAggregator.MAX_LABELS);
        aggregator.accept(new Sample(100_000, 5, "a", "200", "", true, "", 1, 1, 1, 0, 1));
        RunResult good = aggregator.finish();
        TimeSeries misaligned = new TimeSeries(1, 10, 100, 103, List.of(bucket(104, 5)));
        RunResult bad = new RunResult(good.overall(), good.labels(), misaligned, null);
        assertThatThrownBy(() -> RunResult.merge(good, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time series: bucket 104 is not aligned to 1 s or outside 100..103");
    }
}
