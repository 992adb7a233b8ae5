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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf run} with a plan whose setUp thread group holds the TLS probe sampler: findings land in the files. */
class RunWithSecuritySamplerTest {

    @TempDir
    Path dir;

    @Test
    void preflightFindingsLandInTheResultDocumentAndTheSecurityFile() throws Exception {
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
                    "https://127.0.0.1:" + server.port() + "/", "--out", out.toString(), "--progress", "none");
        } finally {
            System.setOut(previous);
        }
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err).isZero();

        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().label("TLS preflight").count()).isEqualTo(1);
        assertThat(document.result().label("TLS preflight").errors()).isEqualTo(1);
        assertThat(document.result().label("home").count()).isEqualTo(2);
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
        assertThat(Files.readString(out.resolve("secperf-security.json")))
                .contains("\"tls\"", "\"tls.grade\" : \"T\"", "CERT-SELF");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("security: ");
    }
}
