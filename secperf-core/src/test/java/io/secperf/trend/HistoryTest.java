package io.secperf.trend;

import io.secperf.result.ResilienceImpact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.secperf.result.RunState;
import io.secperf.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTest {

    @TempDir
    Path dir;

    static BuildSummary summary(long p95) {
        Map<Severity, Integer> findings = new EnumMap<>(Severity.class);
        findings.put(Severity.HIGH, 2);
        return new BuildSummary(BuildSummary.SCHEMA_VERSION, "ignored", Instant.parse("2025-06-01T10:00:00Z"),
                RunState.COMPLETE, BuildVerdict.PASSED, true, 1000, p95 / 3, p95, p95 * 2, 123.5, 0.0125, findings,
                new GateCounts(5, 1, 0, 2), new ResilienceImpact(12.5, 20, 0.5, -8));
    }

    @Test
    void appendNumbersBuildsFromOneAndLabelsThemWithTheNumber() throws IOException {
        History history = new History(dir.resolve("history"));
        BuildSummary first = history.append(summary(100));
        BuildSummary second = history.append(summary(200));

        assertThat(first.build()).isEqualTo("1");
        assertThat(second.build()).isEqualTo("2");
        assertThat(dir.resolve("history/1.json")).exists();
        assertThat(dir.resolve("history/2.json")).exists();
        History.Entries entries = history.last();
        assertThat(entries.skipped()).isEmpty();
        assertThat(entries.builds()).containsExactly(first, second);
    }

    @Test
    void summaryRoundTripsThroughJsonWithEveryField() throws IOException {
        History history = new History(dir);
        BuildSummary stored = history.append(summary(300));
        BuildSummary read = history.last(1).builds().get(0);
        assertThat(read).isEqualTo(stored);
        assertThat(read.findings()).containsEntry(Severity.HIGH, 2).containsEntry(Severity.CRITICAL, 0);
        assertThat(read.resilience().p95ChangePercent()).isEqualTo(12.5);
        assertThat(read.startTime()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        String json = Files.readString(dir.resolve("1.json"));
        assertThat(json).contains("\"schemaVersion\" : 1").contains("\"startTime\" : \"2025-06-01T10:00:00Z\"")
                .doesNotContain("histogram");
        assertThat(json.length()).isLessThan(1200);
    }

    @Test
    void appendContinuesAfterTheHighestNumberAndNeverOverwrites() throws IOException {
        Files.writeString(dir.resolve("41.json"), new String(BuildSummaries.toJson(summary(1)),
                StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("7.json"), new String(BuildSummaries.toJson(summary(2)),
                StandardCharsets.UTF_8));
        BuildSummary appended = new History(dir).append(summary(3));
        assertThat(appended.build()).isEqualTo("42");
        assertThat(new History(dir).last(50).builds()).extracting(BuildSummary::build)
                .containsExactly("7", "41", "42");
    }

    @Test
    void lastReadsOnlyTheNewestBuildsInNumericOrder() throws IOException {
        History history = new History(dir);
        for (int i = 1; i <= 120; i++) {
            history.append(summary(i));
        }
        List<BuildSummary> last = history.last(50).builds();
        assertThat(last).hasSize(50);
        assertThat(last.get(0).build()).isEqualTo("71");
        assertThat(last.get(49).build()).isEqualTo("120");
        assertThat(last.get(49).p95Ms()).isEqualTo(120);
        assertThat(history.last(3).builds()).extracting(BuildSummary::build).containsExactly("118", "119", "120");
    }

    @Test
    void lastOpensNoMoreThanTheRequestedFiles() throws IOException {
        History history = new History(dir);
        history.append(summary(1));
        history.append(summary(2));
        history.append(summary(3));
        // an old file that cannot be parsed is never read when it is outside the window
        Files.writeString(dir.resolve("1.json"), "garbage");
        History.Entries entries = history.last(2);
        assertThat(entries.skipped()).isEmpty();
        assertThat(entries.builds()).extracting(BuildSummary::build).containsExactly("2", "3");
    }

    @Test
    void damagedAndForeignFilesAreSkippedWithAOneLineReasonAndTheRestIsRead() throws IOException {
        History history = new History(dir);
        history.append(summary(1));
        history.append(summary(2));
        history.append(summary(3));
        history.append(summary(4));
        Files.writeString(dir.resolve("2.json"), "{not json");
        Files.writeString(dir.resolve("3.json"), "{\"schemaVersion\": 99}");
        Files.writeString(dir.resolve("notes.json"), "{}");
        Files.writeString(dir.resolve("007.json"), "{}");
        Files.writeString(dir.resolve(".5.json.123.tmp"), "partial");
        Files.writeString(dir.resolve("README"), "hello");

        History.Entries entries = history.last();

        assertThat(entries.builds()).extracting(BuildSummary::build).containsExactly("1", "4");
        assertThat(entries.skipped()).hasSize(2);
        assertThat(entries.skipped().get(0)).contains("2.json").contains("not valid JSON").doesNotContain("\n");
        assertThat(entries.skipped().get(1)).contains("3.json").contains("unsupported build summary schemaVersion 99");
    }

    @Test
    void anOversizedFileIsNotParsed() throws IOException {
        Files.writeString(dir.resolve("1.json"), "{\"schemaVersion\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}");
        History.Entries entries = new History(dir).last();
        assertThat(entries.builds()).isEmpty();
        assertThat(entries.skipped()).singleElement().asString().contains("larger than");
    }

    @Test
    void aMissingDirectoryIsAnEmptyHistoryAndAFileIsAnError() throws IOException {
        assertThat(new History(dir.resolve("none")).last().builds()).isEmpty();
        Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new History(dir.resolve("file")).last())
                .isInstanceOf(IOException.class).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> new History(dir).last(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void appendToAnUnwritablePlaceFailsWithOneLine() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new History(dir.resolve("file/history")).append(summary(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot create history directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void concurrentAppendsGetDistinctNumbersAndLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    History history = new History(dir);
                    start.await();
                    List<String> labels = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        labels.add(history.append(summary(i)).build());
                    }
                    return labels;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            for (Future<List<String>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        History.Entries entries = new History(dir).last(1000);
        assertThat(entries.skipped()).isEmpty();
        assertThat(entries.builds()).hasSize(threads * perThread);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void buildNumbersAreOnlyPlainPositiveIntegers() {
        assertThat(History.buildNumber("17.json")).isEqualTo(17);
        assertThat(History.buildNumber("017.json")).isEqualTo(-1);
        assertThat(History.buildNumber("0.json")).isEqualTo(-1);
        assertThat(History.buildNumber("-3.json")).isEqualTo(-1);
        assertThat(History.buildNumber("1e3.json")).isEqualTo(-1);
        assertThat(History.buildNumber(".json")).isEqualTo(-1);
        assertThat(History.buildNumber("17.json.tmp")).isEqualTo(-1);
        assertThat(History.buildNumber("99999999999999999999.json")).isEqualTo(-1);
    }
}
