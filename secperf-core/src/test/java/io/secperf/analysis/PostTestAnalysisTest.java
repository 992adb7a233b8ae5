package io.secperf.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.secperf.result.AttackWindow;
import io.secperf.result.IngestInfo;
import io.secperf.result.PostTestReport;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.SecurityData;

/** The post-test rules on hand-made traffic: resets, handshake failures, 401/403 bursts, spikes, handshake CPU. */
class PostTestAnalysisTest {

    static final long T0 = 1_800_000_000L;

    private static Sample sample(long second, int i, long elapsed, String code, String message) {
        boolean ok = code.equals("200");
        return new Sample(second * 1000 + i, elapsed, "GET /", code, message, ok, "", 10, 10, elapsed, 0, 1);
    }

    /**
     * 12 seconds, 20 samples each, 10 ms (p95 10 ms); second 6: p95 of 200 ms (a spike, 20× the median); seconds 3
     * and 4: 6 answers 401/403 each (a burst of 2 s); second 9: 2 x 401 (not a burst); second 8: one reset and one
     * handshake failure.
     */
    static RunResult traffic() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int s = 0; s < 12; s++) {
            long second = T0 + s;
            for (int i = 0; i < 20; i++) {
                long elapsed = s == 6 && i >= 10 ? 200 : 10;
                String code = "200";
                String message = "";
                if ((s == 3 || s == 4) && i < 6) {
                    code = i % 2 == 0 ? "401" : "403";
                } else if (s == 9 && i < 2) {
                    code = "401";
                } else if (s == 8 && i == 0) {
                    code = "Non HTTP response code: java.net.SocketException";
                    message = "Non HTTP response message: Connection reset";
                } else if (s == 8 && i == 1) {
                    code = "Non HTTP response code: javax.net.ssl.SSLHandshakeException";
                    message = "Non HTTP response message: Remote host terminated the handshake";
                }
                aggregator.accept(sample(second, i, elapsed, code, message));
            }
        }
        return aggregator.finish();
    }

    @Test
    void resetsHandshakeFailuresBurstsAndSpikesFollowTheRules() {
        AttackWindow attack = new AttackWindow(Instant.ofEpochSecond(T0 + 6), Instant.ofEpochMilli((T0 + 6) * 1000
                + 800), "sessions", 40L, 100.0);
        AttackWindow second = new AttackWindow(Instant.ofEpochSecond(T0 + 10), Instant.ofEpochSecond(T0 + 11),
                "sessions", 10L, 25.0);
        PostTestReport report = PostTestAnalysis.analyse(traffic(), List.of(attack, second), null);

        assertThat(report.connectionResets()).isEqualTo(1);
        assertThat(report.tlsHandshakeFailures()).isEqualTo(1);
        assertThat(report.authRejected()).isEqualTo(14);
        assertThat(report.authBursts()).containsExactly(
                new PostTestReport.Burst(T0 + 3, T0 + 5, 12, 40, false));
        assertThat(report.medianSecondP95Ms()).isEqualTo(10);
        assertThat(report.latencySpikeCount()).isEqualTo(1);
        assertThat(report.latencySpikes()).containsExactly(new PostTestReport.Spike(T0 + 6, 200, 20, true));
        assertThat(report.handshakes()).isEqualTo(50);
        assertThat(report.handshakeCpuMs()).isEqualTo(125.0);
        assertThat(report.handshakeCpuMsMean()).isEqualTo(2.5);
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void documentAnalysisWritesMeasurementsAndFindingsOnceEvenWhenRepeated() {
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null),
                RunStatus.complete(), IngestInfo.live(240), traffic());
        ResultDocument once = DocumentAnalysis.complete(document, null);
        ResultDocument twice = DocumentAnalysis.complete(once, null);
        assertThat(twice).isEqualTo(once);
        assertThat(once.security().measurements()).containsEntry("posttest.connectionResets", "1")
                .containsEntry("posttest.tlsHandshakeFailures", "1").containsEntry("posttest.authRejected", "14")
                .containsEntry("posttest.authBursts", "1").containsEntry("posttest.latencySpikes", "1");
        assertThat(once.findings()).extracting(f -> f.id()).containsExactly("posttest.connection-failures",
                "posttest.auth-bursts", "posttest.latency-spikes");
    }

    @Test
    void anOlderDocumentWithoutPerSecond401CountsStillReadsAndSaysBurstsAreUnknown() throws Exception {
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, null, null, null),
                RunStatus.complete(), IngestInfo.live(240), traffic());
        String json = ResultDocuments.toJson(document)
                .replaceAll(",\\s*\"authRejected\" : \\d+", "")
                .replaceAll(",\\s*\"attackWindows\" : \\[ \\]", "")
                .replaceAll(",\\s*\"resilience\" : null", "")
                .replaceAll(",\\s*\"analysis\" : null", "");
        assertThat(json).doesNotContain("authRejected", "attackWindows", "\"analysis\"");
        ResultDocument old = ResultDocuments.fromJson(json, "old.json");
        assertThat(old.security()).isEqualTo(SecurityData.none());

        PostTestReport report = DocumentAnalysis.complete(old, null).security().analysis();
        assertThat(report.authRejected()).isEqualTo(14);
        assertThat(report.authBursts()).isNull();
        assertThat(report.notes()).anyMatch(n -> n.contains("does not record 401/403"));
    }

    @Test
    void againstAFastTargetAOneMillisecondSecondIsNoSpikeButAFourMillisecondOneIs() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int s = 0; s < 12; s++) {
            for (int i = 0; i < 20; i++) {
                long elapsed = s == 3 || s == 5 ? 1 : s == 8 ? 4 : 0; // median per-second p95: 0 ms
                aggregator.accept(sample(T0 + s, i, elapsed, "200", ""));
            }
        }
        PostTestReport report = PostTestAnalysis.analyse(aggregator.finish(), List.of(), null);
        assertThat(report.medianSecondP95Ms()).isZero();
        assertThat(report.latencySpikes()).containsExactly(new PostTestReport.Spike(T0 + 8, 4, 20, false));
        assertThat(report.latencySpikeCount()).isEqualTo(1);
    }

    @Test
    void tooFewBusySecondsMeanNoSpikeVerdict() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 10; i++) {
                aggregator.accept(sample(T0 + s, i, s == 2 ? 500 : 10, "200", ""));
            }
        }
        PostTestReport report = PostTestAnalysis.analyse(aggregator.finish(), List.of(), null);
        assertThat(report.latencySpikeCount()).isZero();
        assertThat(report.notes()).anyMatch(n -> n.contains("spikes were not looked for"));
        assertThat(report.handshakes()).isNull();
    }
}
