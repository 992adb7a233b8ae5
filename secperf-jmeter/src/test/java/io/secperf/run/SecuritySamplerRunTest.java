package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.secperf.result.Finding;
import io.secperf.result.Sample;
import io.secperf.result.Severity;

/**
 * secperf's TLS probe sampler inside a real JMeter run: a setUp thread group probes a loopback HTTPS server with a
 * self-signed certificate before the load; the probe is one sample and its findings reach the finding sink.
 */
class SecuritySamplerRunTest {

    @Test
    void tlsPreflightSampleIsCountedAndItsFindingsReachTheSink() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("tls-preflight.jmx"), sink)
                    .target(server.baseUri()).findings(findings).build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsExactlyInAnyOrderEntriesOf(Map.of("TLS preflight", 1L,
                    "home", 2L));
            Sample probe = sink.samples().stream().filter(s -> s.label().equals("TLS preflight")).findFirst()
                    .orElseThrow();
            assertThat(probe.success()).as("a self-signed certificate is CRITICAL").isFalse();
            assertThat(probe.responseCode()).isEqualTo("T");
            assertThat(probe.responseMessage()).contains("CERT-SELF");
            assertThat(probe.elapsed()).isPositive();

            assertThat(findings.checks()).containsExactly("tls");
            assertThat(findings.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
            assertThat(findings.findings()).filteredOn(f -> f.id().equals("CERT-SELF"))
                    .extracting(Finding::severity).containsOnly(Severity.CRITICAL);
            assertThat(findings.measurements()).containsEntry("tls.grade", "T")
                    .containsEntry("tls.cert.trusted", "false").containsEntry("tls.protocol.max", "TLSv1.3");
        }
    }

    @Test
    void withoutAFindingSinkTheProbeIsJustASampleAndALowerFailureSeverityStillFailsIt() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("tls-preflight.jmx"), sink)
                    .target(server.baseUri()).property("failAt", "MEDIUM").property("loops", "1").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            Sample probe = sink.samples().stream().filter(s -> s.label().equals("TLS preflight")).findFirst()
                    .orElseThrow();
            assertThat(probe.success()).isFalse();
            assertThat(probe.responseMessage()).contains("at or above MEDIUM", "HSTS-MISSING");
        }
    }
}
