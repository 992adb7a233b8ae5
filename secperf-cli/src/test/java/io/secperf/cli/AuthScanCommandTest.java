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
    void aLockedOutUserMakesTheScanIncompleteEverywhereAndFindingsReadAsFindings() throws Exception {
        try (io.secperf.security.testing.VulnerableAuthApi api = new io.secperf.security.testing.VulnerableAuthApi()) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < io.secperf.security.testing.VulnerableAuthApi.LOCK_AFTER; i++) {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url() + "locking/login"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"alice\",\"password\":\"wrong\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
            System.setProperty("secperf.test.user", io.secperf.security.testing.VulnerableAuthApi.USER);
            System.setProperty("secperf.test.password", io.secperf.security.testing.VulnerableAuthApi.PASSWORD);
            Path yaml = Files.writeString(dir.resolve("locked.yaml"), """
                    target:
                      url: %s
                      requestTimeout: 5s
                    credentials:
                      username: property:secperf.test.user
                      password: property:secperf.test.password
                    auth:
                      login:
                        path: /locking/login
                        body: {username: "${username}", password: "${password}"}
                      protectedEndpoints: [GET /api/control, GET /api/open]
                    """.formatted(api.url()));
            Path out = dir.resolve("locked");
            CliOutcome scan = secperf("scan", "auth", "--config", yaml.toString(), "--out", out.toString());

            assertThat(scan.code()).as(scan.out() + scan.err()).isEqualTo(ExitCode.GATES_FAILED.code());
            // a verdict of findings, not an error: nothing failed to run
            assertThat(scan.err()).startsWith("secperf: FAILED: 1 critical finding").doesNotContain("error:");
            assertThat(scan.out()).contains("(INCOMPLETE)", "Note: no valid token", "423", "account is locked");
            String summary = Files.readString(out.resolve("summary.txt"));
            assertThat(summary).contains("0.00%", "security findings: 1, critical: AUTH-BYPASS",
                    "security: auth check INCOMPLETE: no valid token").doesNotContain("100.00%");
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.result().overall().errors()).isZero();
            assertThat(document.security().incomplete()).containsKey("auth");
            assertThat(document.security().notes()).anySatisfy(n -> assertThat(n.text()).contains("423"));
            assertThat(document.status().reason()).contains("auth check incomplete");
            assertThat(Files.readString(out.resolve("secperf-result.json")))
                    .doesNotContain(io.secperf.security.testing.VulnerableAuthApi.PASSWORD);
        } finally {
            System.clearProperty("secperf.test.user");
            System.clearProperty("secperf.test.password");
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
