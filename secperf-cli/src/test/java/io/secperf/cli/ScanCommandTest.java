package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
