package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.TestPki.Issued;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that cannot answer eight connections at once: {@code openssl s_server} (one connection at a time; with
 * {@code -client_renegotiation} the renegotiation check holds it for about ten seconds), the same behind a slow
 * proxy, and behind a proxy that accepts only a few connections per second. A hello that got no answer is not a
 * refusal: the probe must give exactly the protocols and suites sslscan gives (sslscan scans the server directly,
 * one connection at a time), never TLS-NONE, and a final grade.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyServerCrossCheckTest {

    @TempDir
    Path dir;

    Issued root;

    @BeforeAll
    void pki() {
        ServerProcess.requireTool("sslscan", "sslscan");
        root = TestPki.selfSigned(TestPki.spec().cn("busy servers private CA").keys(TestPki.EC_A).ca());
    }

    /** The reported case: TLS 1.2 + 1.3, ECDHE + AEAD, client renegotiation on, certificate from a private CA. */
    @Test
    void singleConnectionServerWithClientRenegotiation() throws Exception {
        try (ServerProcess s = server("reneg", "-client_renegotiation")) {
            TlsReport r = compare(s.port, probe(s.port).build());
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
            assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.VULNERABLE);
            assertThat(r.hasFinding("RENEG-CLIENT")).isTrue();
            assertThat(r.grade().letter()).isEqualTo("A");
        }
    }

    @Test
    void singleConnectionServerTls12Only() throws Exception {
        try (ServerProcess s = server("tls12", "-tls1_2", "-client_renegotiation")) {
            TlsReport r = compare(s.port, probe(s.port).build());
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2);
        }
    }

    @Test
    void singleConnectionServerTls13Only() throws Exception {
        try (ServerProcess s = server("tls13", "-tls1_3")) {
            TlsReport r = compare(s.port, probe(s.port).build());
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_3);
            assertThat(r.certificate()).as("from the JDK handshake").isNotNull();
        }
    }

    /** One connection at a time, 300 ms each: eight at once wait up to 2.4 s, longer than the 1 s read timeout. */
    @Test
    void slowSingleConnectionServer() throws Exception {
        try (ServerProcess s = server("slow");
             ThrottlingProxy proxy = ThrottlingProxy.slow(s.port, 300)) {
            TlsReport r = compareVia(s.port, proxy.port(), probe(proxy.port())
                    .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)).build());
            assertThat(r.notes()).as("the probe backed off").anyMatch(n -> n.contains("parallel connections"));
        }
    }

    /** Two new connections a second: the probe's first wave waits longer than its 3 s read timeout. */
    @Test
    void serverThatLimitsHandshakesPerSecond() throws Exception {
        try (ServerProcess s = server("rate");
             ThrottlingProxy proxy = ThrottlingProxy.rateLimited(s.port, 2)) {
            compareVia(s.port, proxy.port(), probe(proxy.port()).build());
        }
    }

    private ServerProcess server(String name, String... args) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.EC_C));
        Path cert = TestPki.writeCertificates(d.resolve("leaf.pem"), leaf.certificate());
        Path key = TestPki.writeKey(d.resolve("key.pem"), leaf.key());
        return ServerProcess.openssl(d, cert, key, args);
    }

    private TlsProbe.Builder probe(int port) {
        return TlsProbe.builder("127.0.0.1", port).serverName("localhost").trustAnchors(List.of(root.certificate()))
                .budget(Duration.ofSeconds(90));
    }

    private TlsReport compare(int port, TlsProbe probe) throws Exception {
        return compareVia(port, port, probe);
    }

    /** sslscan on the server itself, the probe through {@code probePort}: same protocols, same suites. */
    private TlsReport compareVia(int serverPort, int probePort, TlsProbe probe) throws Exception {
        long start = System.nanoTime();
        TlsReport r = probe.run();
        long probeMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(TlsScanReport.render(r));
        Sslscan.Scan scan = Sslscan.scan(serverPort, "localhost");
        System.out.printf(Locale.ROOT, "port %d via %d: probe %d ms (%d handshakes), sslscan %d ms%n", serverPort,
                probePort, probeMillis, r.handshakes(), scan.wallMillis());

        assertThat(r.findings()).extracting(f -> f.id()).doesNotContain("TLS-NONE", "TLS-PROBE-INCOMPLETE");
        Set<String> ours = r.acceptedVersions().stream().map(TlsVersion::displayName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ours).as("accepted protocols").isEqualTo(scan.protocols());
        assertThat(Sslscan.suitesOf(r)).as("accepted suites per protocol (IANA ids)").isEqualTo(scan.suites());
        assertThat(r.complete()).isTrue();
        assertThat(r.grade().provisional()).isFalse();
        assertThat(r.grade().letter()).isNotEqualTo("F");
        return r;
    }
}
