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

    private static String problem(String json) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ResultDocumentException.class,
                () -> ResultDocuments.fromJson(json, "x.json")).getMessage();
    }

    @Test
    void everyDocumentErrorNamesTheSourceAndWhatIsWrong() {
        assertThat(problem("{\n  \"a\": }")).startsWith("x.json: not valid JSON at line 2 column 8: Unexpected character");
        assertThat(problem("{\"schemaVersion\": \"1\"}")).isEqualTo("x.json: schemaVersion must be an integer, found \"1\"");
        assertThat(problem("{\"schemaVersion\": 1}")).isEqualTo("x.json: the 'result' object is missing");
        assertThat(problem("{\"schemaVersion\": 1, \"result\": []}")).isEqualTo("x.json: the 'result' object is missing");
        String json = ResultDocuments.toJson(ResultDocument.of(RunInfo.of("plan", null, null, null,
                java.time.Instant.parse("2025-01-31T12:00:00Z"), null, null), RunStatus.complete(), IngestInfo.live(50),
                ResultDocumentsTest.someResult(15, 50)));
        assertThat(problem(json.replaceFirst("2025-01-31T12:00:00Z", "yesterday")))
                .startsWith("x.json: invalid content at run.startTime: ")
                .endsWith("expected an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        assertThat(problem(json.replaceFirst("\"COMPLETE\"", "\"NOPE\""))).startsWith("x.json: invalid content at status.state: ")
                .doesNotContain("\n");
        assertThat(problem(json.replaceFirst("\"labels\" : \\[", "\"labels\" : [ 5, ")))
                .startsWith("x.json: invalid content at result.labels[0]: ");
        assertThat(problem(json.replaceFirst("\"histogram\" : \"[^\"]+\"", "\"histogram\" : \"!!!\"")))
                .startsWith("x.json: inconsistent result: not an HdrHistogram compressed base64 encoding: ");
    }

    @Test
    void aHistogramOfAnotherPrecisionIsRefusedByName() {
        Histogram label = HistogramCodec.newHistogram(HistogramCodec.LABEL_DIGITS);
        label.recordValue(42);
        String text = HistogramCodec.encode(label);
        assertThat(HistogramCodec.decode(text, HistogramCodec.LABEL_DIGITS).getTotalCount()).isEqualTo(1);
        assertThatThrownBy(() -> HistogramCodec.decode(text, HistogramCodec.SERIES_DIGITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histogram has 3 significant digits and lowest value 1, expected 2 and 1; "
                        + "it cannot be merged exactly");
    }

    @Test
    void theEncodingIsCanonicalWhateverTheHistogramWasSizedFor() {
        Histogram small = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        Histogram wide = new Histogram(1, 1L << 40, HistogramCodec.SERIES_DIGITS);
        for (long v : new long[] {1, 7, 250, 99_000}) {
            small.recordValue(v);
            wide.recordValue(v);
        }
        assertThat(HistogramCodec.encode(wide)).isEqualTo(HistogramCodec.encode(small));
        Histogram empty = HistogramCodec.decode(HistogramCodec.encode(HistogramCodec.newHistogram(2)), 2);
        assertThat(empty.getTotalCount()).isZero();
        Histogram one = HistogramCodec.newHistogram(2);
        one.recordValue(1);
        assertThat(HistogramCodec.decode(HistogramCodec.encode(one), 2).getMaxValue()).isEqualTo(1);
    }
    @Test
    void aHistogramWithAnotherLowestValueIsRefusedByName() {
        Histogram coarse = new Histogram(2, 1_000_000, HistogramCodec.SERIES_DIGITS);
        coarse.recordValue(42);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(coarse.getNeededByteBufferCapacity());
        int length = coarse.encodeIntoCompressedByteBuffer(buffer);
        String text = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        assertThatThrownBy(() -> HistogramCodec.decode(text, HistogramCodec.SERIES_DIGITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histogram has 2 significant digits and lowest value 2, expected 2 and 1; "
                        + "it cannot be merged exactly");
        assertThatThrownBy(() -> HistogramCodec.decode("AAAA", HistogramCodec.SERIES_DIGITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an HdrHistogram compressed base64 encoding: ");
    }

    @Test
    void aDecodedHistogramGrowsBeyondWhatItWasEncodedWith() {
        Histogram small = HistogramCodec.newHistogram(HistogramCodec.SERIES_DIGITS);
        small.recordValue(3);
        Histogram decoded = HistogramCodec.decode(HistogramCodec.encode(small), HistogramCodec.SERIES_DIGITS);
        decoded.recordValue(5_000_000); // a fresh auto-resizing histogram, not the 2..3 one of the encoding
        assertThat(decoded.getTotalCount()).isEqualTo(2);
        assertThat(decoded.getMaxValue()).isGreaterThanOrEqualTo(4_900_000);
    }
    @Test
    void theRedactionSeesEveryTextAndFieldNameButNoEnumConstantOrHistogram() {
        RunResult result = ResultDocumentsTest.someResult(16, 40);
        ResultDocument document = ResultDocument.of(RunInfo.of("plan", null, null, null, null, null,
                java.util.Map.of("user.name", "alice")), RunStatus.partial("stopped by Ctrl-C"), IngestInfo.live(40),
                result);
        java.util.List<String> seen = new java.util.ArrayList<>();
        assertThat(ResultDocuments.redacted(document, text -> {
            seen.add(text);
            return text;
        })).as("nothing changed: the same document, not a copy read back").isSameAs(document);
        assertThat(seen).contains("plan", "alice", "user.name", "stopped by Ctrl-C", "schemaVersion", "histogram",
                result.labels().get(0).label());
        assertThat(seen).as("enum constants and histograms are not texts to mask")
                .doesNotContain("PARTIAL", result.overall().histogram(),
                        result.timeSeries().buckets().get(0).histogram());

        ResultDocument masked = ResultDocuments.redacted(document, text -> text.replace("alice", "****"));
        assertThat(masked.run().properties()).containsEntry("user.name", "****");
        assertThat(masked.result()).isEqualTo(result);
    }

    @Test
    void aRedactionThatBreaksTheDocumentFailsWithoutQuotingIt() {
        ResultDocument document = ResultDocumentsTest.document(ResultDocumentsTest.someResult(17, 10));
        assertThatThrownBy(() -> ResultDocuments.redacted(document, text -> text.equals("result") ? "r" : text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("masking secrets made the result document unreadable")
                .hasCauseInstanceOf(ResultDocumentException.class);
    }

    @Test
    void aSchemaVersionOrResultOfTheWrongKindIsNamed() {
        assertThat(problem("{\"schemaVersion\": 1.5}")).isEqualTo("x.json: schemaVersion must be an integer, found 1.5");
        assertThat(problem("{\"schemaVersion\": 0, \"result\": {}}"))
                .isEqualTo("x.json: unsupported schemaVersion 0 (this secperf reads version 1)");
        assertThat(problem("{\"schemaVersion\": 1, \"result\": null}")).isEqualTo("x.json: the 'result' object is missing");
        assertThat(problem("\"text\"")).isEqualTo("x.json: not a secperf result document (expected a JSON object)");
        String json = ResultDocuments.toJson(ResultDocumentsTest.document(ResultDocumentsTest.someResult(19, 5)));
        assertThat(problem(json.replaceFirst("\"state\" : \"COMPLETE\"", "\"state\" : null")))
                .startsWith("x.json: invalid content at status: ").contains("status.state is required")
                .doesNotContain("\n");
        assertThat(problem("{\"schemaVersion\": 1, \"result\": {\"labels\": 5}}"))
                .startsWith("x.json: invalid content at result.labels: ").doesNotContain("\n");
    }

    @Test
    void unknownFieldsAreIgnoredButNullNumbersAndNumericEnumsAreRefused() throws ResultDocumentException {
        String json = ResultDocuments.toJson(ResultDocumentsTest.document(ResultDocumentsTest.someResult(18, 20)));
        ResultDocument withExtra = ResultDocuments.fromJson(json.replaceFirst("\\{", "{ \"addedLater\" : [1, 2],"),
                "x.json");
        assertThat(withExtra.result().overall().count()).isEqualTo(20);
        assertThat(problem(json.replaceFirst("\"count\" : 20", "\"count\" : null")))
                .startsWith("x.json: invalid content at result.overall.count: ");
        assertThat(problem(json.replaceFirst("\"COMPLETE\"", "0"))).startsWith("x.json: invalid content at status.state: ");
    }
}
