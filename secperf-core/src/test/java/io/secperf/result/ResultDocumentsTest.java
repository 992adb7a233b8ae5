package io.secperf.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ResultDocumentsTest {

    @TempDir
    Path dir;

    static ResultDocument document(RunResult result) {
        RunInfo run = RunInfo.of("rest-api-baseline", "jmeter-templates/rest-api-baseline.jmx", "https://127.0.0.1:8443",
                "5.6.3", Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:20.250Z"),
                Map.of("threads", "10", "db.password", "hunter2", "api_token", "t0k3n", "apiKey", "k3y",
                        "CLIENT_SECRET", "s3cr3t", "aws.credentials", "c", "host", "127.0.0.1"));
        return ResultDocument.of(run, RunStatus.complete(), IngestInfo.live(result.overall().count()), result);
    }

    static RunResult someResult(long seed, int samples) {
        return RandomSamples.aggregate(RandomSamples.generate(new Random(seed), samples, 4, 20_000),
                ResultAggregator.MAX_SERIES_BUCKETS);
    }

    @Test
    void jsonRoundTripKeepsEverything() throws IOException {
        ResultDocument original = document(someResult(1, 5_000))
                .withFindings(List.of(new Finding("tls.weak-protocol", Severity.HIGH, "TLS 1.0 accepted",
                        "handshake with TLSv1 succeeded", "disable TLS 1.0 and 1.1")))
                .withGates(List.of(new GateResult("1", 1, "p95 < 300ms", "p95", GateCategory.PERFORMANCE,
                        GateCriticality.FAILURE, false, GateStatus.PASSED, "212 ms", 212.0, "ms", "< 300 ms", null,
                        "p95 is 212 ms, below 300 ms")),
                        new GateVerdict(VerdictStatus.PASSED, false, 1, 1, 0, 0, 0, null, null, "PASSED: 1 of 1"));
        Path file = dir.resolve(ResultDocuments.FILE_NAME);
        ResultDocuments.write(file, original);

        ResultDocument read = ResultDocuments.read(file);
        assertThat(read).isEqualTo(original);
        assertThat(read.schemaVersion()).isEqualTo(1);
        assertThat(read.run().durationMs()).isEqualTo(20_250);
        assertThat(ResultDocuments.toJson(read)).isEqualTo(Files.readString(file));
    }

    @Test
    void anAttackWindowWithANonFiniteOrNegativeMeasurementIsRefusedNotWrittenAsAString() throws IOException {
        Instant start = Instant.parse("2025-03-01T10:00:05Z");
        assertThatThrownBy(() -> new AttackWindow(start, start.plusSeconds(1), "sessions", 3L, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshakeCpuMs");
        assertThatThrownBy(() -> new AttackWindow(start, start, "sessions", 3L, Double.POSITIVE_INFINITY))
                .hasMessageContaining("handshakeCpuMs");
        assertThatThrownBy(() -> new AttackWindow(start, start, "sessions", -1L, 1.0))
                .hasMessageContaining("handshakes");

        String json = ResultDocuments.toJson(document(someResult(3, 100)).withSecurity(SecurityData.none()
                .withAttackWindows(List.of(new AttackWindow(start, start.plusSeconds(1), "sessions", 3L, 12.5)))));
        assertThat(json).contains("\"handshakeCpuMs\" : 12.5");
        assertThatThrownBy(() -> ResultDocuments.fromJson(json.replace("\"handshakeCpuMs\" : 12.5",
                "\"handshakeCpuMs\" : \"NaN\""), "edited.json"))
                .isInstanceOf(ResultDocumentException.class).hasMessageContaining("handshakeCpuMs");
    }

    @Test
    void secretPropertiesAreMaskedAndNeverWritten() throws IOException {
        ResultDocument document = document(someResult(2, 100));
        assertThat(document.run().properties())
                .containsEntry("threads", "10").containsEntry("host", "127.0.0.1")
                .containsEntry("db.password", RunInfo.MASK).containsEntry("api_token", RunInfo.MASK)
                .containsEntry("apiKey", RunInfo.MASK).containsEntry("CLIENT_SECRET", RunInfo.MASK)
                .containsEntry("aws.credentials", RunInfo.MASK);
        Path file = dir.resolve("r.json");
        ResultDocuments.write(file, document);
        String json = Files.readString(file);
        assertThat(json).doesNotContain("hunter2", "t0k3n", "k3y", "s3cr3t").contains("\"****\"");
    }

    @Test
    void documentsMergeExactlyAfterAJsonRoundTrip() throws IOException {
        Random random = new Random(11);
        List<Sample> samples = RandomSamples.generate(random, 30_000, 5, 90_000);
        RunResult single = RandomSamples.aggregate(samples, ResultAggregator.MAX_SERIES_BUCKETS);

        ResultAggregator agentA = new ResultAggregator();
        ResultAggregator agentB = new ResultAggregator();
        for (Sample s : samples) {
            (random.nextBoolean() ? agentA : agentB).accept(s);
        }
        Path a = dir.resolve("agent-a").resolve(ResultDocuments.FILE_NAME);
        Path b = dir.resolve("agent-b").resolve(ResultDocuments.FILE_NAME);
        ResultDocuments.write(a, document(agentA.finish()));
        ResultDocuments.write(b, document(agentB.finish()));

        ResultDocument merged = ResultDocument.merge(List.of(ResultDocuments.read(a), ResultDocuments.read(b)));
        assertThat(merged.result()).isEqualTo(single);
        assertThat(merged.ingest().rowsRead()).isEqualTo(30_000);
        assertThat(merged.ingest().source()).isEqualTo(IngestInfo.MERGED);

        // and the merged document survives its own round trip unchanged
        Path m = dir.resolve("merged.json");
        ResultDocuments.write(m, merged);
        assertThat(ResultDocuments.read(m).result()).isEqualTo(single);
    }

    @Test
    void mergeKeepsTheWorstStatusAndTheWholeTimeSpan() {
        ResultDocument complete = document(someResult(3, 100));
        RunInfo later = RunInfo.of("p", null, null, null, Instant.parse("2025-03-01T10:05:00Z"),
                Instant.parse("2025-03-01T10:06:00Z"), Map.of());
        ResultDocument partial = ResultDocument.of(later, RunStatus.partial("interrupted (SIGINT)"),
                IngestInfo.live(100), someResult(4, 100));
        ResultDocument merged = ResultDocument.merge(List.of(complete, partial));
        assertThat(merged.status()).isEqualTo(RunStatus.partial("interrupted (SIGINT)"));
        assertThat(merged.run().startTime()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(merged.run().endTime()).isEqualTo(Instant.parse("2025-03-01T10:06:00Z"));
        assertThat(merged.run().planName()).isEqualTo("rest-api-baseline");
    }

    @Test
    void emptyRunSaysSoAndHasNoNaN() throws IOException {
        ResultDocument document = document(new ResultAggregator().finish());
        assertThat(document.status().state()).isEqualTo(RunState.FAILED);
        assertThat(document.status().reason()).isEqualTo("no samples were recorded");
        Path file = dir.resolve("empty.json");
        ResultDocuments.write(file, document);
        String json = Files.readString(file);
        assertThat(json).doesNotContain("NaN", "Infinity").contains("\"count\" : 0");
        assertThat(ResultDocuments.read(file)).isEqualTo(document);
    }

    @Test
    void partialStatusIsKeptWithItsReason() throws IOException {
        ResultDocument document = ResultDocument.of(null, RunStatus.partial("stopped by SIGTERM after 12 s"),
                IngestInfo.live(10), someResult(5, 10));
        Path file = dir.resolve("partial.json");
        ResultDocuments.write(file, document);
        assertThat(ResultDocuments.read(file).status())
                .isEqualTo(new RunStatus(RunState.PARTIAL, "stopped by SIGTERM after 12 s"));
    }

    @Test
    void ingestInfoKeepsOnlyTheFirstSkippedLines() {
        IngestInfo info = IngestInfo.jtl("results.jtl", 1000, 25,
                java.util.stream.LongStream.rangeClosed(2, 26).boxed().toList());
        assertThat(info.firstSkippedLines()).hasSize(IngestInfo.MAX_SKIPPED_LINES).startsWith(2L, 3L);
        assertThat(info.rowsSkipped()).isEqualTo(25);
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve(ResultDocuments.FILE_NAME);
        ResultDocuments.write(file, document(someResult(6, 100)));
        ResultDocument second = document(someResult(7, 200));
        ResultDocuments.write(file, second);
        assertThat(ResultDocuments.read(file)).isEqualTo(second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failingWriteLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve(ResultDocuments.FILE_NAME);
        ResultDocument old = document(someResult(8, 100));
        ResultDocuments.write(file, old);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("{\"schemaVersion\" : 1, \"trunc".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("No space left on device");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(ResultDocuments.read(file)).isEqualTo(old);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeIntoAPathBlockedByAFileFailsWithAClearMessage() throws IOException {
        Path blocker = Files.writeString(dir.resolve("out"), "not a directory");
        Path file = blocker.resolve(ResultDocuments.FILE_NAME);
        assertThatThrownBy(() -> ResultDocuments.write(file, document(someResult(9, 10))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + file)
                .hasMessageContaining("not a directory")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readString(blocker)).isEqualTo("not a directory");
    }

    @Test
    void writeIntoAnUnwritableDirectoryFailsWithAClearMessage() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(readOnly), "running as root: permissions are not enforced");
            Path file = readOnly.resolve(ResultDocuments.FILE_NAME);
            assertThatThrownBy(() -> ResultDocuments.write(file, document(someResult(10, 10))))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot write " + file)
                    .hasMessageContaining("permission denied");
            try (Stream<Path> files = Files.list(readOnly)) {
                assertThat(files).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedFilesKeepTheirPermissions() throws IOException {
        Path fresh = dir.resolve("report.html");
        AtomicFiles.write(fresh, out -> out.write('x'));
        Path plain = Files.createFile(dir.resolve("plain.txt")); // what the user's umask gives any new file
        assertThat(Files.getPosixFilePermissions(fresh)).as("not the private 0600 of a temporary file")
                .isEqualTo(Files.getPosixFilePermissions(plain));

        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(fresh, out -> out.write('y'));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-rw----");
        assertThat(Files.readString(fresh)).isEqualTo("y");
    }

    @Test
    void writeCreatesMissingDirectories() throws IOException {
        Path file = dir.resolve("a/b/c").resolve(ResultDocuments.FILE_NAME);
        ResultDocuments.write(file, document(someResult(12, 10)));
        assertThat(ResultDocuments.read(file).result().overall().count()).isEqualTo(10);
    }

    @Test
    void malformedJsonNamesTheFileAndThePosition() throws IOException {
        Path file = dir.resolve("broken.json");
        String json = ResultDocuments.toJson(document(someResult(13, 10)));
        Files.writeString(file, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> ResultDocuments.read(file))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(file + ": not valid JSON at line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unsupportedVersionIsRejected() throws IOException {
        Path file = dir.resolve("v2.json");
        Files.writeString(file, ResultDocuments.toJson(document(someResult(14, 10)))
                .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertThatThrownBy(() -> ResultDocuments.read(file))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessage(file + ": unsupported schemaVersion 2 (this secperf reads version 1)");
    }

    @Test
    void otherJsonIsNotTakenForAResultDocument() throws IOException {
        Path file = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\"}");
        assertThatThrownBy(() -> ResultDocuments.read(file))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessage(file + ": not a secperf result document (no schemaVersion field)");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertThatThrownBy(() -> ResultDocuments.read(array))
                .hasMessage(array + ": not a secperf result document (expected a JSON object)");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThatThrownBy(() -> ResultDocuments.read(empty)).isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(empty + ": ");
    }

    @Test
    void damagedContentIsReportedWithItsLocation() throws IOException {
        String json = ResultDocuments.toJson(document(someResult(15, 50)));
        Path wrongType = Files.writeString(dir.resolve("type.json"),
                json.replaceFirst("\"count\" : 50", "\"count\" : \"fifty\""));
        assertThatThrownBy(() -> ResultDocuments.read(wrongType))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(wrongType + ": invalid content at result.overall.count");

        Path badHistogram = Files.writeString(dir.resolve("histogram.json"),
                json.replaceFirst("\"histogram\" : \"[^\"]+\"", "\"histogram\" : \"AAAA\""));
        assertThatThrownBy(() -> ResultDocuments.read(badHistogram))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(badHistogram + ": inconsistent result: ");

        Path wrongCount = Files.writeString(dir.resolve("count.json"),
                json.replaceFirst("(\"labels\" : \\[ \\{\\s+\"label\" : \"[^\"]+\",\\s+\"count\" : )\\d+", "$1999999"));
        assertThatThrownBy(() -> ResultDocuments.read(wrongCount))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessageContaining("histogram holds").hasMessageContaining("but count is 999999");
    }

    @Test
    void missingFileIsReportedAsSuch() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> ResultDocuments.read(file))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void remoteEnginesSurviveTheRoundTripAndMergesKeepThemAll() throws IOException {
        ResultDocument base = document(someResult(8, 100));
        EngineCount lost = new EngineCount("lg2:1099", 40, Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:00:09Z"), EngineCount.LOST, "stopped answering");
        ResultDocument remote = new ResultDocument(base.schemaVersion(), base.generator(), base.run(), base.status(),
                base.ingest().withEngines(java.util.List.of(new EngineCount("lg1:1099", 60,
                        Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:20Z"),
                        EngineCount.COMPLETED, null), lost)), base.result(), base.findings(), base.gates(),
                base.verdict(), base.security());
        ResultDocument read = ResultDocuments.fromJson(ResultDocuments.toJson(remote), "test");
        assertThat(read.ingest().engines()).isEqualTo(remote.ingest().engines());
        assertThat(ResultDocuments.fromJson(ResultDocuments.toJson(base), "test").ingest().engines())
                .as("a document without remote engines").isEmpty();
        assertThat(ResultDocument.merge(java.util.List.of(remote, base, remote)).ingest().engines())
                .hasSize(4).contains(lost);
    }
}
