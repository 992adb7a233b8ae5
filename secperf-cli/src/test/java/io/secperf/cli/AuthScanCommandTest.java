package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf scan auth} against real loopback servers: one that serves a protected path to anybody. */
class AuthScanCommandTest {

    @TempDir
    Path dir;


    private Path config(int port) throws IOException {
        return Files.writeString(dir.resolve("security.yaml"), """
                target:
                  url: http://127.0.0.1:%d/
                  requestTimeout: 5s
                auth:
                  protectedEndpoints:
                    - GET /api/items
                """.formatted(port));
    }

    @Test
    void protectedEndpointServedWithoutCredentialsIsACriticalBypassExitOne() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            byte[] body = "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            Path out = dir.resolve("out");
            CliOutcome scan = secperf("scan", "auth", "--config", config(server.getAddress().getPort()).toString(),
                    "--out", out.toString());
            assertThat(scan.code()).as(scan.out() + scan.err()).isEqualTo(ExitCode.GATES_FAILED.code());
            assertThat(scan.out()).contains("AUTH-BYPASS", "CRITICAL");
            assertThat(scan.err()).contains("AUTH-BYPASS");
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.findings()).filteredOn(f -> f.id().equals("AUTH-BYPASS"))
                    .extracting(Finding::severity).containsOnly(Severity.CRITICAL);
            assertThat(Files.readString(out.resolve("secperf-result.json"))).contains("\"auth\"", "auth.bypass");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badConfigExitsFourAndUnreachableTargetExitsFive() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "target: [unclosed\n");
        CliOutcome invalid = secperf("scan", "auth", "--config", bad.toString(), "--out", dir.resolve("o1").toString());
        assertThat(invalid.code()).as(invalid.err()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliOutcome down = secperf("scan", "auth", "--config", config(port).toString(), "--out",
                dir.resolve("o2").toString());
        assertThat(down.code()).as(down.out() + down.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
    }

    @Test
    void aUrlInAnErrorNeverRepeatsItsQueryValues() throws IOException {
        Path bad = Files.writeString(dir.resolve("query.yaml"), "target:\n  url: https://host.example/?token=Qy7-s3cr3t-t0k3n\n");
        CliOutcome invalid = secperf("scan", "fuzz", "--config", bad.toString(), "--out", dir.resolve("o3").toString());
        assertThat(invalid.code()).as(invalid.err()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(invalid.err()).contains("query.yaml:2:").contains("must not have a query")
                .contains("https://host.example/?token=****").doesNotContain("s3cr3t");

        CliOutcome target = secperf("run", "--template", "rest-api-baseline", "--target",
                "ftp://alice:pa55-w0rd@host.example/?key=Qy7-s3cr3t-t0k3n", "--out", dir.resolve("o4").toString());
        assertThat(target.code()).as(target.err()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(target.err()).contains("--target must be an http or https URL").doesNotContain("s3cr3t")
                .doesNotContain("pa55-w0rd");
    }
}
