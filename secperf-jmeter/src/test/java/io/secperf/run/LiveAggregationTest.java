package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.jtl.Jtl;
import io.secperf.jtl.JtlReadStats;
import io.secperf.result.ErrorClass;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultAggregator;
import io.secperf.result.RunResult;
import io.secperf.result.Sample;

/**
 * The runner feeding secperf's real aggregator: error classes through the whole stack (JMeter sampler, listener,
 * {@link ErrorClass}), percentiles against an exact computation, and a JTL written by JMeter's own ResultCollector
 * ingested back to the same numbers.
 */
class LiveAggregationTest {

    @Test
    void percentilesMatchAnExactComputationOverTheSameSamples() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            ResultAggregator aggregator = new ResultAggregator();
            CollectingSink raw = new CollectingSink();

            JMeterRunTest.run(RunRequest.builder(plan("single-request.jmx"), tee(aggregator, raw))
                    .target(server.baseUri()).property("path", "/jitter")
                    .property("threads", "4").property("loops", "60"));

            RunResult result = aggregator.finish();
            List<Sample> samples = raw.samples();
            assertThat(samples).hasSize(240);
            LabelStats probe = result.label("probe");
            assertThat(probe.count()).isEqualTo(240);
            assertThat(result.overall().count()).isEqualTo(240);
            long[] sorted = samples.stream().mapToLong(Sample::elapsed).sorted().toArray();
            assertThat(sorted[sorted.length - 1] - sorted[0]).as("the server's jitter spreads the times").isPositive();
            assertThat(probe.minMs()).isEqualTo(sorted[0]);
            assertThat(probe.maxMs()).isEqualTo(sorted[sorted.length - 1]);
            assertThat(probe.meanMs()).isCloseTo(java.util.Arrays.stream(sorted).average().orElseThrow(),
                    within(1e-9));
            assertPercentile(probe.p50Ms(), sorted, 50);
            assertPercentile(probe.p90Ms(), sorted, 90);
            assertPercentile(probe.p95Ms(), sorted, 95);
            assertPercentile(probe.p99Ms(), sorted, 99);
            assertPercentile(probe.p999Ms(), sorted, 99.9);
            assertThat(probe.receivedBytes()).isEqualTo(samples.stream().mapToLong(Sample::bytes).sum());
            assertThat(probe.connectSumMs()).isEqualTo(samples.stream().mapToLong(Sample::connect).sum());
        }
    }

    @Test
    @Tag("slow")
    void everyErrorClassThroughTheRealStack() throws Exception {
        try (LoopbackServer http = LoopbackServer.http();
             LoopbackServer assertionFails = LoopbackServer.http().respond("/api/items", 200, "{}");
             RawSocketServer resetting = RawSocketServer.resetting();
             RawSocketServer plaintext = RawSocketServer.replying("HTTP/1.1 400 Bad Request\r\n\r\n")) {
            int closed = JMeterRunTest.closedPort();

            assertThat(errorClasses(http.baseUri(), "/status/401")).containsOnlyKeys(ErrorClass.AUTH_REJECTED);
            assertThat(errorClasses(http.baseUri(), "/status/403")).containsOnlyKeys(ErrorClass.AUTH_REJECTED);
            assertThat(errorClasses(http.baseUri(), "/status/404")).containsOnlyKeys(ErrorClass.HTTP_4XX);
            assertThat(errorClasses(http.baseUri(), "/status/500")).containsOnlyKeys(ErrorClass.HTTP_5XX);
            assertThat(errorClasses(http.baseUri(), "/stall")).containsOnlyKeys(ErrorClass.TIMEOUT);
            assertThat(errorClasses(URI.create("http://127.0.0.1:" + resetting.port()), "/"))
                    .containsOnlyKeys(ErrorClass.CONNECTION_RESET);
            assertThat(errorClasses(URI.create("http://127.0.0.1:" + closed), "/"))
                    .containsOnlyKeys(ErrorClass.CONNECTION_REFUSED);
            // an https sampler meeting a plain-text answer fails in the TLS handshake
            assertThat(errorClasses(URI.create("https://127.0.0.1:" + plaintext.port()), "/"))
                    .containsOnlyKeys(ErrorClass.TLS_HANDSHAKE);

            ResultAggregator aggregator = new ResultAggregator();
            JMeterRunTest.run(RunRequest.builder(plan("two-labels.jmx"), aggregator)
                    .target(assertionFails.baseUri()).property("threads", "1").property("loops", "2"));
            assertThat(nonZero(aggregator.finish().label("api").errorsByClass()))
                    .containsExactly(Map.entry(ErrorClass.ASSERTION, 2L));
        }
    }

    @Test
    void jtlWrittenByJMetersResultCollectorIngestsToTheLiveNumbers(@TempDir Path dir) throws Exception {
        Path jtl = dir.resolve("stock.jtl");
        try (LoopbackServer server = LoopbackServer.http()) {
            ResultAggregator live = new ResultAggregator();

            RunOutcome outcome = JMeterRunTest.run(RunRequest.builder(plan("stock-jtl.jmx"), live)
                    .target(server.baseUri()).property("jtlFile", jtl.toString()));

            assertThat(outcome.samples()).isEqualTo(200);
            assertThat(jtl).isNotEmptyFile();
            assertThat(Files.readAllLines(jtl).get(0)).startsWith("timeStamp,elapsed,label,responseCode");

            ResultAggregator ingested = new ResultAggregator();
            JtlReadStats stats = Jtl.read(jtl, ingested);

            assertThat(stats.rowsRead()).isEqualTo(200);
            assertThat(stats.rowsSkipped()).isZero();
            RunResult fromLive = live.finish();
            RunResult fromJtl = ingested.finish();
            assertThat(fromLive.label("flaky").errors()).as("the flaky endpoint fails every third time").isPositive();
            for (String label : List.of("steady", "flaky", RunResult.OVERALL_LABEL)) {
                LabelStats a = label.equals(RunResult.OVERALL_LABEL) ? fromLive.overall() : fromLive.label(label);
                LabelStats b = label.equals(RunResult.OVERALL_LABEL) ? fromJtl.overall() : fromJtl.label(label);
                assertThat(b).as(label).usingRecursiveComparison().isEqualTo(a);
            }
            assertThat(fromJtl.timeSeries()).usingRecursiveComparison().isEqualTo(fromLive.timeSeries());
        }
    }

    private static Map<ErrorClass, Long> errorClasses(URI target, String path) throws Exception {
        ResultAggregator aggregator = new ResultAggregator();
        JMeterRunTest.run(RunRequest.builder(plan("single-request.jmx"), aggregator)
                .property("protocol", target.getScheme()).property("host", target.getHost())
                .property("port", Integer.toString(target.getPort()))
                .property("path", path).property("loops", "2")
                // only the stall needs a short timeout; 5 s elsewhere, so a busy machine cannot cause timeouts
                .property("responseTimeout", path.equals("/stall") ? "1000" : "5000"));
        LabelStats probe = aggregator.finish().label("probe");
        assertThat(probe.count()).isEqualTo(2);
        assertThat(probe.errors()).isEqualTo(2);
        return nonZero(probe.errorsByClass());
    }

    private static Map<ErrorClass, Long> nonZero(Map<ErrorClass, Long> byClass) {
        return byClass.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** HdrHistogram's nearest-rank definition; times here are far below 2048 ms, where 3 digits are exact. */
    private static void assertPercentile(long actual, long[] sorted, double percentile) {
        int rank = (int) Math.max(1, Math.ceil(Math.nextDown(percentile) * sorted.length / 100.0));
        long exact = sorted[rank - 1];
        assertThat(actual).as("p%s", percentile).isCloseTo(exact, within(Math.max(0, exact / 1000)));
    }

    private static io.secperf.result.SampleSink tee(ResultAggregator aggregator, CollectingSink raw) {
        return sample -> {
            aggregator.accept(sample);
            raw.accept(sample);
        };
    }
}
