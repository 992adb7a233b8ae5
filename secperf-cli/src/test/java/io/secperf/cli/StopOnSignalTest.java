package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stopped run keeps its whole report (issue 9): SIGINT and SIGTERM (Ctrl-C, CI cancellation, Jenkins' abort) stop
 * the run and still write the result, JTL, charts, report and JUnit XML, all saying the run was partial and why; a
 * SIGKILLed run's leftovers are removed by the next run; two runs never share an output directory. Real processes,
 * real signals.
 */
@Tag("slow")
class StopOnSignalTest {

    @TempDir
    Path dir;

    private static boolean loadRunning(String line) {
        return line.startsWith("progress ") && !line.contains("samples 0 ");
    }

    private ForkedSecperf endlessRun(TestTarget target, Path out, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--plan",
                SecperfCommandLineTest.plan("endless.jmx").toString(), "--target", target.uri().toString(),
                "--out", out.toString(), "--progress", "plain"));
        args.addAll(List.of(extra));
        return ForkedSecperf.start("512m", dir, args);
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheRunAndEveryOutputIsWrittenAndSaysPartial(String signal, int exitCode) throws Exception {
        // before: the result said PARTIAL but report.html was missing ("could not write the report (Shutdown in
        // progress)": ImageIO's disk cache during JVM shutdown) and the console said "verdict: PASSED" only
        Path out = dir.resolve("out");
        try (TestTarget target = new TestTarget();
             ForkedSecperf secperf = endlessRun(target, out, "--jtl", out.resolve("samples.jtl").toString(),
                     "--gates", "p95 < 10s")) {
            assertThat(secperf.awaitLine(StopOnSignalTest::loadRunning, 90)).as(secperf.output()).isTrue();
            secperf.signal(signal);
            assertThat(secperf.exitCode(90)).as(secperf.output()).isEqualTo(exitCode);
            String output = secperf.output();
            assertThat(output).contains("(PARTIAL run: stopped by SIG" + signal + " after ")
                    .contains("report: " + out.resolve("report.html")).doesNotContain("could not write");

            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.status().state()).isEqualTo(RunState.PARTIAL);
            assertThat(document.status().reason()).startsWith("stopped by SIG" + signal + " after ");
            assertThat(document.result().overall().count()).isPositive();
            assertThat(document.verdict()).isNotNull();
            assertThat(Files.readString(out.resolve("report.html"))).contains("(partial run)")
                    .contains("stopped by SIG" + signal);
            assertThat(out.resolve("charts/run-latency-throughput.png")).isNotEmptyFile();
            assertThat(out.resolve("secperf-gates.xml")).isNotEmptyFile();
            assertThat(Files.readAllLines(out.resolve("samples.jtl")).size() - 1L)
                    .isEqualTo(document.result().overall().count());
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.endsWith(".partial") || name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void aSecondRunOnTheSameOutputRefusesNamingTheFirstAndAKilledRunsLeftoversAreRemoved() throws Exception {
        Path out = dir.resolve("out");
        try (TestTarget target = new TestTarget()) {
            long firstPid;
            try (ForkedSecperf first = endlessRun(target, out, "--jtl", out.resolve("samples.jtl").toString())) {
                firstPid = first.pid();
                assertThat(first.awaitLine(StopOnSignalTest::loadRunning, 90)).as(first.output()).isTrue();

                // before: the second run ran too, the last writer won silently and jmeter.log mixed both runs
                CliOutcome second = CliOutcome.secperf("run", "--plan",
                        SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target", target.uri().toString(),
                        "--out", out.toString(), "--progress", "none");
                assertThat(second.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
                assertThat(second.err()).contains("output directory " + out + " is in use by another secperf run "
                        + "(PID " + firstPid + ")");

                first.signal("KILL");
                first.exitCode(30);
            }
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(name -> name.startsWith(".samples.jtl." + firstPid + "-") && name.endsWith(".partial"));
            }

            // before: the 0-byte .samples.jtl.<n>.partial of the killed run stayed for ever
            CliOutcome next = CliOutcome.secperf("run", "--plan",
                    SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target", target.uri().toString(),
                    "--out", out.toString(), "--jtl", out.resolve("samples.jtl").toString(), "--progress", "none");
            assertThat(next.code()).as(next.err()).isZero();
            assertThat(next.out()).contains("was locked by PID " + firstPid + ", which no longer runs; taking it over")
                    .contains("removed 1 unfinished file(s) an earlier, killed run left: .samples.jtl." + firstPid);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.endsWith(".partial") || name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void aJtlThatCannotBeWrittenFailsTheRunAndNothingPointsAtTheOldFile() throws Exception {
        // a real full disk: a 16 KiB tmpfs (needs root, as in the project's CI container; skipped elsewhere)
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root");
        try {
            Path jtl = Files.writeString(small.resolve("samples.jtl"), "old run\n");
            // before: exit 0 and "jtl: <path>" naming the previous run's file
            try (TestTarget target = new TestTarget()) {
                CliOutcome outcome = CliOutcome.secperf("run", "--plan",
                        SecperfCommandLineTest.plan("two-labels.jmx").toString(), "--target", target.uri().toString(),
                        "-Jloops=400", "--out", dir.resolve("out").toString(), "--jtl", jtl.toString(),
                        "--progress", "none");
                assertThat(outcome.code()).as(outcome.out()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
                assertThat(outcome.err()).contains("secperf: error: writing JTL " + jtl + " failed: No space left");
                assertThat(outcome.out()).doesNotContain("jtl:    ");
            }
            assertThat(Files.readString(jtl)).isEqualTo("old run\n");
            try (Stream<Path> files = Files.list(small)) {
                assertThat(files).containsExactly(jtl);
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }
}
