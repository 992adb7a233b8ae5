package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.History;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @TempDir
    Path dir;


    static ResultDocument document(long p95ish) {
        ResultAggregator aggregator = new ResultAggregator();
        long start = 1_750_000_000_000L;
        for (int i = 0; i < 600; i++) {
            aggregator.accept(new Sample(start + i * 20L, 1 + (i * 7) % p95ish, i % 2 == 0 ? "GET /" : "<b>POST</b>",
                    i % 60 == 0 ? "500" : "200", "", i % 60 != 0, "", 100, 10, 1, 0, 2));
        }
        RunInfo run = RunInfo.of("stored", null, "https://127.0.0.1:1", "5.6.3", Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + 12_000), null);
        return ResultDocument.of(run, RunStatus.complete(), IngestInfo.live(600), aggregator.finish());
    }

    @Test
    void rebuildsTheReportWithTrendsFromAHistory() throws IOException {
        Path results = dir.resolve("results");
        ResultDocuments.write(results.resolve(ResultDocuments.FILE_NAME), document(200));
        History history = new History(dir.resolve("history"));
        for (int i = 1; i <= 6; i++) {
            history.append(BuildSummary.of("", document(50L * i)));
        }
        Path out = dir.resolve("report");

        CliOutcome report = secperf("report", "--result", results.toString(), "--history", history.directory()
                .toString(), "--out", out.toString());

        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("report: " + out.resolve("report.html"), "trends of 6 builds");
        assertThat(out.resolve("report.css")).isRegularFile();
        assertThat(out.resolve("charts/run-latency-throughput.png")).isRegularFile();
        assertThat(out.resolve("charts/trend-latency.png")).isRegularFile();
        assertThat(out.resolve("charts/trend-validated-both.svg")).isRegularFile();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("The last 6 builds", "&lt;b&gt;POST&lt;/b&gt;").doesNotContain("<b>POST");
        // the history is read, not changed
        assertThat(history.last().builds()).hasSize(6);
    }

    @Test
    void aStoredDocumentWithAnAttackShowsItsResilienceAndPostTestAnalysis() throws IOException {
        ResultDocument plain = document(100);
        Instant start = plain.run().startTime();
        ResultDocument attacked = plain.withSecurity(io.secperf.result.SecurityData.none().withAttackWindows(
                java.util.List.of(new io.secperf.result.AttackWindow(start.plusSeconds(8), start.plusSeconds(10),
                        "flood"))));
        // analysed (as secperf run stores it) and not analysed (a fresh merge): both reports show the comparison
        ResultDocuments.write(dir.resolve("analysed/secperf-result.json"),
                io.secperf.analysis.DocumentAnalysis.complete(attacked, null));
        ResultDocuments.write(dir.resolve("raw/secperf-result.json"), attacked);
        for (String name : new String[] {"analysed", "raw"}) {
            CliOutcome report = secperf("report", "--result", dir.resolve(name).toString());
            assertThat(report.code()).as(report.err()).isZero();
            String html = Files.readString(dir.resolve(name + "/report.html"));
            assertThat(html).as(name).contains("<section id=\"resilience\">", "clean window: ")
                    .doesNotContain("This run had no attack window");
            assertThat(html.contains("<section id=\"posttest\">")).as(name).isEqualTo(name.equals("analysed"));
        }
    }

    @Test
    void theResultFileItselfWorksAndTheReportGoesNextToItByDefault() throws IOException {
        Path file = dir.resolve("a/custom-name.json");
        ResultDocuments.write(file, document(100));
        CliOutcome report = secperf("report", "--result", file.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(dir.resolve("a/report.html")).content().contains("No history was given");
    }

    @Test
    void damagedHistoryFilesAreSkippedWithAWarningAndNamedInTheReport() throws IOException {
        ResultDocuments.write(dir.resolve("r/secperf-result.json"), document(100));
        History history = new History(dir.resolve("h"));
        history.append(BuildSummary.of("", document(100)));
        history.append(BuildSummary.of("", document(100)));
        Files.writeString(history.directory().resolve("2.json"), "{broken");
        CliOutcome report = secperf("report", "--result", dir.resolve("r").toString(), "--history",
                history.directory().toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("secperf: warning: skipped ").contains("2.json: not valid JSON");
        assertThat(dir.resolve("r/report.html")).content().contains("<section id=\"notes\"", "2.json");
    }

    @Test
    void badInputIsAOneLineInputError() throws IOException {
        CliOutcome missing = secperf("report", "--result", dir.resolve("nothing").toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err().strip()).startsWith("secperf: error: no result document at").doesNotContain("\n");

        Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 7, \"result\": {}}");
        CliOutcome bad = secperf("report", "--result", dir.resolve("bad.json").toString());
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).contains("unsupported schemaVersion 7");

        ResultDocuments.write(dir.resolve("ok/secperf-result.json"), document(100));
        CliOutcome noHistory = secperf("report", "--result", dir.resolve("ok").toString(), "--history",
                dir.resolve("typo").toString());
        assertThat(noHistory.code()).isEqualTo(4);
        assertThat(noHistory.err()).contains("history directory").contains("does not exist");

        CliOutcome zero = secperf("report", "--result", dir.resolve("ok").toString(), "--builds", "0");
        assertThat(zero.code()).isEqualTo(4);
        assertThat(zero.err()).contains("--builds must be at least 1");

        CliOutcome noResult = secperf("report");
        assertThat(noResult.code()).isEqualTo(4);
        assertThat(noResult.err()).contains("--result");
    }

    @Test
    void runWritesTheReportAndAppendsToTheHistory() throws IOException {
        Path history = dir.resolve("history");
        Path out = dir.resolve("out");
        try (TestTarget target = new TestTarget()) {
            for (int i = 0; i < 2; i++) {
                CliOutcome run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                        "--target", target.uri().toString(), "-Jthreads=2", "-Jloops=5", "--out", out.toString(),
                        "--progress", "none", "--history", history.toString());
                assertThat(run.code()).as(run.err()).isZero();
                assertThat(run.out()).contains("history: " + history.toAbsolutePath().resolve((i + 1) + ".json"))
                        .contains("report: " + out.toAbsolutePath().resolve("report.html"));
            }
        }
        History.Entries entries = new History(history).last();
        assertThat(entries.builds()).extracting(BuildSummary::build).containsExactly("1", "2");
        assertThat(entries.builds()).allSatisfy(b -> assertThat(b.samples()).isEqualTo(20));
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<section id=\"verdict\"", "The last 2 builds", "home", "api");
        assertThat(out.resolve("charts/trend-throughput.png")).isRegularFile();
        assertThat(out.resolve("charts/run-errors.png")).isRegularFile();
    }

    @Test
    void aRunWithGatesShowsTheirVerdictInTheReportAndTheHistory() throws IOException {
        Path history = dir.resolve("history");
        Path out = dir.resolve("gated");
        try (TestTarget target = new TestTarget()) {
            CliOutcome run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                    "--target", target.uri().toString(), "-Jthreads=2", "-Jloops=5", "--out", out.toString(),
                    "--progress", "none", "--history", history.toString(), "--gates", "p95 < 30s\nerrors < 50%");
            assertThat(run.code()).as(run.out() + run.err()).isZero();
        }
        BuildSummary stored = new History(history).last().builds().get(0);
        assertThat(stored.verdict()).isEqualTo(io.secperf.trend.BuildVerdict.PASSED);
        assertThat(stored.gates().passed()).isEqualTo(2);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("verdict verdict-partial", "PASSED, SECURITY NOT CHECKED", "<code>p95 &lt; 30s</code>", "2 of 2");
    }

    @Test
    @Tag("slow")
    void demoWritesTheReportAndCharts() throws IOException {
        Path out = dir.resolve("demo");
        Path history = dir.resolve("history");
        CliOutcome demo = secperf("demo", "--duration", "3", "--threads", "2", "--progress", "none", "--out",
                out.toString(), "--history", history.toString());
        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("report: " + out.toAbsolutePath().resolve("report.html"));
        assertThat(history.resolve("1.json")).isRegularFile();
        // the preflight measured the target, so the default security gates were evaluated: validated both
        io.secperf.result.ResultDocument document =
                io.secperf.result.ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.security().checks()).contains("tls", "auth");
        assertThat(document.security().measurements()).containsKey("tls.grade");
        assertThat(document.verdict().validatedBoth()).as(demo.out()).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("secperf report: <span class=\"plan\">login-flow</span>", "POST /api/login",
                "The last 1 build of the history").doesNotContain("demo-password");
        for (String chart : new String[] {"run-latency-throughput", "run-errors", "trend-latency",
            "trend-validated-both"}) {
            assertThat(out.resolve("charts/" + chart + ".png")).isRegularFile();
            assertThat(out.resolve("charts/" + chart + ".svg")).isRegularFile();
        }
    }
}
