package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result-model edges that only mutation testing showed were unpinned (docs/testing.md). */
class ResultEdgesTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyOrMissingHistogramDecodesToAnEmptyOneOfTheExpectedPrecision() {
        for (String text : new String[] {"", null}) {
            Histogram h = HistogramCodec.decode(text, HistogramCodec.SERIES_DIGITS);
            assertThat(h.getTotalCount()).isZero();
            assertThat(h.getNumberOfSignificantValueDigits()).isEqualTo(HistogramCodec.SERIES_DIGITS);
            h.recordValue(1234); // usable, not a placeholder
            assertThat(h.getTotalCount()).isEqualTo(1);
        }
    }

    @Test
    void theIntervalOfAProgressSnapshotIsTheTimeSinceThePreviousCall() {
        long[] clock = {5_000_000_000L};
        ResultAggregator aggregator = new ResultAggregator(4, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS, SeriesAccumulator.OPEN_BUCKETS, () -> clock[0]);
        clock[0] += 500_000_000L; // creation to first call: 0.5 s
        ProgressSnapshot first = aggregator.progress();
        assertThat(first.intervalSeconds()).isEqualTo(0.5);
        assertThat(first.intervalThroughput()).isZero();
        for (int i = 0; i < 40; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i, 5 + i, "a", i < 4 ? "500" : "200", "OK", i >= 4, "",
                    0, 0, 0, 0, 1));
        }
        clock[0] += 2_000_000_000L;
        ProgressSnapshot second = aggregator.progress();
        assertThat(second.intervalSeconds()).isEqualTo(2.0);
        assertThat(second.intervalSamples()).isEqualTo(40);
        assertThat(second.intervalErrors()).isEqualTo(4);
        assertThat(second.intervalThroughput()).isEqualTo(20.0);
        assertThat(second.totalSamples()).isEqualTo(40);
        assertThat(second.totalErrors()).isEqualTo(4);
        assertThat(second.intervalP95Ms()).isBetween(42L, 43L); // 95th of 5..44 ms at 2 significant digits

        aggregator.accept(new Sample(1_700_000_001_000L, 7, "a", "500", "", false, "boom", 0, 0, 0, 0, 1));
        clock[0] += 250_000_000L;
        ProgressSnapshot third = aggregator.progress();
        assertThat(third.intervalSeconds()).isEqualTo(0.25);
        assertThat(third.intervalSamples()).isEqualTo(1);
        assertThat(third.intervalErrors()).isEqualTo(1);
        assertThat(third.intervalP95Ms()).isEqualTo(7);
        assertThat(third.intervalThroughput()).isEqualTo(4.0);
        assertThat(third.totalSamples()).isEqualTo(41);
        assertThat(third.totalErrors()).isEqualTo(5);
    }

    @Test
    void invalidContentNamesTheJsonPathWithFieldsAndIndexes() throws IOException {
        String json = ResultDocuments.toJson(ResultDocumentsTest.document(ResultDocumentsTest.someResult(15, 50)));
        Path file = Files.writeString(dir.resolve("bad.json"),
                json.replaceFirst("(\"labels\" : \\[\\s*\\{\\s*\"label\" : \"[^\"]*\",\\s*\"count\" : )\\d+", "$1\"many\""));
        assertThatThrownBy(() -> ResultDocuments.read(file))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(file + ": invalid content at result.labels[0].count: ");
    }
}
