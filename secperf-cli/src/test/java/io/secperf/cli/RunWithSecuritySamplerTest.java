package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf run} with a plan whose setUp thread group holds the TLS probe sampler: findings land in the files. */
class RunWithSecuritySamplerTest {

    @TempDir
    Path dir;

    @Test
    void preflightFindingsAndMeasurementsLandInTheResultDocumentAndDriveSecurityGates() throws Exception {
        Path out = dir.resolve("out");
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
                    "--gates", "errors(label=\"home\") < 1%; tls.grade >= A");
        } finally {
            System.setOut(previous);
        }
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err).isEqualTo(ExitCode.GATES_FAILED.code());

        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().label("TLS preflight").count()).isEqualTo(1);
        assertThat(document.result().label("TLS preflight").errors()).isEqualTo(1);
        assertThat(document.result().label("home").count()).isEqualTo(2);
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
        assertThat(document.security().checks()).containsExactly("tls");
        assertThat(document.security().measurements()).containsEntry("tls.grade", "T");
        assertThat(document.gates()).extracting(g -> g.status().name()).containsExactly("PASSED", "FAILED");
        assertThat(document.verdict().validatedBoth()).isFalse();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("tls.grade");
    }
}
