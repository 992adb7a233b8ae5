package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees on the console: the progress line never has other output glued onto it, inputs are checked
 * before the run is announced, one duration syntax, a clear word on a target without scheme, and no command replaces
 * another command's results without being told to.
 */
class ConsoleTest {

    @TempDir
    Path dir;

    @Test
    void anyOutputEndsTheLiveProgressLineFirst() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream raw = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ConsoleWriter console = ConsoleWriter.of(raw, raw);
        ProgressPrinter printer = new ProgressPrinter(console.out(), ProgressPrinter.Mode.TERMINAL, 10);

        printer.update(1000, 10, 0, 10, 12);
        console.out().println("secperf demo: preflight TLS: grade A");
        printer.update(2000, 20, 0, 10, 13);
        console.err().println("secperf: error: boom");
        printer.update(3000, 30, 0, 10, 14);
        printer.finish();
        console.out().println("done");

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("p95 12 ms" + System.lineSeparator() + "secperf demo: preflight TLS: grade A")
                .contains("p95 13 ms" + System.lineSeparator() + "secperf: error: boom")
                .endsWith("p95 14 ms" + System.lineSeparator() + "done" + System.lineSeparator());
    }

    @Test
    void aTargetWithoutSchemeSaysWhichFormIsExpected() {
        CliOutcome run = secperf("run", "--template", "rest-api-baseline", "--target", "127.0.0.1:18080",
                "--out", dir.resolve("out").toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(run.err()).hasLineCount(1).contains("--target must be an http or https URL",
                "did you mean https://127.0.0.1:18080 or http://127.0.0.1:18080?").doesNotContain("scheme name");
    }

    @Test
    void durationTakesTheSameSyntaxAsWarmupAndPlainSeconds() {
        assertThat(DurationText.parse("--duration", "5s", false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationText.parse("--duration", "300", false)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("--duration", "2m", false)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("--warmup", "1500ms", true)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("--warmup", "0", true)).isZero();

        CliOutcome bad = secperf("run", "--template", "rest-api-baseline", "--duration", "5x");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(bad.err()).hasLineCount(1).contains("--duration must be a positive duration such as 300, 90s, 5m");
        assertThat(secperf("run", "--template", "rest-api-baseline", "--duration", "0s").err())
                .contains("--duration must be a positive duration");
    }

    @Test
    void anUnreachableTargetIsReportedBeforeTheRunIsAnnounced() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliOutcome run = secperf("run", "--template", "rest-api-baseline", "--duration", "5s", "--target",
                "http://127.0.0.1:" + port, "--out", dir.resolve("out").toString(), "--progress", "none");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
        assertThat(run.out()).doesNotContain("secperf: running");
        assertThat(run.err()).hasLineCount(1).contains("127.0.0.1:" + port);
    }

    @Test
    void aMissingPlanIsReportedBeforeTheRunIsAnnounced() {
        CliOutcome run = secperf("run", "--plan", dir.resolve("missing.jmx").toString(), "--duration", "5s",
                "--out", dir.resolve("out").toString(), "--progress", "none");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(run.out()).doesNotContain("secperf: running");
        assertThat(run.err()).hasLineCount(1).contains("missing.jmx");
    }

    @Test
    void gateAndReportNeverReplaceAnotherCommandsResultsSilently() throws IOException {
        Path runDir = result("run-a");
        Path otherRun = result("run-b");
        String before = Files.readString(otherRun.resolve("secperf-result.json"));

        CliOutcome refused = secperf("gate", "--result", runDir.toString(), "--gates", "p95 < 10s",
                "--out", otherRun.toString());
        assertThat(refused.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(refused.err()).hasLineCount(1).contains("holds the results of another command", "--force");
        assertThat(Files.readString(otherRun.resolve("secperf-result.json"))).isEqualTo(before);
        CliOutcome report = secperf("report", "--result", runDir.toString(), "--out", otherRun.toString());
        assertThat(report.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(otherRun.resolve("report.html")).doesNotExist();

        Path gateDir = dir.resolve("gated");
        assertThat(secperf("gate", "--result", runDir.toString(), "--gates", "p95 < 10s", "--out",
                gateDir.toString()).code()).isZero();
        assertThat(secperf("gate", "--result", runDir.toString(), "--gates", "p95 < 20s", "--out",
                gateDir.toString()).code()).as("a gate's own earlier outputs may be replaced").isZero();
        assertThat(secperf("report", "--result", runDir.toString()).code()).as("the report next to its result")
                .isZero();
        assertThat(secperf("gate", "--result", runDir.toString(), "--gates", "p95 < 10s", "--out",
                otherRun.toString(), "--force").code()).isZero();
    }

    private Path result(String name) throws IOException {
        ResultAggregator aggregator = new ResultAggregator();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 20; i++) {
            aggregator.accept(new Sample(t0 + i * 50L, 20, "api", "200", "OK", true, "", 100, 50, 10, 1, 1));
        }
        ResultDocument document = ResultDocument.of(RunInfo.of(name, null, null, null, Instant.ofEpochMilli(t0),
                Instant.ofEpochMilli(t0 + 1000), null), RunStatus.complete(), IngestInfo.live(20), aggregator.finish());
        Path out = Files.createDirectories(dir.resolve(name));
        ResultDocuments.write(out.resolve("secperf-result.json"), document);
        return out;
    }
}
