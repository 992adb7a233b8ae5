package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.demo.DemoTarget;
import io.secperf.result.AttackWindow;
import io.secperf.result.Finding;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.Severity;
import io.secperf.result.VerdictStatus;

/**
 * {@code secperf demo} end to end, in process, against the real built-in target with the real engine: the seed's three
 * levels in one run (preflight TLS + auth, fuzz and attacks during the load, resilience after it), the default
 * performance and security gates passing on the hardened target, and no secret anywhere in the output.
 */
class DemoCommandTest {

    /** A bearer token of the demo target: {@code v1.<payload>.<mac>}. */
    private static final Pattern DEMO_TOKEN = Pattern.compile("v1\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}");

    @TempDir
    Path dir;

    @Test
    void theDemoShowsPreflightAttacksAndResilienceInOneRunAndPassesItsDefaultGates() throws Exception {
        Path out = dir.resolve("demo");
        CliOutcome demo = secperf("demo", "--duration", "6", "--threads", "2", "--progress", "none",
                "--out", out.toString());

        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));

        // the three levels
        assertThat(document.security().checks()).as(demo.out()).contains("tls", "auth", "fuzz", "attack");
        List<AttackWindow> windows = document.security().attackWindows();
        assertThat(windows).extracting(AttackWindow::kind).contains("flood", "sessions");
        for (AttackWindow window : windows) {
            assertThat(window.start()).as("attack window inside the run").isAfter(document.run().startTime());
            assertThat(window.end()).isBefore(document.run().endTime());
        }
        ResilienceComparison resilience = document.security().resilience();
        assertThat(resilience).as(demo.out()).isNotNull();
        assertThat(resilience.comparable()).as(resilience.note()).isTrue();
        assertThat(resilience.clean().samples()).isPositive();
        assertThat(resilience.attack().samples()).isPositive();
        assertThat(resilience.clean().toSecond()).isLessThanOrEqualTo(resilience.attack().fromSecond());
        assertThat(document.security().measurements()).containsEntry("auth.bypass", "0")
                .containsEntry("fuzz.serverErrors", "0").containsKey("resilience.p95Impact");
        assertThat(document.findings()).extracting(Finding::severity)
                .noneMatch(severity -> severity.compareTo(Severity.HIGH) >= 0);

        // the verdict: the default gates, performance and security
        assertThat(document.gates()).hasSize(7);
        assertThat(document.verdict().status()).isEqualTo(VerdictStatus.PASSED);
        assertThat(document.verdict().validatedBoth()).isTrue();
        assertThat(document.result().labels()).as("security samples are not performance samples")
                .noneMatch(label -> label.label().startsWith("secperf "));

        // what it prints, in order
        assertThat(demo.out()).containsSubsequence("built-in target listening on https://127.0.0.1:",
                "preflight TLS: grade A", "preflight auth: ", "auth.bypass = 0", "fuzz (seed 20261206): ",
                "attack ", "window from ",
                "verdict: PASSED: 7 of 7 gates passed", "report: ", "resilience (not gated): p95 ",
                "open " + out.toAbsolutePath().resolve("report.html"));

        // the report: resilience with both windows, the attack-window band in the run chart
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id=\"resilience\"", "clean window", "attack window").contains("id=\"posttest\"");
        assertThat(Files.readString(out.resolve("charts/run-latency-throughput.svg"))).contains("attack window");

        // secrets nowhere: the password (a JMeter property) and the tokens the checks obtained
        assertThat(Files.readString(out.resolve("security.yaml"))).contains("property:password");
        for (String text : List.of(demo.out(), demo.err(), Files.readString(out.resolve("secperf-result.json")), html,
                Files.readString(out.resolve("summary.txt")), Files.readString(out.resolve("jmeter.log")),
                Files.readString(out.resolve("security.yaml")), Files.readString(out.resolve("secperf-gates.xml")),
                Files.readString(out.resolve("samples.jtl")))) {
            assertThat(text).doesNotContain(DemoTarget.PASSWORD);
            assertThat(DEMO_TOKEN.matcher(text).find()).as("a demo token in the output").isFalse();
        }
        assertThat(document.run().properties()).containsEntry("password", "****");
    }
}
