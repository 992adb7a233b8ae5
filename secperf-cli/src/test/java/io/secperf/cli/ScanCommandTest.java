package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunState;
import io.secperf.result.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secperf scan tls} end to end against a real loopback HTTPS server with a self-signed certificate. */
class ScanCommandTest {

    private static SelfSignedHttpsServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new SelfSignedHttpsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    @Test
    void selfSignedCertificateIsCriticalExitOneWithFindingsInTableAndJson() throws IOException {
        Path out = dir.resolve("out");
        CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--out", out.toString());

        assertThat(scan.code()).as(scan.out() + scan.err()).isEqualTo(ExitCode.GATES_FAILED.code());
        assertThat(scan.err()).contains("critical finding", "CERT-SELF");
        assertThat(scan.out()).contains("CERT-SELF", "CRITICAL", "Self-signed certificate", "HSTS-MISSING",
                "TLSv1.2", "Grade T");

        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
        assertThat(document.findings()).filteredOn(f -> f.id().equals("CERT-SELF"))
                .extracting(Finding::severity).containsOnly(Severity.CRITICAL);
        assertThat(document.status().state()).isEqualTo(RunState.COMPLETE);
        assertThat(document.result().overall().count()).isEqualTo(1);
        assertThat(document.result().overall().errors()).isEqualTo(1);

        String security = Files.readString(out.resolve("secperf-result.json"));
        assertThat(security).contains("\"checks\"", "\"tls\"", "\"tls.grade\" : \"T\"", "\"tls.cert.trusted\" : \"false\"",
                "CERT-SELF");
    }

    @Test
    void trustingTheCertificateWithCaLeavesNoCriticalFindingExitZero() throws IOException {
        Path ca = server.writeCertificate(dir.resolve("ca.pem"));
        Path out = dir.resolve("trusted");
        CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--ca", ca.toString(),
                "--profile", "intermediate", "--out", out.toString());

        assertThat(scan.code()).as(scan.out() + scan.err()).isZero();
        assertThat(scan.out()).doesNotContain("CERT-SELF").contains("HSTS-MISSING");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.findings()).extracting(Finding::severity).doesNotContain(Severity.CRITICAL);
        assertThat(document.result().overall().errors()).isZero();
    }

    @Test
    void unreachablePortExitsFive() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + port, "--out", dir.resolve("down").toString());
        assertThat(scan.code()).as(scan.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
        assertThat(scan.err()).contains("unreachable").hasLineCount(1);
    }

    @Test
    void badUsageExitsFour() {
        assertThat(secperf("scan", "tls", "127.0.0.1:99999").code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(secperf("scan", "tls", "::1:443").code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(secperf("scan", "tls", "127.0.0.1:443", "--profile", "paranoid").err())
                .contains("modern, intermediate, old");
        assertThat(secperf("scan", "tls", "127.0.0.1:443", "--ca", dir.resolve("missing.pem").toString()).code())
                .isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(secperf("scan").code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
    }

    @Test
    void httpsUrlWithAHostNameIsAnEndpoint() throws IOException {
        // failed before: "write IPv6 addresses in brackets", exit 4
        Path ca = server.writeCertificate(dir.resolve("ca.pem"));
        CliOutcome scan = secperf("scan", "tls", "https://localhost:" + server.port() + "/health", "--ca",
                ca.toString(), "--out", dir.resolve("url").toString());
        assertThat(scan.code()).as(scan.out() + scan.err()).isZero();
        assertThat(scan.out()).contains("TLS scan of localhost:" + server.port(), "TLSv1.3");

        CliOutcome plain = secperf("scan", "tls", "http://localhost:" + server.port());
        assertThat(plain.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(plain.err()).contains("a http:// URL has no TLS to probe");
        CliOutcome credentials = secperf("scan", "tls", "https://ops:hunter2@localhost:" + server.port()
                + "/?token=s3cret");
        assertThat(credentials.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(credentials.err()).contains("holds credentials").doesNotContain("hunter2", "s3cret");
    }

    @Test
    void jsonFormatCarriesEverythingTheTablesShow() throws Exception {
        Path ca = server.writeCertificate(dir.resolve("ca.pem"));
        Path out = dir.resolve("json");
        CliOutcome text = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--ca", ca.toString(),
                "--out", dir.resolve("text").toString());
        CliOutcome json = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--ca", ca.toString(),
                "--format", "json", "--out", out.toString());
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.err()).contains("result: ", "tls report: ");

        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("format").asText()).isEqualTo("secperf-tls-report");
        assertThat(root.path("grade").path("provisional").asBoolean(true)).isFalse();
        assertThat(root.path("complete").asBoolean()).isTrue();
        // every suite row of the text table is in the JSON, by protocol, IANA name and id
        java.util.Set<String> textSuites = new java.util.TreeSet<>();
        for (String line : text.out().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length > 3 && cells[0].startsWith("TLSv") && cells[1].startsWith("0x")) {
                textSuites.add(cells[0] + " " + cells[1] + " " + cells[2]);
            }
        }
        java.util.Set<String> jsonSuites = new java.util.TreeSet<>();
        for (JsonNode p : root.path("protocols")) {
            for (JsonNode suite : p.path("suites")) {
                jsonSuites.add(p.path("version").asText() + " " + suite.path("id").asText() + " "
                        + suite.path("name").asText());
            }
        }
        assertThat(textSuites).isNotEmpty();
        assertThat(jsonSuites).isEqualTo(textSuites);
        JsonNode leaf = root.path("certificate").path("leaf");
        assertThat(leaf.path("keyAlgorithm").asText()).isEqualTo("RSA");
        assertThat(leaf.path("keyBits").asInt()).isEqualTo(2048);
        assertThat(leaf.path("signatureAlgorithm").asText()).isEqualTo("SHA256withRSA");
        assertThat(text.out()).contains(leaf.path("notBefore").asText(), leaf.path("notAfter").asText());
        assertThat(root.path("certificate").path("chain")).hasSize(1);
        assertThat(root.path("certificate").path("chainStatus").asText()).isEqualTo("TRUSTED");
        assertThat(root.path("hsts").path("status").asText()).isEqualTo("MISSING");
        assertThat(root.path("handshake").path("medianMs").asDouble()).isPositive();
        assertThat(root.path("findings").findValuesAsText("id")).contains("HSTS-MISSING");
        assertThat(root.path("measurements").path("tls.grade.provisional").asText()).isEqualTo("false");
        assertThat(Files.readString(out.resolve("tls-report.json")).strip()).isEqualTo(json.out().strip());

        assertThat(secperf("scan", "tls", "127.0.0.1:1", "--format", "yaml").err()).contains("not text or json");
    }

    @Test
    void plainHttpPortSaysNotTlsOnce() throws IOException {
        // failed before: grade F, TLS-NONE (exit 1) and "refused: record of 20291 bytes" for each of five versions
        // answers anything with 400, as nginx does on a plain HTTP port
        ServerSocket http = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread answering = new Thread(() -> {
            while (!http.isClosed()) {
                try (java.net.Socket s = http.accept()) {
                    s.setSoTimeout(2000);
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // next connection
                }
            }
        });
        answering.setDaemon(true);
        answering.start();
        try {
            int port = http.getLocalPort();
            CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + port, "--out", dir.resolve("plain").toString());
            assertThat(scan.code()).as(scan.out() + scan.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
            assertThat(scan.err()).hasLineCount(1)
                    .contains("127.0.0.1:" + port + " is not TLS: the server answered in plain HTTP");
            assertThat(scan.out()).doesNotContain("Grade", "refused");
        } finally {
            http.close();
        }
    }
}
