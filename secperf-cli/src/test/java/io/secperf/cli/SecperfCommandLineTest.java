package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end in this JVM: real JMeter runs against a loopback server, real files. */
class SecperfCommandLineTest {

    @TempDir
    Path dir;


    static Path plan(String name) {
        try {
            return Path.of(SecperfCommandLineTest.class.getResource("/plans/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runWritesResultSummaryAndJtlThatIngestsToTheSameCounts() throws IOException {
        Path out = dir.resolve("out");
        Path jtl = dir.resolve("samples.jtl");
        try (TestTarget target = new TestTarget()) {
            CliOutcome run = secperf("run", "--plan", plan("two-labels.jmx").toString(), "--target",
                    target.uri().toString(), "-Jthreads=3", "-Jloops=7", "-Japi.password=hunter2", "--out",
                    out.toString(), "--jtl", jtl.toString(), "--progress", "none");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("home", "api", "TOTAL").doesNotContain("hunter2");
        }
        Path resultFile = out.resolve("secperf-result.json");
        ResultDocument document = ResultDocuments.read(resultFile);
        assertThat(document.status().state()).isEqualTo(RunState.COMPLETE);
        assertThat(document.result().overall().count()).isEqualTo(3 * 7 * 2);
        assertThat(document.result().label("home").count()).isEqualTo(21);
        assertThat(document.run().properties()).containsEntry("api.password", "****").containsEntry("loops", "7");
        assertThat(Files.readString(resultFile)).doesNotContain("hunter2");
        assertThat(out.resolve("summary.txt")).content().contains("TOTAL");

        Path ingested = dir.resolve("ingested");
        CliOutcome ingest = secperf("ingest", jtl.toString(), "--out", ingested.toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
        ResultDocument fromJtl = ResultDocuments.read(ingested.resolve("secperf-result.json"));
        assertThat(fromJtl.result().overall().count()).isEqualTo(42);
        assertThat(fromJtl.result().label("api").count()).isEqualTo(21);
        assertThat(fromJtl.result().overall().p95Ms()).isEqualTo(document.result().overall().p95Ms());
    }

    @Test
    void missingPlanIsAnInputError() {
        CliOutcome outcome = secperf("run", "--plan", dir.resolve("nope.jmx").toString(), "--out", dir.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).startsWith("secperf: error: ").contains("nope.jmx");
        assertThat(outcome.err().lines().count()).isEqualTo(1);
    }

    @Test
    void malformedPlanIsAnInputErrorNamingTheFile() throws IOException {
        Path bad = dir.resolve("bad.jmx");
        Files.writeString(bad, "<jmeterTestPlan><hashTree><TestPlan></hashTree>");
        CliOutcome outcome = secperf("run", "--plan", bad.toString(), "--out", dir.resolve("o").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).contains("bad.jmx");
    }

    @Test
    void unknownTemplateListsTheAvailableOnes() {
        CliOutcome outcome = secperf("run", "--template", "nope", "--out", dir.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).contains("unknown template 'nope'").contains("login-flow");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(secperf("run").code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(secperf("frobnicate").code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        CliOutcome badTarget = secperf("run", "--plan", plan("two-labels.jmx").toString(), "--target", "ftp://x",
                "--out", dir.toString());
        assertThat(badTarget.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(badTarget.err()).contains("--target must be an http or https URL");
        assertThat(secperf("run", "--plan", plan("two-labels.jmx").toString(), "--duration", "0").code())
                .isEqualTo(ExitCode.USAGE_OR_INPUT.code());
    }

    @Test
    void unreachableTargetIsAnInfrastructureError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliOutcome outcome = secperf("run", "--plan", plan("two-labels.jmx").toString(), "--target",
                "http://127.0.0.1:" + closedPort, "--out", dir.resolve("o").toString(), "--progress", "none");
        assertThat(outcome.code()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
        assertThat(outcome.err()).contains("unreachable").contains(Integer.toString(closedPort));
    }

    @Test
    void unwritableOutputDirectoryFailsBeforeAnyLoad() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliOutcome outcome = secperf("run", "--plan", plan("two-labels.jmx").toString(), "--out",
                file.resolve("sub").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
        assertThat(outcome.err()).contains("not writable");
    }

    @Test
    void ingestOfGarbageRowsWritesTheValidOnesAndSaysHowManyWereSkipped() throws IOException {
        Path jtl = dir.resolve("mixed.jtl");
        List<String> lines = new ArrayList<>();
        lines.add("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
                + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect");
        for (int i = 0; i < 10; i++) {
            lines.add((1700000000000L + i * 100) + "," + (10 + i) + ",home,200,OK,t 1-1,text,true,,100,50,1,1,"
                    + "http://x/,5,0,1");
        }
        lines.add("this is not a row");
        lines.add("1700000005000,abc,home,200,OK,t 1-1,text,true,,100,50,1,1,http://x/,5,0,1");
        Files.write(jtl, lines);
        Path out = dir.resolve("out");

        CliOutcome strict = secperf("ingest", jtl.toString(), "--out", out.toString());
        assertThat(strict.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(strict.err()).contains("2 garbage rows skipped").contains("line 12");
        ResultDocument written = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(written.result().overall().count()).isEqualTo(10);
        assertThat(written.ingest().rowsSkipped()).isEqualTo(2);

        assertThat(secperf("ingest", jtl.toString(), "--out", out.toString(), "--lenient").code()).isZero();
    }

    @Test
    void ingestOfAMissingFileIsAnInputError() {
        CliOutcome outcome = secperf("ingest", dir.resolve("none.jtl").toString(), "--out", dir.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).contains("none.jtl");
    }

    @Test
    void versionAndHelpWork() {
        CliOutcome version = secperf("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("secperf").contains("JMeter 5.6.3");
        CliOutcome help = secperf("run", "--help");
        assertThat(help.out()).contains("--plan", "--template", "--target", "--duration", "-J");
    }
}
