package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.secperf.analysis.DocumentAnalysis;
import io.secperf.result.AttackWindow;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;

/**
 * The runtime level in a real JMeter run: legitimate users load a loopback server; after 3 s one attack sample (a
 * Java sampler returning SecurityFindings of check "attack") slows the server for 1.5 s. The attack sample's span
 * becomes the attack window, the attack sample is not counted as traffic, and the analysis measures a p95 impact.
 */
class AttackWindowRunTest {

    @Test
    void anAttackThatSlowsTheTargetShowsAsPositiveP95ImpactAndIsNotCountedAsTraffic() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(SlowdownAttackClient.UNDER_ATTACK ? 80 : 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            ResultAggregator aggregator = new ResultAggregator();
            FindingCollector findings = new FindingCollector();
            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("attack-window.jmx"), aggregator)
                    .target(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .property("path", "/").property("threads", "3").property("duration", "7")
                    .property("attackDelay", "4").property("attackMillis", "1500").findings(findings).build())
                    .run();
            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);

            ResultDocument document = ResultDocument.of(RunInfo.of("attack", null, null, null, outcome.started(),
                    outcome.ended(), null), RunStatus.complete(), IngestInfo.live(outcome.samples()),
                    aggregator.finish()).withSecurity(findings.data());
            assertThat(document.result().labels()).extracting(l -> l.label()).containsExactly("loop");
            assertThat(outcome.samples()).as("the attack sample is no traffic")
                    .isEqualTo(document.result().overall().count());

            assertThat(findings.checks()).containsExactly("attack");
            assertThat(findings.attackWindows()).hasSize(1);
            AttackWindow window = findings.attackWindows().get(0);
            assertThat(window.kind()).isEqualTo("sessions");
            assertThat(window.handshakes()).isEqualTo(10L);
            assertThat(window.handshakeCpuMs()).isEqualTo(42.5);
            long spanMs = window.end().toEpochMilli() - window.start().toEpochMilli();
            assertThat(spanMs).isBetween(1400L, 3000L);

            ResultDocument analysed = DocumentAnalysis.complete(document, null);
            ResilienceComparison resilience = analysed.security().resilience();
            assertThat(resilience).isNotNull();
            assertThat(resilience.comparable()).as(resilience.note()).isTrue();
            assertThat(resilience.clean().samples()).isPositive();
            assertThat(resilience.attack().samples()).isPositive();
            assertThat(resilience.attack().p95Ms()).isGreaterThanOrEqualTo(60);
            assertThat(resilience.impact().p95ChangePercent()).isGreaterThan(50);
            assertThat(resilience.impact().throughputChangePercent()).isNegative();
            assertThat(analysed.security().measurements()).containsKey("resilience.p95Impact");
            assertThat(analysed.security().analysis().handshakeCpuMs()).isEqualTo(42.5);
            System.out.printf("attack-window run: clean %s%n  attack %s%n  impact %s%n", resilience.clean(),
                    resilience.attack(), resilience.impact());
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
