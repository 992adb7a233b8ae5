package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf scan fuzz} against a loopback server that answers every request with a server error. */
class FuzzScanCommandTest {

    @TempDir
    Path dir;

    @Test
    void serverErrorsBecomeFindingsWithTheSeedAndMeasurements() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "internal error".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            Path config = Files.writeString(dir.resolve("security.yaml"), """
                    target:
                      url: http://127.0.0.1:%d/
                      requestTimeout: 5s
                    fuzz:
                      seed: 42
                      iterations: 5
                      timeBudget: 20s
                      raw: false
                    """.formatted(server.getAddress().getPort()));
            Path out = dir.resolve("out");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int code;
            PrintStream previous = System.out;
            try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
                System.setOut(o);
                code = Secperf.execute(o, e, "scan", "fuzz", "--config", config.toString(), "--out", out.toString());
            } finally {
                System.setOut(previous);
            }
            String text = stdout.toString(StandardCharsets.UTF_8);
            assertThat(code).as("FUZZ-5XX is HIGH, not critical: " + text + stderr.toString(StandardCharsets.UTF_8))
                    .isZero();
            assertThat(text).contains("fuzz seed 42", "FUZZ-5XX");
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.findings()).extracting(Finding::id).contains("FUZZ-5XX");
            assertThat(Files.readString(out.resolve("secperf-security.json"))).contains("\"fuzz\"",
                    "fuzz.serverErrors");
        } finally {
            server.stop(0);
        }
    }
}
