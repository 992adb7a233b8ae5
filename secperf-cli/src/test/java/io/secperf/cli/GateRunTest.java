package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.secperf.result.GateStatus;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunState;
import io.secperf.result.VerdictStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf run --gates} with real JMeter against a loopback target that can be made slow. */
@Tag("slow")
class GateRunTest {

    @TempDir
    Path dir;

    @Test
    void aSlowTargetFlipsTheVerdictFromPassedToFailed() throws Exception {
        Path gates = Files.writeString(dir.resolve("gates.txt"), """
                p95 < 150ms
                errors < 1%
                samples >= 20
                tls.grade >= A optional
                """);
        try (TestTarget target = new TestTarget()) {
            String[] args = {"run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target",
                target.uri().toString(), "-Jthreads=2", "-Jloops=20", "--gates", gates.toString(), "--progress",
                "none", "--out", null};

            target.delayMillis = 5;
            args[args.length - 1] = dir.resolve("fast").toString();
            CliOutcome fast = secperf(args);
            assertThat(fast.code()).as(fast.out() + fast.err()).isZero();
            assertThat(fast.out()).contains("verdict: PASSED: 3 of 4 gates passed; 1 not evaluated");
            ResultDocument passed = ResultDocuments.read(dir.resolve("fast/secperf-result.json"));
            assertThat(passed.verdict().status()).isEqualTo(VerdictStatus.PASSED);
            assertThat(passed.gates()).hasSize(4);
            assertThat(dir.resolve("fast/secperf-gates.xml")).exists();

            // the first requests of a run are slow (class loading); 80 samples keep them above the 95th percentile
            target.delayMillis = 300;
            args[6] = "-Jloops=6";
            args[args.length - 1] = dir.resolve("slow").toString();
            CliOutcome slow = secperf(args);
            assertThat(slow.code()).as(slow.out() + slow.err()).isEqualTo(ExitCode.GATES_FAILED.code());
            ResultDocument failed = ResultDocuments.read(dir.resolve("slow/secperf-result.json"));
            assertThat(failed.verdict().status()).isEqualTo(VerdictStatus.FAILED);
            assertThat(failed.gates().get(0).status()).isEqualTo(GateStatus.FAILED);
            assertThat(failed.gates().get(0).message()).matches("p95 is 3\\d\\d ms, above 150 ms");
            assertThat(failed.gates().get(1).status()).isEqualTo(GateStatus.PASSED);
            assertThat(slow.out()).contains("FAILED        #1 p95 is 3");

            args[args.length - 1] = dir.resolve("relative").toString();
            CliOutcome relative = secperf("run", "--plan",
                    SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target", target.uri().toString(),
                    "-Jthreads=2", "-Jloops=3", "--gates", "p95 regression < 50%", "--reference", dir.toString(),
                    "--progress", "none", "--out", dir.resolve("relative").toString());
            assertThat(relative.code()).as(relative.out()).isEqualTo(ExitCode.GATES_FAILED.code());
            assertThat(relative.out()).contains("reference: " + dir.resolve("fast/secperf-result.json"));
        }
    }

    @Test
    void aStopGateEndsAHopelessRunEarly() throws Exception {
        try (TestTarget target = new TestTarget()) {
            target.delayMillis = 200;
            long start = System.nanoTime();
            CliOutcome outcome = secperf("run", "--plan",
                    SecperfCommandLineTest.plan("endless.jmx").toString(), "--target", target.uri().toString(),
                    "-Jthreads=2", "--duration", "60", "--gates", "errors < 1%\np95 < 100ms for 2s stop",
                    "--progress", "none", "--out", dir.resolve("out").toString());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(ExitCode.GATES_FAILED.code());
            assertThat(seconds).isLessThan(30);
            ResultDocument document = ResultDocuments.read(dir.resolve("out/secperf-result.json"));
            assertThat(document.status().state()).isEqualTo(RunState.PARTIAL);
            assertThat(document.status().reason()).startsWith("stopped early by gate 'p95 < 100ms for 2s stop' after ");
            assertThat(document.verdict().stoppedBy()).isEqualTo("p95 < 100ms for 2s stop");
            assertThat(document.gates().get(1).status()).isEqualTo(GateStatus.FAILED);
            assertThat(document.result().overall().count()).isPositive();
            assertThat(outcome.out()).contains("the load was stopped early by p95 < 100ms for 2s stop");
        }
    }

    @Test
    void theDemoEvaluatesGatesAndExitsWithTheVerdict() throws Exception {
        CliOutcome outcome = secperf("demo", "--duration", "3", "--threads", "2", "--gates",
                "errors < 5%; samples >= 1; tls.grade >= A optional", "--gates", "p99.9 < 1ms as unstable",
                "--progress", "none", "--out", dir.resolve("demo").toString());
        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(ExitCode.GATES_UNSTABLE.code());
        assertThat(outcome.out()).contains("verdict: UNSTABLE: 1 of 4 gates unstable: p99.9 < 1ms as unstable");
        ResultDocument document = ResultDocuments.read(dir.resolve("demo/secperf-result.json"));
        assertThat(document.verdict().status()).isEqualTo(VerdictStatus.UNSTABLE);
        assertThat(document.verdict().validatedBoth()).isFalse();
        assertThat(dir.resolve("demo/secperf-gates.xml")).exists();
    }

    @Test
    void aGateSyntaxErrorStopsBeforeAnyLoad() throws Exception {
        try (TestTarget target = new TestTarget()) {
            CliOutcome outcome = secperf("run", "--plan",
                    SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target", target.uri().toString(),
                    "--gates", "p95 < 800ms\nerrors < 1", "--progress", "none", "--out", dir.resolve("o").toString());
            assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
            assertThat(outcome.err()).isEqualTo("secperf: error: gates:2:10: errors is a percentage: write 1%\n"
                    + "  errors < 1\n           ^\n");
            assertThat(dir.resolve("o")).doesNotExist();
        }
    }
}
