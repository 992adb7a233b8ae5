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
        long before = System.nanoTime();
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.progress();
        for (int i = 0; i < 40; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i, 5, "a", "200", "OK", true, "", 0, 0, 0, 0, 1));
        }
        long middle = System.nanoTime();
        ProgressSnapshot second = aggregator.progress();
        long after = System.nanoTime();
        // Bracketed by the test's own clock readings: the interval runs from the first call to the second.
        assertThat(second.intervalSeconds()).isBetween(0.0, (after - before) / 1e9);
        assertThat(second.intervalSamples()).isEqualTo(40);
        assertThat(second.intervalThroughput()).isEqualTo(40 / second.intervalSeconds());
        assertThat(second.intervalThroughput()).isGreaterThanOrEqualTo(40 / ((after - before) / 1e9));
        assertThat(middle).isLessThanOrEqualTo(after);
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
