package io.secperf.attack;

import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityReport;
import io.secperf.security.testing.NaiveHttpServer;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;
import io.secperf.security.testing.TestConfigs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack traffic against real servers on 127.0.0.1, bounded to a few seconds each. */
@Timeout(60)
class AttackTrafficTest {

    @TempDir
    Path dir;

    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

    private AttackTraffic attack(TestApiServer server, boolean correct, String attack) throws Exception {
        SecurityConfig config = TestConfigs.parse(TestConfigs.target(server, dir, correct) + attack, dir);
        return new AttackTraffic(config, Credentials.none(), samples::add);
    }

    @Test
    void sessionFloodMeasuresFullHandshakes() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityReport report = attack(server, true, """
                    attack:
                      sessions: {count: 30, rate: 100, concurrency: 2, path: /health}
                    """).sessionFlood();
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.measurements()).containsEntry(AttackTraffic.M_SESSIONS, 30.0)
                    .containsEntry(AttackTraffic.M_HANDSHAKES, 30.0)
                    .containsEntry(AttackTraffic.M_SESSIONS_FAILED, 0.0);
            assertThat(report.measurements().get(AttackTraffic.M_HANDSHAKE_MS + ".p50")).isPositive();
            assertThat(report.measurements().get(AttackTraffic.M_HANDSHAKE_MS + ".p99"))
                    .isGreaterThanOrEqualTo(report.measurements().get(AttackTraffic.M_HANDSHAKE_MS + ".p50"));
            assertThat(report.measurements().get(AttackTraffic.M_HANDSHAKE_CPU_MS + ".total")).isPositive();
            // 30 connections at 100/s take at least 0.29 s: the rate bound holds
            assertThat(report.elapsed().toMillis()).isGreaterThanOrEqualTo(290);
            assertThat(samples).hasSize(30).allMatch(s -> s.label().equals(AttackTraffic.LABEL_SESSIONS)
                    && s.success() && s.responseCode().equals("200"));
        }
    }

    @Test
    void rateLimitedServerShowsRejectionsAndNoFinding() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityReport report = attack(server, true, """
                    attack:
                      flood: {endpoints: [GET /health], rate: 400, duration: 2s, concurrency: 8}
                    """).requestFlood();
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            double requests = report.measurements().get(AttackTraffic.M_FLOOD_REQUESTS);
            assertThat(requests).isBetween(100.0, 800.0);
            assertThat(report.measurements().get(AttackTraffic.M_FLOOD_STATUS + ".429")).isPositive();
            assertThat(report.measurements().get(AttackTraffic.M_FLOOD_STATUS + ".2xx")).isPositive();
            assertThat(report.measurements().get(AttackTraffic.M_FLOOD_RATE)).isLessThan(400 * 1.2);
            assertThat(samples).hasSize((int) requests).allMatch(s -> s.label().equals(AttackTraffic.LABEL_FLOOD));
        }
    }

    @Test
    void floodWithoutRateLimitIsALowFinding() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            SecurityReport report = attack(server, false, """
                    attack:
                      flood: {endpoints: [GET /health, GET /], rate: 100, duration: 1s, concurrency: 4}
                    """).run();
            assertThat(report.findings()).as(TestConfigs.describe(report)).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo(AttackTraffic.FLOOD_NO_RATE_LIMIT);
                assertThat(f.severity()).isEqualTo(Severity.LOW);
                assertThat(f.evidence()).contains("200 ×");
            });
            assertThat(report.measurements().get(AttackTraffic.M_FLOOD_REQUESTS)).isBetween(50.0, 104.0);
        }
    }

    @Test
    @Tag("slow")
    void slowHeadersMakeANaiveServerUnavailable() throws Exception {
        try (NaiveHttpServer server = new NaiveHttpServer(8)) {
            SecurityConfig config = TestConfigs.parse("""
                    target:
                      url: %s
                    attack:
                      slowHeaders: {connections: 20, duration: 3s, interval: 500ms, probeTimeout: 1s,
                                    probeInterval: 500ms}
                    """.formatted(server.uri()), dir);
            SecurityReport report = new AttackTraffic(config, Credentials.none(), samples::add).slowHeaders();
            assertThat(report.findings(AttackTraffic.SLOW_HEADERS_UNAVAILABLE)).as(TestConfigs.describe(report))
                    .singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.HIGH);
                        assertThat(f.evidence()).contains("20 connections").contains("no answer within 1000 ms");
                    });
            assertThat(report.hasFinding(AttackTraffic.SLOW_HEADERS_HELD)).isTrue();
            assertThat(report.measurements()).containsEntry(AttackTraffic.M_SLOW_OPENED, 20.0)
                    .containsEntry(AttackTraffic.M_SLOW_HELD, 20.0);
            assertThat(report.measurements().get(AttackTraffic.M_SLOW_PROBES_FAILED)).isPositive();
            assertThat(report.elapsed().toMillis()).isLessThan(3_000 + 2_000 + 2_000);
        }
    }

    @Test
    @Tag("slow")
    void serverWithAHeaderTimeoutStaysAvailable() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityReport report = attack(server, true, """
                    attack:
                      slowHeaders: {connections: 20, duration: 5s, interval: 500ms, probePath: /health,
                                    probeTimeout: 2s, probeInterval: 500ms}
                    """).slowHeaders();
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.measurements()).containsEntry(AttackTraffic.M_SLOW_OPENED, 20.0)
                    .containsEntry(AttackTraffic.M_SLOW_CLOSED, 20.0)
                    .containsEntry(AttackTraffic.M_SLOW_PROBES_FAILED, 0.0);
            List<Sample> probes = samples.stream().filter(s -> s.label().equals(AttackTraffic.LABEL_PROBE)).toList();
            assertThat(probes).hasSizeGreaterThan(3).allMatch(Sample::success);
        }
    }
}
