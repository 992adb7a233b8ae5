package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.tls.TestPki.Issued;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The badssl-style matrix: real misconfigured servers on 127.0.0.1 (openssl s_server, nginx, a child JVM with
 * legacy algorithms enabled), each probed once, each verdict asserted. Certificates come from a throw-away PKI; the
 * probe trusts only its root.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsServerMatrixTest {

    static final String MOZILLA_INTERMEDIATE_CIPHERS = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305";

    @TempDir
    Path dir;

    Issued root;
    Issued intermediate;
    Issued otherRoot;
    private final List<ServerProcess> started = new ArrayList<>();

    @BeforeAll
    void pki() {
        root = TestPki.selfSigned(TestPki.spec().cn("secperf test root").keys(TestPki.RSA_2048).ca());
        intermediate = TestPki.issue(root, TestPki.spec().cn("secperf test intermediate").keys(TestPki.EC_A).ca());
        otherRoot = TestPki.selfSigned(TestPki.spec().cn("unknown root").keys(TestPki.EC_B).ca());
    }

    @AfterAll
    void stopAll() {
        started.forEach(ServerProcess::close);
    }

    /** Probes an OpenSSL-based server (s_server, nginx) and checks that sslscan sees the same protocols and suites. */
    TlsReport probe(ServerProcess server) throws Exception {
        TlsReport report = probeOnly(server);
        Sslscan.Scan scan = Sslscan.scan(server.port, "localhost");
        assertThat(report.acceptedVersions().stream().map(TlsVersion::displayName).collect(Collectors.toSet()))
                .as("accepted protocols, as sslscan sees them").isEqualTo(scan.protocols());
        assertThat(Sslscan.suitesOf(report)).as("accepted suites per protocol, as sslscan sees them")
                .isEqualTo(scan.suites());
        return report;
    }

    /** Probes without the sslscan comparison (servers with what OpenSSL, hence sslscan, cannot offer). */
    TlsReport probeOnly(ServerProcess server) throws Exception {
        TlsReport report = TlsProbe.builder("127.0.0.1", server.port).serverName("localhost")
                .trustAnchors(List.of(root.certificate())).timeouts(Duration.ofSeconds(3), Duration.ofSeconds(3))
                .budget(Duration.ofSeconds(90)).build().run();
        System.out.println(TlsScanReport.render(report));
        assertThat(report.complete()).as("probe finished within its limits").isTrue();
        assertThat(report.grade().provisional()).isFalse();
        return report;
    }

    ServerProcess keep(ServerProcess server) {
        started.add(server);
        return server;
    }

    /** [leaf and chain in one PEM, key, leaf only, chain without the leaf or null]. */
    Path[] files(String name, Issued leaf, X509Certificate... chain) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        X509Certificate[] all = new X509Certificate[chain.length + 1];
        all[0] = leaf.certificate();
        System.arraycopy(chain, 0, all, 1, chain.length);
        return new Path[] {TestPki.writeCertificates(d.resolve("fullchain.pem"), all),
                TestPki.writeKey(d.resolve("key.pem"), leaf.key()),
                TestPki.writeCertificates(d.resolve("leaf.pem"), leaf.certificate()),
                chain.length == 0 ? null : TestPki.writeCertificates(d.resolve("chain.pem"), chain)};
    }

    ServerProcess openssl(String name, Issued leaf, X509Certificate[] chain, String... args) throws IOException {
        Path[] f = files(name, leaf, chain);
        List<String> all = new ArrayList<>();
        if (f[3] != null) {
            all.add("-cert_chain");
            all.add(f[3].toString());
        }
        all.addAll(List.of(args));
        return keep(ServerProcess.openssl(dir.resolve(name), f[2], f[1], all.toArray(String[]::new)));
    }

    Issued leaf() {
        return TestPki.issue(intermediate, TestPki.spec());
    }

    static Set<String> ids(TlsReport r) {
        return r.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    static Severity severity(TlsReport r, String id) {
        return r.finding(id).orElseThrow(() -> new AssertionError("no " + id + " in " + ids(r))).severity();
    }

    @Test
    void wellConfiguredServerIsCleanGradeAAndMozillaIntermediate() throws Exception {
        Path[] f = files("good", leaf(), intermediate.certificate());
        try (ServerProcess nginx = keep(ServerProcess.nginx(dir.resolve("good"), f[0], f[1],
                "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + MOZILLA_INTERMEDIATE_CIPHERS + ";"
                        + " ssl_prefer_server_ciphers off; ssl_ecdh_curve X25519:prime256v1:secp384r1;",
                "max-age=63072000"))) {
            TlsReport r = probe(nginx);
            assertThat(r.findings()).isEmpty();
            assertThat(r.grade().letter()).isEqualTo("A+");
            assertThat(r.grade().caps()).isEmpty();
            assertThat(r.compliance().compliant()).as(r.compliance().violations().toString()).isTrue();
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
            assertThat(r.suites(TlsVersion.TLS_1_2)).extracting(CipherSuite::id)
                    .containsExactlyInAnyOrder(0xC02B, 0xC02C, 0xCCA9);
            assertThat(r.suites(TlsVersion.TLS_1_3)).extracting(CipherSuite::name).containsExactlyInAnyOrder(
                    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
            assertThat(r.protocol(TlsVersion.TLS_1_2).orElseThrow().suites())
                    .allSatisfy(s -> assertThat(s.keyExchangeGroup()).isEqualTo("x25519"));
            assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
            assertThat(r.certificate().nameMatches()).isTrue();
            assertThat(r.certificate().chain()).hasSize(2);
            assertThat(r.secureRenegotiation()).isEqualTo(TlsReport.SecureRenegotiation.SUPPORTED);
            assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.MITIGATED);
            assertThat(r.hsts().maxAgeSeconds()).isEqualTo(63_072_000L);
            assertThat(r.handshake().medianMillis()).isPositive();
            assertThat(r.handshake().protocol()).isEqualTo("TLSv1.3");
            assertThat(r.measurements()).containsEntry(TlsMeasurements.GRADE, "A+")
                    .containsEntry(TlsMeasurements.PROTOCOL_MIN, "TLSv1.2")
                    .containsEntry(TlsMeasurements.PROTOCOL_MAX, "TLSv1.3")
                    .containsEntry(TlsMeasurements.PROFILE_COMPLIANT, "true")
                    .containsKey(TlsMeasurements.HANDSHAKE_MS);
            assertThat(Long.parseLong(r.measurements().get(TlsMeasurements.CERT_DAYS_LEFT))).isBetween(88L, 90L);
        }
    }

    @Test
    void expiredCertificateIsCriticalGradeTButOtherwiseTrusted() throws Exception {
        Instant now = Instant.now();
        Issued leaf = TestPki.issue(intermediate, TestPki.spec().valid(now.minus(Duration.ofDays(100)),
                now.minus(Duration.ofDays(10))));
        TlsReport r = probe(openssl("expired", leaf, new X509Certificate[] {intermediate.certificate()}));
        assertThat(severity(r, "CERT-EXP")).isEqualTo(Severity.CRITICAL);
        assertThat(r.grade().letter()).isEqualTo("T");
        assertThat(r.certificate().expired()).isTrue();
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(ids(r)).doesNotContain("CERT-CHAIN", "CERT-SELF", "CERT-HOST");
        assertThat(Long.parseLong(r.measurements().get(TlsMeasurements.CERT_DAYS_LEFT))).isBetween(-11L, -10L);
        assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.MITIGATED);
    }

    @Test
    void notYetValidCertificateIsCritical() throws Exception {
        Instant now = Instant.now();
        Issued leaf = TestPki.issue(intermediate, TestPki.spec().valid(now.plus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(100))));
        TlsReport r = probe(openssl("future", leaf, new X509Certificate[] {intermediate.certificate()}));
        assertThat(severity(r, "CERT-NOTYET")).isEqualTo(Severity.CRITICAL);
        assertThat(ids(r)).doesNotContain("CERT-EXP");
        assertThat(r.grade().letter()).isEqualTo("T");
    }

    @Test
    void selfSignedCertificate() throws Exception {
        Issued leaf = TestPki.selfSigned(TestPki.spec());
        TlsReport r = probe(openssl("self", leaf, new X509Certificate[0]));
        assertThat(severity(r, "CERT-SELF")).isEqualTo(Severity.CRITICAL);
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.SELF_SIGNED);
        assertThat(r.grade().letter()).isEqualTo("T");
        assertThat(r.grade().letterIgnoringTrust()).isEqualTo("A");
    }

    @Test
    void untrustedRoot() throws Exception {
        Issued leaf = TestPki.issue(otherRoot, TestPki.spec());
        TlsReport r = probe(openssl("untrusted", leaf, new X509Certificate[] {otherRoot.certificate()}));
        assertThat(severity(r, "CERT-CHAIN")).isEqualTo(Severity.CRITICAL);
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.UNTRUSTED_ROOT);
        assertThat(r.grade().letter()).isEqualTo("T");
        assertThat(ids(r)).doesNotContain("CERT-SELF");
    }

    @Test
    void wrongHostName() throws Exception {
        Issued leaf = TestPki.issue(intermediate, TestPki.spec().cn("wrong.example")
                .names(List.of("wrong.example", "*.example.org"), List.of("10.0.0.1")));
        TlsReport r = probe(openssl("wronghost", leaf, new X509Certificate[] {intermediate.certificate()}));
        assertThat(severity(r, "CERT-HOST")).isEqualTo(Severity.HIGH);
        assertThat(r.grade().letter()).isEqualTo("M");
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(r.measurements()).containsEntry(TlsMeasurements.CERT_HOST_MATCH, "false");
    }

    @Test
    void incompleteChain() throws Exception {
        TlsReport r = probe(openssl("incomplete", leaf(), new X509Certificate[0]));
        assertThat(severity(r, "CERT-CHAIN")).isEqualTo(Severity.HIGH);
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.INCOMPLETE);
        assertThat(r.certificate().chainDetail()).contains("secperf test intermediate");
        assertThat(r.grade().letter()).isEqualTo("B");
    }

    @Test
    void sha1SignedCertificate() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.RSA_2048_B).signature("SHA1withRSA"));
        TlsReport r = probe(openssl("sha1", leaf, new X509Certificate[0], "-cipher", "DEFAULT:@SECLEVEL=0",
                "-min_protocol", "TLSv1.2"));
        assertThat(severity(r, "CERT-SIG")).isEqualTo(Severity.HIGH);
        assertThat(r.finding("CERT-SIG").orElseThrow().evidence()).contains("SHA1withRSA");
        assertThat(r.grade().letter()).isEqualTo("T");
        assertThat(r.compliance().violations()).anyMatch(v -> v.contains("SHA1withRSA"));
    }

    @Test
    void rsa1024Key() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.RSA_1024));
        TlsReport r = probe(openssl("rsa1024", leaf, new X509Certificate[0], "-cipher", "DEFAULT:@SECLEVEL=0",
                "-min_protocol", "TLSv1.2"));
        assertThat(severity(r, "CERT-KEY")).isEqualTo(Severity.HIGH);
        assertThat(r.certificate().leaf().keyBits()).isEqualTo(1024);
        assertThat(r.grade().letter()).isEqualTo("B");
        assertThat(r.compliance().violations()).anyMatch(v -> v.contains("RSA key 1024"));
    }

    @Test
    void tls10And11Enabled() throws Exception {
        TlsReport r = probe(openssl("tls10", leaf(), new X509Certificate[] {intermediate.certificate()},
                "-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1"));
        assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2,
                TlsVersion.TLS_1_3);
        assertThat(severity(r, "TLS-PROTO-TLS10")).isEqualTo(Severity.MEDIUM);
        assertThat(severity(r, "TLS-PROTO-TLS11")).isEqualTo(Severity.MEDIUM);
        assertThat(r.grade().letter()).isEqualTo("B");
        assertThat(r.compliance().compliant()).isFalse();
        assertThat(r.compliance().violations()).anyMatch(v -> v.startsWith("TLSv1.0 accepted"));
        assertThat(r.measurements()).containsEntry(TlsMeasurements.PROTOCOL_MIN, "TLSv1.0");
    }

    @Test
    void noTls12() throws Exception {
        TlsReport r = probe(openssl("notls12", leaf(), new X509Certificate[] {intermediate.certificate()},
                "-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.1"));
        assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1);
        assertThat(severity(r, "TLS-PROTO-NO-TLS12")).isEqualTo(Severity.HIGH);
        assertThat(r.grade().letter()).isEqualTo("C");
        assertThat(r.certificate().source()).contains("plaintext");
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(r.handshake().medianMillis()).isEqualTo(-1);
        assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.NOT_TESTED);
    }

    @Test
    void cbcAndStaticRsaSuitesWithoutForwardSecrecy() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.RSA_2048_B));
        TlsReport r = probe(openssl("staticrsa", leaf, new X509Certificate[0],
                "-cipher", "AES128-SHA:AES256-GCM-SHA384", "-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2"));
        assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(r.suites(TlsVersion.TLS_1_2)).extracting(CipherSuite::id).containsExactlyInAnyOrder(0x002F, 0x009D);
        assertThat(ids(r)).contains("TLS-CIPH-CBC", "TLS-CIPH-NOFS", "TLS-FS-NONE");
        assertThat(r.grade().letter()).isEqualTo("B");
        assertThat(r.compliance().violations()).anyMatch(v -> v.contains("TLS_RSA_WITH_AES_128_CBC_SHA"));
    }

    @Test
    void anonymousAndNullSuitesFailTheGrade() throws Exception {
        TlsReport r = probe(openssl("everything", leaf(), new X509Certificate[] {intermediate.certificate()},
                "-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0", "-min_protocol", "TLSv1"));
        assertThat(severity(r, "TLS-CIPH-ANON")).isEqualTo(Severity.CRITICAL);
        assertThat(severity(r, "TLS-CIPH-NULL")).isEqualTo(Severity.CRITICAL);
        assertThat(r.grade().letter()).isEqualTo("F");
        assertThat(r.worstSeverity()).contains(Severity.CRITICAL);
    }

    @Test
    void clientInitiatedRenegotiationAllowed() throws Exception {
        TlsReport r = probe(openssl("reneg", leaf(), new X509Certificate[] {intermediate.certificate()},
                "-client_renegotiation"));
        assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.VULNERABLE);
        assertThat(r.clientRenegotiation().succeeded()).isEqualTo(TlsProbe.RENEGOTIATION_ATTEMPTS);
        assertThat(severity(r, "RENEG-CLIENT")).isEqualTo(Severity.MEDIUM);
        assertThat(r.secureRenegotiation()).isEqualTo(TlsReport.SecureRenegotiation.SUPPORTED);
    }

    @Test
    void hstsMissingShortAndMalformed() throws Exception {
        Path[] f = files("hsts", leaf(), intermediate.certificate());
        String tls = "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + MOZILLA_INTERMEDIATE_CIPHERS + ";";
        try (ServerProcess missing = keep(ServerProcess.nginx(dir.resolve("hsts-missing"), f[0], f[1], tls, null))) {
            TlsReport r = probe(missing);
            assertThat(r.hsts().status()).isEqualTo(HstsResult.Status.MISSING);
            assertThat(severity(r, "HSTS-MISSING")).isEqualTo(Severity.MEDIUM);
            assertThat(r.grade().letter()).isEqualTo("A");
        }
        try (ServerProcess shortAge = keep(ServerProcess.nginx(dir.resolve("hsts-short"), f[0], f[1], tls,
                "max-age=3600; includeSubDomains"))) {
            TlsReport r = probe(shortAge);
            assertThat(r.hsts().maxAgeSeconds()).isEqualTo(3600);
            assertThat(r.hsts().includeSubDomains()).isTrue();
            assertThat(severity(r, "HSTS-SHORT")).isEqualTo(Severity.LOW);
        }
        try (ServerProcess malformed = keep(ServerProcess.nginx(dir.resolve("hsts-bad"), f[0], f[1], tls,
                "max-age=soon"))) {
            TlsReport r = probe(malformed);
            assertThat(r.hsts().status()).isEqualTo(HstsResult.Status.MALFORMED);
            assertThat(severity(r, "HSTS-MALFORMED")).isEqualTo(Severity.MEDIUM);
        }
    }

    @Test
    void legacyJdkServerWithSsl3Rc4TripleDesAndRenegotiation() throws Exception {
        Issued leaf = TestPki.issue(root, TestPki.spec().keys(TestPki.RSA_2048_B));
        Path d = Files.createDirectories(dir.resolve("legacy"));
        Path p12 = d.resolve("server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.key(), "changeit".toCharArray(),
                new Certificate[] {leaf.certificate(), root.certificate()});
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "changeit".toCharArray());
        }
        try (ServerProcess server = keep(ServerProcess.legacyJdk(d, p12, "SSLv3,TLSv1,TLSv1.1,TLSv1.2",
                "SSL_RSA_WITH_3DES_EDE_CBC_SHA,SSL_RSA_WITH_RC4_128_SHA,SSL_RSA_WITH_DES_CBC_SHA,"
                        + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "max-age=31536000"))) {
            // sslscan uses the system OpenSSL, which has no SSLv3, RC4, DES or 3DES: no comparison here
            TlsReport r = probeOnly(server);
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.SSL_3_0, TlsVersion.TLS_1_0,
                    TlsVersion.TLS_1_1, TlsVersion.TLS_1_2);
            assertThat(r.suites(TlsVersion.SSL_3_0)).extracting(CipherSuite::id)
                    .containsExactlyInAnyOrder(0x000A, 0x0005, 0x0009);
            assertThat(r.suites(TlsVersion.TLS_1_2)).as("single DES is not allowed with TLS 1.2 (RFC 5246)")
                    .extracting(CipherSuite::id).containsExactlyInAnyOrder(0x000A, 0x0005, 0xC02F);
            assertThat(severity(r, "TLS-PROTO-SSL3")).isEqualTo(Severity.HIGH);
            assertThat(severity(r, "TLS-CIPH-RC4")).isEqualTo(Severity.HIGH);
            assertThat(severity(r, "TLS-CIPH-3DES")).isEqualTo(Severity.MEDIUM);
            assertThat(severity(r, "TLS-CIPH-LOW")).isEqualTo(Severity.HIGH);
            assertThat(r.grade().letter()).isEqualTo("F");
            assertThat(r.grade().caps()).anyMatch(c -> c.startsWith("C: RC4 accepted with TLS 1.1+"))
                    .anyMatch(c -> c.startsWith("C: 64-bit block cipher"))
                    .anyMatch(c -> c.startsWith("B: SSLv3 accepted"));
            assertThat(r.clientRenegotiation().status()).isEqualTo(RenegotiationResult.Status.VULNERABLE);
            assertThat(r.hsts().maxAgeSeconds()).isEqualTo(31_536_000L);
        }
    }
}
