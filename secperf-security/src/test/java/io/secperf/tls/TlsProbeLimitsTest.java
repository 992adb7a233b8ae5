package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.tls.TestPki.Issued;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fast end-to-end checks against an in-process JDK server (its own SSLContext, nothing process-wide): exact suite
 * enumeration, the handshake cap, and an unreachable port. No external tools needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProbeLimitsTest {

    static final String[] SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"};

    Issued root;
    SSLServerSocket server;
    ExecutorService pool;

    @BeforeAll
    void start() throws Exception {
        root = TestPki.selfSigned(TestPki.spec().cn("limits root").keys(TestPki.EC_A).ca());
        Issued leaf = TestPki.issue(root, TestPki.spec());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", leaf.key(), new char[0], new Certificate[] {leaf.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        server.setEnabledCipherSuites(SUITES);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "limits-server");
            t.setDaemon(true);
            return t;
        });
        pool.execute(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    pool.execute(() -> answer(s));
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    private static void answer(SSLSocket s) {
        try (s) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=63072000\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
            }
        } catch (Exception e) {
            // probes drop connections on purpose
        }
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        pool.shutdownNow();
    }

    @Test
    void enumeratesExactlyTheEnabledSuites() throws Exception {
        TlsReport r = TlsProbe.builder("127.0.0.1", server.getLocalPort()).serverName("localhost")
                .trustAnchors(List.of(root.certificate())).build().run();
        assertThat(r.complete()).isTrue();
        assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(r.suites(TlsVersion.TLS_1_3)).extracting(CipherSuite::name).containsExactly(SUITES[0]);
        assertThat(r.suites(TlsVersion.TLS_1_2)).extracting(CipherSuite::name)
                .containsExactlyInAnyOrder(SUITES[1], SUITES[2]);
        assertThat(r.certificate().chainStatus()).isEqualTo(CertificateReport.ChainStatus.TRUSTED);
        assertThat(r.hsts().maxAgeSeconds()).isEqualTo(63_072_000L);
        assertThat(r.clientRenegotiation().status()).as("the JDK server allows client renegotiation by default")
                .isEqualTo(RenegotiationResult.Status.VULNERABLE);
        assertThat(r.hasFinding("TLS-CIPH-CBC")).isTrue();
        assertThat(r.findings()).extracting(f -> f.id()).doesNotContain("TLS-PROBE-INCOMPLETE");
        assertThat(TlsScanReport.render(r)).contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "RENEG-CLIENT");
    }

    @Test
    void handshakeCapStopsTheProbeAndSaysSo() throws Exception {
        TlsReport r = TlsProbe.builder("127.0.0.1", server.getLocalPort()).maxHandshakes(4)
                .trustAnchors(List.of(root.certificate())).build().run();
        assertThat(r.complete()).isFalse();
        assertThat(r.handshakes()).isLessThanOrEqualTo(4);
        assertThat(r.hasFinding("TLS-PROBE-INCOMPLETE")).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.contains("handshake cap of 4"));
    }

    @Test
    void unreachablePortIsAClearError() throws Exception {
        int port = ServerProcess.freePort();
        assertThatThrownBy(() -> TlsProbe.builder("127.0.0.1", port).timeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(1)).build().run())
                .isInstanceOf(TlsProbeException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> TlsProbe.builder("h", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsProbe.builder("h", 443).httpPath("no-slash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsProbe.builder("h", 443).budget(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MozillaProfile.fromId("paranoid")).hasMessageContaining("modern, intermediate, old");
        assertThatThrownBy(() -> TlsProbe.builder("h", 443).serverName("bad name"))
                .hasMessageContaining("not a valid server name");
        TlsProbe.builder("h", 443).serverName("127.0.0.1").serverName("xn--bcher-kva.example");
    }
}
