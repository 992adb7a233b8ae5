package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.security.testing.TestApiServer;

/**
 * secperf's TLS probe sampler inside a real JMeter run: a setUp thread group probes a loopback HTTPS server with a
 * self-signed certificate before the load; the probe's findings reach the finding sink, and the probe is a check,
 * not legitimate traffic: it never reaches the performance statistics.
 */
class SecuritySamplerRunTest {

    @Test
    void tlsPreflightFindingsReachTheSinkAndTheProbeIsNotCountedAsTraffic() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("tls-preflight.jmx"), sink)
                    .target(server.baseUri()).findings(findings).build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsExactlyInAnyOrderEntriesOf(Map.of("home", 2L));
            assertThat(outcome.samples()).isEqualTo(2);
            assertThat(findings.attackWindows()).as("a TLS probe is no attack").isEmpty();

            assertThat(findings.checks()).containsExactly("tls");
            assertThat(findings.findings()).extracting(Finding::id).contains("CERT-SELF", "HSTS-MISSING");
            assertThat(findings.findings()).filteredOn(f -> f.id().equals("CERT-SELF"))
                    .extracting(Finding::severity).containsOnly(Severity.CRITICAL);
            assertThat(findings.measurements()).containsEntry("tls.grade", "T")
                    .containsEntry("tls.cert.trusted", "false").containsEntry("tls.protocol.max", "TLSv1.3");
        }
    }

    @Test
    void withoutAFindingSinkTheProbeIsDroppedNotCounted() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("tls-preflight.jmx"), sink)
                    .target(server.baseUri()).property("failAt", "MEDIUM").property("loops", "1").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsExactlyInAnyOrderEntriesOf(Map.of("home", 1L));
        }
    }

    @Test
    void aRelativeCaFileResolvesAgainstThePlansDirectoryNotTheWorkingDirectory(@TempDir Path dir) throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            Path ca = server.writeCaPem(dir);
            assertThat(ca.getFileName()).hasToString("ca.pem");
            assertThat(Path.of("ca.pem")).as("the working directory has no ca.pem").doesNotExist();
            String original = Files.readString(plan("tls-preflight.jmx"), StandardCharsets.UTF_8);
            String empty = "<stringProp name=\"caFile\"></stringProp>";
            assertThat(original).contains(empty);
            Path copy = dir.resolve("tls-preflight.jmx");
            Files.writeString(copy, original.replace(empty, "<stringProp name=\"caFile\">ca.pem</stringProp>"),
                    StandardCharsets.UTF_8);
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(RunRequest.builder(copy, sink).target(server.uri()).findings(findings)
                    .property("loops", "1").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(findings.checks())
                    .as("the probe ran (an unreadable CA file is a failed sample without findings)")
                    .containsExactly("tls");
            assertThat(findings.measurements()).containsEntry("tls.cert.trusted", "true");
            assertThat(findings.findings()).extracting(Finding::id).doesNotContain("CERT-SELF", "CERT-CHAIN");
        }
    }
}
