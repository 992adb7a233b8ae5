package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.TestPki.Issued;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe and Debian's sslscan must agree on the same servers: accepted protocols, accepted suites per protocol
 * (by IANA id), RFC 5746 support and the leaf certificate facts. Only OpenSSL-based servers are used, because
 * sslscan enumerates with the system OpenSSL and cannot see what it does not implement (SSLv3, 3DES, RC4 here).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SslscanCrossCheckTest {

    @TempDir
    Path dir;

    Issued root;

    @BeforeAll
    void pki() {
        ServerProcess.requireTool(io.secperf.testsupport.SystemTool.SSLSCAN);
        root = TestPki.selfSigned(TestPki.spec().cn("crosscheck root").keys(TestPki.RSA_2048).ca());
    }

    @Test
    void everythingOpenSslCanNegotiateFromTls10To13() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.RSA_2048_B));
        try (ServerProcess s = server("all", leaf, "-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
                "-min_protocol", "TLSv1")) {
            compare(s.port, 40);
        }
    }

    @Test
    void defaultOpenSslWithEcdsaCertificate() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.EC_C));
        try (ServerProcess s = server("default", leaf)) {
            compare(s.port, 10);
        }
    }

    @Test
    void nginxMozillaIntermediate() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.EC_C));
        Path d = Files.createDirectories(dir.resolve("nginx"));
        Path chain = TestPki.writeCertificates(d.resolve("chain.pem"), leaf.certificate());
        Path key = TestPki.writeKey(d.resolve("key.pem"), leaf.key());
        try (ServerProcess s = ServerProcess.nginx(d, chain, key, "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "
                + TlsServerMatrixTest.MOZILLA_INTERMEDIATE_CIPHERS + ";", "max-age=63072000")) {
            compare(s.port, 4);
        }
    }

    @Test
    void tls10OnlyWithExpiredSelfSignedCertificate() throws Exception {
        Instant now = Instant.now();
        Issued leaf = TestPki.selfSigned(TestPki.spec().keys(TestPki.RSA_2048_B)
                .valid(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))));
        try (ServerProcess s = server("tls10", leaf, "-cipher", "DEFAULT:@SECLEVEL=0", "-tls1")) {
            Sslscan.Scan scan = compare(s.port, 5);
            assertThat(scan.selfSigned()).isTrue();
            assertThat(scan.expired()).isTrue();
        }
    }

    private ServerProcess server(String name, Issued leaf, String... args) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Path cert = TestPki.writeCertificates(d.resolve("leaf.pem"), leaf.certificate());
        Path key = TestPki.writeKey(d.resolve("key.pem"), leaf.key());
        return ServerProcess.openssl(d, cert, key, args);
    }

    /** Probes and scans the same port and asserts agreement; returns the scan for extra checks. */
    private Sslscan.Scan compare(int port, int minSuites) throws Exception {
        Sslscan.Scan scan = Sslscan.scan(port, null);
        long start = System.nanoTime();
        TlsReport report = TlsProbe.builder("127.0.0.1", port).trustAnchors(List.of(root.certificate()))
                .budget(Duration.ofSeconds(90)).build().run();
        long probeMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "port %d: sslscan %d ms, probe %d ms (%d handshakes)%n", port,
                scan.wallMillis(), probeMillis, report.handshakes());

        Set<String> ours = report.acceptedVersions().stream().map(TlsVersion::displayName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ours).as("accepted protocols").isEqualTo(scan.protocols());

        Map<String, Set<Integer>> ourSuites = new TreeMap<>();
        for (ProtocolSupport p : report.protocols()) {
            if (p.accepted()) {
                ourSuites.put(p.version().displayName(), p.suites().stream().map(s -> s.suite().id())
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(ourSuites).as("accepted suites per protocol (IANA ids)").isEqualTo(scan.suites());
        assertThat(ourSuites.values().stream().mapToInt(Set::size).sum()).isGreaterThanOrEqualTo(minSuites);

        // sslscan reads renegotiation support on a connection at the highest version; with TLS 1.3 that is
        // always "not supported", so RFC 5746 is comparable only when TLS 1.3 is off
        if (!report.acceptedVersions().contains(TlsVersion.TLS_1_3)) {
            assertThat(report.secureRenegotiation() == TlsReport.SecureRenegotiation.SUPPORTED)
                    .as("RFC 5746").isEqualTo(scan.secureRenegotiation());
        }
        CertificateReport cert = report.certificate();
        assertThat(cert).isNotNull();
        assertThat(cert.leaf().selfSigned()).as("self-signed").isEqualTo(scan.selfSigned());
        assertThat(cert.expired()).as("expired").isEqualTo(scan.expired());
        boolean ec = keyType(scan.keyType()).equals("EC");
        assertThat(cert.leaf().keyBits()).as("key bits (sslscan gives EC keys in security bits, half the field)")
                .isEqualTo(ec ? 2 * scan.keyBits() : scan.keyBits());
        assertThat(keyType(cert.leaf().keyAlgorithm())).as("key type").isEqualTo(keyType(scan.keyType()));
        assertThat(hashAndKey(cert.leaf().signatureAlgorithm())).as("signature algorithm")
                .isEqualTo(hashAndKey(scan.signatureAlgorithm()));
        return scan;
    }

    private static String keyType(String t) {
        String u = t.toUpperCase(Locale.ROOT);
        return u.startsWith("EC") ? "EC" : u;
    }

    /** sha256WithRSAEncryption / SHA256withRSA / ecdsa-with-SHA256 / SHA256withECDSA to "sha256+rsa" style. */
    private static String hashAndKey(String algorithm) {
        String a = algorithm.toLowerCase(Locale.ROOT).replace("-", "");
        String hash = a.replaceAll(".*?(sha\\d+|md5).*", "$1");
        String key = a.contains("ecdsa") ? "ecdsa" : a.contains("rsa") ? "rsa" : a.contains("dsa") ? "dsa" : a;
        return hash + "+" + key;
    }
}
