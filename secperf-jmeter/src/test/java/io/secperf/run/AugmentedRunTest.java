package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.augment.Augmentation;
import io.secperf.augment.PlanAugmenter;
import io.secperf.augment.PreflightListener;
import io.secperf.augment.PreflightMode;
import io.secperf.result.Finding;

/**
 * An augmented plan on the real engine against a loopback HTTPS server with a self-signed certificate (a CRITICAL
 * finding): under abort the setUp preflight's "stop test now" keeps every load thread from starting; under warn the
 * load runs after the failed preflight. The {@link PreflightListener} hears the failed preflight sample either way.
 */
class AugmentedRunTest {

    @TempDir
    Path dir;

    private RunOutcome run(LoopbackServer server, PreflightMode mode, CollectingSink sink, FindingCollector findings,
                           PreflightListener listener) throws Exception {
        Path security = Files.writeString(dir.resolve("security.yaml"), "target:\n  url: " + server.baseUri() + "\n");
        PlanAugmenter augmenter = new PlanAugmenter(PlanAugmenter.Options.of(security, mode, Duration.ofSeconds(1)));
        return new JMeterRun(RunRequest.builder(plan("single-request.jmx"), sink).target(server.baseUri())
                .property("loops", "4").findings(findings).transform(tree -> {
                    Augmentation augmentation = augmenter.augment(tree);
                    augmentation.requireComplete();
                    assertThat(listener.attachTo(augmentation.tree())).isTrue();
                    return augmentation.tree();
                }).build()).run();
    }

    @Test
    void preflightAbortStopsTheTestBeforeAnyLoadThreadStarts() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();
            PreflightListener listener = new PreflightListener();

            RunOutcome outcome = run(server, PreflightMode.ABORT, sink, findings, listener);

            assertThat(outcome.status()).isNotEqualTo(RunOutcome.Status.FAILED);
            assertThat(sink.countsByLabel()).doesNotContainKey("probe");
            assertThat(listener.failures()).containsOnlyKeys("secperf preflight: TLS");
            assertThat(listener.failures().get("secperf preflight: TLS")).contains("CERT-SELF");
            assertThat(findings.findings()).extracting(Finding::id).contains("CERT-SELF");
        }
    }

    @Test
    void preflightWarnRunsTheLoadAfterTheFailedPreflight() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();
            PreflightListener listener = new PreflightListener();

            RunOutcome outcome = run(server, PreflightMode.WARN, sink, findings, listener);

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsEntry("probe", 4L);
            assertThat(listener.failures()).containsOnlyKeys("secperf preflight: TLS");
            assertThat(findings.measurements()).containsEntry("tls.grade", "T");
            assertThat(sink.countsByLabel()).as("the preflight's security sample is a check, not traffic")
                    .containsOnlyKeys("probe");
        }
    }
}
