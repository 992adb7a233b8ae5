package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import io.secperf.jtl.JtlCsvWriter;
import io.secperf.result.GateStatus;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.VerdictStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code secperf gate} end to end over JTL files and result documents: merging, outputs, exit codes. */
class GateCommandTest {

    @TempDir
    Path dir;


    static final long T0 = 1_700_000_000_000L;

    /** {@code count} samples of label "api" taking {@code elapsed} ms, every {@code failEvery}-th failing with 500. */
    static Sample sample(int i, long elapsed, int failEvery) {
        boolean failed = failEvery > 0 && i % failEvery == 0;
        return new Sample(T0 + i * 50L, elapsed, "api", failed ? "500" : "200", failed ? "Server Error" : "OK",
                !failed, "", 100, 50, elapsed, 1, 1);
    }

    Path jtl(String name, int count, long elapsed, int failEvery) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (JtlCsvWriter writer = new JtlCsvWriter(file)) {
            for (int i = 1; i <= count; i++) {
                writer.accept(sample(i, elapsed, failEvery));
            }
        }
        return file;
    }

    Path document(String name, int count, long elapsed, int failEvery) throws IOException {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 1; i <= count; i++) {
            aggregator.accept(sample(i, elapsed, failEvery));
        }
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + count * 50L), null), RunStatus.complete(), IngestInfo.live(count),
                aggregator.finish());
        Path file = dir.resolve(name);
        ResultDocuments.write(file, document);
        return file;
    }

    /** Half of a 20 s run (every other sample), 200 ms in seconds 12..15, 20 ms otherwise, with the attack window. */
    Path attackedHalf(String name, int parity) throws IOException {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = parity; i < 400; i += 2) {
            long start = T0 + i * 50L;
            long offset = (start - T0) / 1000;
            aggregator.accept(new Sample(start, offset >= 12 && offset < 16 ? 200 : 20, "api", "200", "OK", true,
                    "", 100, 50, 10, 1, 1));
        }
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 20_000), null), RunStatus.complete(), IngestInfo.live(200),
                aggregator.finish()).withSecurity(new io.secperf.result.SecurityData(java.util.List.of("attack"),
                java.util.Map.of()).withAttackWindows(java.util.List.of(new io.secperf.result.AttackWindow(
                Instant.ofEpochMilli(T0 + 12_000), Instant.ofEpochMilli(T0 + 15_900), "flood"))));
        Path file = dir.resolve(name);
        ResultDocuments.write(file, document);
        return file;
    }

    @Test
    void aMergeOfAttackedRunsIsAnalysedAgainSoResilienceGatesEvaluate() throws Exception {
        Path a = attackedHalf("a/secperf-result.json", 0);
        Path b = attackedHalf("b/secperf-result.json", 1);
        Path out = dir.resolve("merged");
        CliOutcome outcome = secperf("gate", "--result", a.toString(), "--result", b.toString(), "--gates",
                "resilience.p95Impact < 100%; resilience.throughputImpact > -10%", "--out", out.toString());
        assertThat(outcome.code()).as(outcome.err() + outcome.out()).isEqualTo(ExitCode.GATES_FAILED.code());
        ResultDocument merged = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(merged.security().attackWindows()).hasSize(1);
        assertThat(merged.security().resilience().clean().p95Ms()).isEqualTo(20);
        assertThat(merged.security().resilience().attack().p95Ms()).isEqualTo(200);
        // 20 req/s before; in seconds 12..15 the 200 ms samples started after .800 end one second later, so the
        // attack window has 16 + 20 + 20 + 20 = 76 samples in 4 s: 19 req/s, -5 %
        assertThat(merged.security().resilience().attack().samples()).isEqualTo(76);
        assertThat(merged.security().measurements()).containsEntry("resilience.p95Impact", "900.00%")
                .containsEntry("resilience.throughputImpact", "-5.00%");
        assertThat(merged.gates()).extracting(g -> g.status()).containsExactly(GateStatus.FAILED, GateStatus.PASSED);
    }

    @Test
    void aJtlFromElsewherePassesFailsOrIsUnstableWithTheDocumentedExitCodes() throws Exception {
        Path jtl = jtl("results.jtl", 200, 120, 50);
        Path out = dir.resolve("out");

        CliOutcome passed = secperf("gate", "--result", jtl.toString(), "--gates", "p95 < 500ms; errors < 5%",
                "--out", out.toString());
        assertThat(passed.code()).as(passed.err()).isZero();
        assertThat(passed.out()).contains("PASSED", "verdict: PASSED: 2 of 2 gates passed", "secperf-gates.xml");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().overall().count()).isEqualTo(200);
        assertThat(document.verdict().status()).isEqualTo(VerdictStatus.PASSED);
        assertThat(document.gates()).extracting(g -> g.expression()).containsExactly("p95 < 500ms", "errors < 5%");
        assertThat(passed.out()).contains("report: ");
        assertThat(Files.readString(out.resolve("report.html"))).contains("verdict-word\">PASSED, SECURITY NOT CHECKED<", "verdict verdict-partial");

        CliOutcome failed = secperf("gate", "--result", jtl.toString(), "--gates", "p95 < 100ms\nerrors < 5%",
                "--out", out.toString());
        assertThat(failed.code()).isEqualTo(ExitCode.GATES_FAILED.code());
        assertThat(failed.out()).contains("FAILED        #1 p95 is 120 ms, above 100 ms");
        assertThat(failed.err()).isEmpty();

        assertThat(failed.out()).contains("report: ");
        assertThat(Files.readString(out.resolve("report.html"))).as("the report is rewritten with the new verdict")
                .contains("verdict-word\">FAILED<", "p95 is 120 ms, above 100 ms")
                .doesNotContain("verdict-word\">PASSED<");

        CliOutcome unstable = secperf("gate", "--result", jtl.toString(), "--gates", "errors < 1% as unstable",
                "--gates", "p95 < 1s", "--out", out.toString());
        assertThat(unstable.code()).isEqualTo(ExitCode.GATES_UNSTABLE.code());
        assertThat(unstable.out()).contains("UNSTABLE      #1 errors is 2%, above 1%");

        Path junit = out.resolve("secperf-gates.xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Element suite = factory.newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) suite.getElementsByTagName("failure").item(0)).getAttribute("type"))
                .isEqualTo("UNSTABLE");
    }

    @Test
    void severalResultsAreMergedExactlyBeforeEvaluation() throws Exception {
        document("agent-1/secperf-result.json", 100, 100, 0);
        document("agent-2/secperf-result.json", 100, 300, 0);
        Path jtl = jtl("agent-3/results.jtl", 100, 300, 0);
        Path out = dir.resolve("merged");
        // the glob matches all three; agent-1 given again is the same file and counts once
        CliOutcome outcome = secperf("gate", "--result", dir.resolve("agent-*").resolve("*").toString(), "--result",
                dir.resolve("agent-1").toString(), "--gates", "samples == 300; p50 < 250ms", "--out", out.toString());
        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(ExitCode.GATES_FAILED.code());
        ResultDocument merged = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(merged.result().overall().count()).isEqualTo(300);
        assertThat(merged.result().overall().p95Ms()).isEqualTo(300);
        assertThat(merged.ingest().source()).isEqualTo(IngestInfo.MERGED);
        assertThat(merged.gates().get(0).status()).isEqualTo(GateStatus.PASSED);
        assertThat(merged.gates().get(1).message()).isEqualTo("p50 is 300 ms, above 250 ms");
        assertThat(outcome.out()).contains(jtl.toString());
    }

    @Test
    void relativeGatesUseTheLastResultThatPassedFromAHistoryDirectory() throws Exception {
        Path history = dir.resolve("history");
        Path now = jtl("now.jtl", 100, 130, 0);
        CliOutcome first = secperf("gate", "--result", jtl("b1.jtl", 100, 100, 0).toString(), "--gates",
                "p95 < 1s\np95 regression < 20%", "--reference", Files.createDirectories(history).toString(),
                "--out", history.resolve("1").toString());
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("NOT_EVALUATED #2 p95 regression not evaluated: no reference result yet");
        CliOutcome failing = secperf("gate", "--result", jtl("b2.jtl", 100, 100, 0).toString(), "--gates",
                "p95 < 1ms", "--out", history.resolve("2").toString());
        assertThat(failing.code()).isEqualTo(1);

        CliOutcome regression = secperf("gate", "--result", now.toString(), "--gates", "p95 < 1s\np95 regression < 20%",
                "--reference", history.toString(), "--out", dir.resolve("out").toString());
        assertThat(regression.code()).as(regression.out()).isEqualTo(ExitCode.GATES_FAILED.code());
        assertThat(regression.out()).contains("reference: " + history.resolve("1").resolve("secperf-result.json"))
                .contains("p95 regression is +30% (130 ms, reference 100 ms), above 20%");

        CliOutcome strict = secperf("gate", "--result", now.toString(), "--gates", "p95 regression < 20%",
                "--reference", Files.createDirectories(dir.resolve("nothing")).toString(), "--require-reference",
                "--out", dir.resolve("out").toString());
        assertThat(strict.code()).isEqualTo(ExitCode.GATES_FAILED.code());

        CliOutcome explicit = secperf("gate", "--result", now.toString(), "--gates", "p95 regression < 50%",
                "--reference", history.resolve("2/secperf-result.json").toString(), "--out", dir.resolve("o").toString());
        assertThat(explicit.code()).isZero();
    }

    @Test
    void gateSyntaxErrorsShowLineColumnAndACaret() throws Exception {
        Path jtl = jtl("r.jtl", 10, 10, 0);
        Path gates = Files.writeString(dir.resolve("gates.txt"), "p95 < 800ms\n# comment\np59(label=\"x\") < 1s\n");
        CliOutcome outcome = secperf("gate", "--result", jtl.toString(), "--gates", gates.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).isEqualTo("secperf: error: " + gates + ":3:1: unknown metric 'p59'; did you mean "
                + "'p95'?\n  p59(label=\"x\") < 1s\n  ^^^\n");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();

        Path yaml = Files.writeString(dir.resolve("gates.yaml"), "- {metric: p95, op: '<', threshold: 800}\n");
        CliOutcome structured = secperf("gate", "--result", jtl.toString(), "--gates", yaml.toString());
        assertThat(structured.code()).isEqualTo(4);
        assertThat(structured.err()).contains("gates.yaml: gate 1, threshold: p95 is a time: write 800ms or 800s");
    }

    @Test
    void inputProblemsAreUsageErrors() throws Exception {
        Path jtl = jtl("r.jtl", 10, 10, 0);
        String out = dir.resolve("out").toString();
        assertThat(secperf("gate", "--result", jtl.toString(), "--out", out).err()).contains("--gates is required");
        CliOutcome missing = secperf("gate", "--result", dir.resolve("none.jtl").toString(), "--gates", "p95 < 1s");
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("result not found");
        CliOutcome noMatch = secperf("gate", "--result", dir.resolve("*.nothing").toString(), "--gates", "p95 < 1s");
        assertThat(noMatch.code()).isEqualTo(4);
        assertThat(noMatch.err()).contains("no results match");
        CliOutcome emptyDir = secperf("gate", "--result", Files.createDirectories(dir.resolve("e")).toString(),
                "--gates", "p95 < 1s");
        assertThat(emptyDir.err()).contains("no secperf-result.json in");
        CliOutcome noGateFile = secperf("gate", "--result", jtl.toString(), "--gates", "gates.txt", "--out", out);
        assertThat(noGateFile.code()).isEqualTo(4);
        assertThat(noGateFile.err()).contains("gate file not found: gates.txt");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": 1");
        CliOutcome badDocument = secperf("gate", "--result", broken.toString(), "--gates", "p95 < 1s", "--out", out);
        assertThat(badDocument.code()).isEqualTo(4);
        assertThat(badDocument.err()).contains("broken.json: not valid JSON");
        CliOutcome badReference = secperf("gate", "--result", jtl.toString(), "--gates", "p95 < 1s", "--reference",
                dir.resolve("nope.json").toString(), "--out", out);
        assertThat(badReference.code()).isEqualTo(4);
        assertThat(badReference.err()).contains("reference not found");
    }

    @Test
    void theDemoDefaultGatesAreValid() throws Exception {
        io.secperf.gate.GateList gates = io.secperf.gate.GateList.parse(DemoCommand.DEFAULT_GATES, "demo");
        assertThat(gates.gates()).hasSize(7);
        // the demo runs the TLS and auth preflight and the fuzzer, so its security gates are required: a passing
        // demo validated both
        assertThat(gates.gates()).extracting(g -> g.category()).contains(io.secperf.result.GateCategory.SECURITY,
                io.secperf.result.GateCategory.PERFORMANCE);
        assertThat(gates.gates()).noneMatch(g -> g.optional());
    }

    @Test
    void anEmptyJtlFailsEveryPerformanceGate() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jtl"), JtlCsvWriter.HEADER + "\n");
        CliOutcome outcome = secperf("gate", "--result", empty.toString(), "--gates", "errors < 1%; samples >= 0",
                "--out", dir.resolve("out").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.GATES_FAILED.code());
        assertThat(outcome.out()).contains("errors not measured: the run has no samples",
                "samples not measured: the run has no samples");
    }

    @Test
    void anUnwritableOutputIsAnInfrastructureError() throws Exception {
        Path jtl = jtl("r.jtl", 10, 10, 0);
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliOutcome outcome = secperf("gate", "--result", jtl.toString(), "--gates", "p95 < 1s", "--out",
                file.resolve("sub").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
    }
}
