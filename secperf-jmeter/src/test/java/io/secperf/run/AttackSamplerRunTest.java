package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.attack.AttackTraffic;
import io.secperf.result.Sample;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;

/**
 * secperf's attack sampler inside a real JMeter run (plans/attack.jmx) against secperf-security's API server on
 * loopback (plain HTTP): one sample is one bounded attack and spans the attack window; a missing attack section is a
 * failed sample that names the key; JMeter's hard stop interrupts a long attack.
 */
class AttackSamplerRunTest {

    private static final long FLOOD_MS = 1500;
    /** The interval between two flood requests at the configured rate of 100 per second. */
    private static final long FLOOD_SLOT_MS = 10;

    @TempDir
    Path dir;

    private Path securityYaml(TestApiServer server, String duration) throws Exception {
        Path file = dir.resolve("security.yaml");
        Files.writeString(file, """
                target:
                  url: %s
                  requestTimeout: 2s
                attack:
                  flood: {endpoints: [GET /health], rate: 100, duration: %s, concurrency: 4}
                """.formatted(server.plainUri(), duration), StandardCharsets.UTF_8);
        return file;
    }

    private int runs;
    private Path csv;

    /** A run of the plan whose stock CSV listener writes a fresh file (JMeter appends to an existing one). */
    private RunRequest.Builder run(String planName, CollectingSink sink) {
        csv = dir.resolve("checks-" + (++runs) + ".csv");
        return RunRequest.builder(plan(planName), sink).property("csvFile", csv.toString());
    }

    /** The attack sample as stock JMeter listeners see it; secperf's sample sink never gets it (it is a check). */
    private Sample attackSample(CollectingSink sink) throws Exception {
        assertThat(sink.countsByLabel()).doesNotContainKey("attack");
        return CollectingSink.fromJtl(csv).samples().stream().filter(s -> s.label().equals("attack")).findFirst()
                .orElseThrow();
    }

    @Test
    void floodSampleSpansTheConfiguredDurationAndItsMeasurementsReachTheSink() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();
            long before = System.currentTimeMillis();

            RunOutcome outcome = new JMeterRun(run("attack.jmx", sink).findings(findings)
                    .property("securityFile", securityYaml(server, FLOOD_MS + "ms").toString())
                    .property("attack", "flood").build()).run();

            long after = System.currentTimeMillis();
            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            Sample attack = attackSample(sink);
            assertThat(attack.success()).as(attack.responseMessage()).isTrue();
            // the flood's last request starts in the last slot before the end (rate 100/s: every 10 ms); a fast answer
            // ends the routine up to one slot before the configured duration (seen: 1496, 1497 ms of 1500;
            // two slots of margin)
            // (no upper bound in milliseconds: on a loaded machine the last request may end late; the sample still
            // lies inside the run, checked below)
            assertThat(attack.elapsed()).as("the sample is the attack window")
                    .isGreaterThanOrEqualTo(FLOOD_MS - 2 * FLOOD_SLOT_MS);
            assertThat(attack.timeStamp()).isBetween(before, after);
            assertThat(attack.timeStamp() + attack.elapsed()).isLessThanOrEqualTo(after);

            assertThat(findings.checks()).containsExactly("attack");
            assertThat(Long.parseLong(findings.measurements().get(AttackTraffic.M_FLOOD_REQUESTS))).isPositive();
            assertThat(findings.findings()).extracting(f -> f.id()).contains(AttackTraffic.FLOOD_NO_RATE_LIMIT);
            assertThat(server.requestCount()).isGreaterThanOrEqualTo(
                    Integer.parseInt(findings.measurements().get(AttackTraffic.M_FLOOD_REQUESTS)));
        }
    }

    @Test
    void sessionFloodOverTlsMakesOneFullHandshakePerConnection() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            Path file = dir.resolve("sessions.yaml");
            Files.writeString(file, """
                    target:
                      url: %s
                      insecure: true
                    attack:
                      sessions: {count: 20, rate: 200, concurrency: 2, path: /health}
                    """.formatted(server.uri()), StandardCharsets.UTF_8);
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(run("attack.jmx", sink).findings(findings)
                    .property("securityFile", file.toString()).property("attack", "sessions").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            Sample attack = attackSample(sink);
            assertThat(attack.success()).as(attack.responseMessage()).isTrue();
            assertThat(findings.measurements()).containsEntry(AttackTraffic.M_SESSIONS, "20")
                    .containsEntry(AttackTraffic.M_HANDSHAKES, "20").containsEntry(AttackTraffic.M_SESSIONS_FAILED, "0");
            assertThat(findings.measurements()).containsKey(AttackTraffic.M_HANDSHAKE_MS + ".p95");
        }
    }

    @Test
    void aMissingAttackSectionIsAFailedSampleNamingTheKey() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            // securityFile defaults to security/no-attack.yaml, relative to the plan's directory
            RunOutcome outcome = new JMeterRun(run("attack.jmx", sink).findings(findings)
                    .property("targetUrl", server.plainUri().toString()).build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            // a check that cannot run is no SecurityFindings: it stays visible as a failed sample of the run
            assertThat(sink.countsByLabel()).containsEntry("attack", 1L);
            Sample attack = sink.samples().get(0);
            assertThat(attack.success()).isFalse();
            assertThat(attack.responseMessage()).startsWith("attack.flood is not configured in no-attack.yaml")
                    .contains("plans/security/no-attack.yaml");
            assertThat(findings.isEmpty()).isTrue();
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void jmetersHardStopInterruptsALongAttack() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            CollectingSink sink = new CollectingSink();
            long start = System.nanoTime();

            RunOutcome outcome = new JMeterRun(run("attack.jmx", sink)
                    .property("securityFile", securityYaml(server, "60s").toString())
                    .duration(Duration.ofSeconds(1)).durationGrace(Duration.ZERO)
                    .stopTimeout(Duration.ofMillis(500)).build()).run();

            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.STOPPED);
            assertThat(outcome.unstoppedThreads()).isZero();
            assertThat(seconds).as("a 60 s flood ends at the hard stop").isLessThan(10);
            Sample attack = attackSample(sink);
            assertThat(attack.elapsed()).isLessThan(5_000);
            assertThat(attack.responseMessage()).contains("incomplete: interrupted");
        }
    }
}
