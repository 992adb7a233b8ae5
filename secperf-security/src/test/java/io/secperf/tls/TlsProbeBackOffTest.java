package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.tls.TestPki.Issued;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * A hello that got no answer is not a refusal. An in-process JDK server (TLS 1.2 + 1.3, three suites) is put behind
 * a {@link ThrottlingProxy} that makes it slow and single-connection, or drops some hellos, or all; and a plain
 * HTTP port is probed. Short timeouts keep this fast; no external tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProbeBackOffTest {

    static final String[] SUITES = TlsProbeLimitsTest.SUITES;
    static final Duration SHORT = Duration.ofMillis(400);

    Issued root;
    SSLServerSocket server;
    ServerSocket plainHttp;
    ExecutorService pool;

    @BeforeAll
    void start() throws Exception {
        root = TestPki.selfSigned(TestPki.spec().cn("back-off root").keys(TestPki.EC_A).ca());
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
        plainHttp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "back-off-server");
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
        pool.execute(() -> {
            while (!plainHttp.isClosed()) {
                try (Socket s = plainHttp.accept()) {
                    s.setSoTimeout(2000);
                    s.getInputStream().read(new byte[4096]);
                    // what Python's http.server sends to a request line it cannot read: a bare HTML body
                    s.getOutputStream().write(("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head><title>Error response"
                            + "</title></head></html>\n").getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    if (plainHttp.isClosed()) {
                        return;
                    }
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
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
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
        plainHttp.close();
        pool.shutdownNow();
    }

    private TlsProbe.Builder probe(int port) {
        return TlsProbe.builder("127.0.0.1", port).serverName("localhost").trustAnchors(List.of(root.certificate()))
                .timeouts(SHORT, SHORT).budget(Duration.ofSeconds(60));
    }

    private static void assertExactSuites(TlsReport r) {
        assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(r.suites(TlsVersion.TLS_1_3)).extracting(CipherSuite::name).containsExactly(SUITES[0]);
        assertThat(r.suites(TlsVersion.TLS_1_2)).extracting(CipherSuite::name)
                .containsExactlyInAnyOrder(SUITES[1], SUITES[2]);
    }

    @Test
    void slowSingleConnectionServerGetsTheSameAnswerAsAFastOne() throws Exception {
        // 150 ms per connection, one at a time: eight at once wait up to 1.2 s, three times the read timeout
        try (ThrottlingProxy proxy = ThrottlingProxy.slow(server.getLocalPort(), 150)) {
            TlsReport r = probe(proxy.port()).build().run();
            System.out.println(TlsScanReport.render(r));
            assertExactSuites(r);
            assertThat(r.complete()).isTrue();
            assertThat(r.grade().provisional()).isFalse();
            assertThat(r.findings()).extracting(Finding::id).doesNotContain("TLS-NONE", "TLS-PROBE-INCOMPLETE");
            assertThat(r.notes()).as("it had to back off").anyMatch(n -> n.contains("connections unanswered")
                    && n.contains("parallel connections reduced from 8 to"));
            assertThat(r.handshakes()).as("retries stay bounded").isLessThan(3 * 20);
        }
    }

    @Test
    void unansweredVersionIsNotRefusedAndTheGradeIsProvisional() throws Exception {
        // a middlebox that swallows every hello offering a TLS 1.3 suite (the JDK client's hellos too)
        try (ThrottlingProxy proxy = ThrottlingProxy.blackHoling(server.getLocalPort(),
                ThrottlingProxy::offersTls13Suite)) {
            TlsReport r = probe(proxy.port()).build().run();
            System.out.println(TlsScanReport.render(r));
            assertThat(r.acceptedVersions()).containsExactly(TlsVersion.TLS_1_2);
            assertThat(r.suites(TlsVersion.TLS_1_2)).extracting(CipherSuite::name)
                    .containsExactlyInAnyOrder(SUITES[1], SUITES[2]);
            ProtocolSupport tls13 = r.protocol(TlsVersion.TLS_1_3).orElseThrow();
            assertThat(tls13.complete()).isFalse();
            assertThat(tls13.status()).isEqualTo("not answered");
            assertThat(r.complete()).isFalse();
            Finding incomplete = r.finding("TLS-PROBE-INCOMPLETE").orElseThrow();
            assertThat(incomplete.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(incomplete.evidence()).contains("TLSv1.3", "TLS_AES_128_GCM_SHA256")
                    .doesNotContain("TLSv1.2 (");
            assertThat(r.findings()).extracting(Finding::id).doesNotContain("TLS-NONE", "TLS-PROTO-NO-TLS13");
            assertThat(r.worstSeverity()).isNotEqualTo(java.util.Optional.of(Severity.CRITICAL));
            assertThat(r.grade().provisional()).isTrue();
            assertThat(r.measurements()).containsEntry(TlsMeasurements.GRADE_PROVISIONAL, "true");
            assertThat(TlsScanReport.render(r)).contains("PROVISIONAL").contains("not answered");
            assertThat(r.certificate()).as("from the TLS 1.2 plaintext flight").isNotNull();
        }
    }

    @Test
    void serverThatAnswersNothingIsAnErrorNotAVerdict() throws Exception {
        try (ThrottlingProxy proxy = ThrottlingProxy.blackHoling(server.getLocalPort(), b -> true)) {
            assertThatThrownBy(() -> probe(proxy.port()).build().run())
                    .isInstanceOf(TlsProbeException.class)
                    .hasMessageContaining("answered none of 3 TLS hellos");
        }
    }

    @Test
    void plainHttpPortSaysNotTlsOnce() throws Exception {
        assertThatThrownBy(() -> probe(plainHttp.getLocalPort()).build().run())
                .isInstanceOf(NotTlsException.class)
                .hasMessage("not TLS: the server answered in plain HTTP ('<!DOCTYPE HTML>')");
    }
}
