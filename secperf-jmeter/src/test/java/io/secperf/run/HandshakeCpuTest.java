package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.analysis.DocumentAnalysis;
import io.secperf.attack.AttackTraffic;
import io.secperf.result.IngestInfo;
import io.secperf.result.PostTestReport;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;

/**
 * Client CPU time spent in TLS handshakes, measured twice against a loopback HTTPS server: by this test itself
 * (fresh TLS context per connection, so no session resumption; thread CPU time around {@code startHandshake}) and by
 * the attack's session flood, whose measurement travels through the finding collector into the post-test analysis.
 */
class HandshakeCpuTest {

    @TempDir
    Path dir;

    @Test
    void handshakeCpuIsMeasuredAndReachesThePostTestAnalysis() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled(),
                "this JVM measures no thread CPU time");
        try (LoopbackServer server = LoopbackServer.https()) {
            SecurityReport flood = new AttackTraffic(SecurityConfigReader.parse("""
                    target:
                      url: %s
                      insecure: true
                      requestTimeout: 5s
                    attack:
                      sessions: {count: 40, rate: 200, concurrency: 1, path: /}
                    """.formatted(server.baseUri()), "test", dir), Credentials.none()).sessionFlood();
            Map<String, String> measurements = new LinkedHashMap<>();
            flood.measurements().forEach((k, v) -> measurements.put(k, String.valueOf(v)));
            FindingCollector collector = new FindingCollector();
            collector.accept("attack", flood.findings(), measurements, flood.started(),
                    flood.started().plus(flood.elapsed()));

            int handshakes = 40;
            long cpuNanos = 0;
            long wallNanos = 0;
            for (int i = 0; i < handshakes; i++) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    socket.startHandshake();
                    cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
                    wallNanos += System.nanoTime() - wall0;
                }
            }
            double ownMeanMs = cpuNanos / 1e6 / handshakes;

            ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null),
                    RunStatus.complete(), IngestInfo.live(0), RunResult.empty()).withSecurity(collector.data());
            PostTestReport analysis = DocumentAnalysis.complete(document, null).security().analysis();
            double floodTotal = flood.measurements().get(AttackTraffic.M_HANDSHAKE_CPU_MS + ".total");

            assertThat(cpuNanos).isPositive();
            assertThat(cpuNanos).as("CPU time cannot exceed the wall time of a single thread")
                    .isLessThanOrEqualTo(wallNanos + 50_000_000L);
            assertThat(analysis.handshakes()).isEqualTo(40);
            assertThat(analysis.handshakeCpuMs()).isEqualTo(floodTotal).isPositive();
            assertThat(analysis.handshakeCpuMsMean()).isCloseTo(floodTotal / 40, org.assertj.core.api.Assertions
                    .within(1e-9));
            // the same work measured two ways agrees within an order of magnitude (JIT warm-up differs)
            assertThat(analysis.handshakeCpuMsMean()).isBetween(ownMeanMs / 10, ownMeanMs * 10);
            System.out.printf(Locale.ROOT, "TLS handshake client CPU: this test %.2f ms/handshake (wall %.2f ms); "
                            + "session flood %.2f ms/handshake over %d%n", ownMeanMs, wallNanos / 1e6 / handshakes,
                    analysis.handshakeCpuMsMean(), analysis.handshakes());
            assertThat(List.of(collector.attackWindows().get(0).kind())).containsExactly("sessions");
        }
    }

    /** Trusts the loopback server's self-signed certificate; tests only. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
