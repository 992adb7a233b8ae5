package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.ServerLogScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secperf run} with a plan whose setUp thread group holds the TLS probe sampler: findings land in the files,
 * the probe is not counted as traffic, and the post-test analysis (with a server log scan) is in the document and
 * the report.
 */
class RunWithSecuritySamplerTest {

    @TempDir
    Path dir;

    @Test
    void preflightFindingsAndMeasurementsLandInTheResultDocumentAndDriveSecurityGates() throws Exception {
        Path out = dir.resolve("out");
        // --server-log globs are relative to the working directory (the module directory under Maven)
        Path logs = Files.createDirectories(Path.of("target", "server-logs-" + System.nanoTime()));
        Files.writeString(logs.resolve("app.log"), "INFO start\njava.lang.IllegalStateException: boom\n"
                + "\tat com.example.App.run(App.java:1)\nWARN login failed password=hunter2\n");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        PrintStream previous = System.out;
        try (SelfSignedHttpsServer server = new SelfSignedHttpsServer();
             PrintStream outStream = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            System.setOut(outStream);
            code = Secperf.execute(outStream, errStream, "run", "--plan",
                    SecperfCommandLineTest.plan("tls-preflight.jmx").toString(), "--target",
                    "https://127.0.0.1:" + server.port() + "/", "--out", out.toString(), "--progress", "none",
                    "--gates", "errors(label=\"home\") < 1%; tls.grade >= A",
                    "--server-log", logs.toString().replace('\\', '/') + "/*.log");
        } finally {
            System.setOut(previous);
        }
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err).isEqualTo(ExitCode.GATES_FAILED.code());

        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().label("TLS preflight")).as("a check, not traffic").isNull();
        assertThat(document.result().label("home").count()).isEqualTo(2);
        assertThat(document.result().overall().count()).isEqualTo(2);
        ServerLogScan scan = document.security().analysis().serverLogs();
        assertThat(scan.stackTraces()).isEqualTo(1);
        assertThat(scan.authFailures()).isEqualTo(1);
        assertThat(String.join("\n", scan.evidence())).contains("IllegalStateException").doesNotContain("hunter2");
        assertThat(document.security().measurements()).containsEntry("posttest.serverLog.stackTraces", "1")
                .containsEntry("posttest.connectionResets", "0");
        assertThat(document.findings()).extracting(Finding::id).contains("posttest.server-stack-traces");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("<section id=\"posttest\">", "server log: stack traces")
                .doesNotContain("hunter2");
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
        assertThat(document.security().checks()).containsExactly("tls");
        assertThat(document.security().measurements()).containsEntry("tls.grade", "T");
        assertThat(document.gates()).extracting(g -> g.status().name()).containsExactly("PASSED", "FAILED");
        assertThat(document.verdict().validatedBoth()).isFalse();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("tls.grade");
    }

    @Test
    void aServerLogGlobOutsideTheWorkingDirectoryIsRefusedBeforeTheRun() {
        CliOutcome outcome = CliOutcome.secperf("run", "--plan",
                SecperfCommandLineTest.plan("tls-preflight.jmx").toString(), "--target", "https://127.0.0.1:1/",
                "--out", dir.resolve("out").toString(), "--progress", "none", "--server-log", "../*.log");
        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(outcome.err()).contains("--server-log", "escapes the base directory");
    }
}
