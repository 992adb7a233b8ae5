package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

/** Real JMeter 5.6.3 runs against real loopback servers; assertions on what the sink received. */
class JMeterRunTest {

    @Test
    void countsEveryTopLevelSampleWithItsLabelAndFields() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            long before = System.currentTimeMillis();

            RunOutcome outcome = run(RunRequest.builder(plan("two-labels.jmx"), sink)
                    .target(server.baseUri()).property("threads", "3").property("loops", "4"));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(outcome.stopCause()).isEqualTo(RunOutcome.StopCause.NONE);
            assertThat(outcome.samples()).isEqualTo(24);
            assertThat(outcome.failedSamples()).isZero();
            assertThat(sink.countsByLabel()).containsExactlyInAnyOrderEntriesOf(Map.of("home", 12L, "api", 12L));
            assertThat(server.requestsTo("/home")).isEqualTo(12);
            assertThat(server.requestsTo("/api/items")).isEqualTo(12);
            for (Sample s : sink.samples()) {
                assertThat(s.success()).isTrue();
                assertThat(s.responseCode()).isEqualTo("200");
                assertThat(s.responseMessage()).isEqualTo("OK");
                assertThat(s.failureMessage()).isEmpty();
                assertThat(s.timeStamp()).isBetween(before, System.currentTimeMillis());
                assertThat(s.elapsed()).isGreaterThanOrEqualTo(s.latency()).isGreaterThanOrEqualTo(0);
                assertThat(s.latency()).isGreaterThanOrEqualTo(s.connect());
                assertThat(s.bytes()).isPositive();
                assertThat(s.sentBytes()).isPositive();
                assertThat(s.allThreads()).isBetween(1, 3);
            }
        }
    }

    @Test
    void httpsTargetWithSelfSignedCertificate() throws Exception {
        try (LoopbackServer server = LoopbackServer.https()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = run(RunRequest.builder(plan("two-labels.jmx"), sink)
                    .target(server.baseUri()).property("threads", "2").property("loops", "3"));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsExactlyInAnyOrderEntriesOf(Map.of("home", 6L, "api", 6L));
            assertThat(sink.samples()).allSatisfy(s -> assertThat(s.success()).isTrue());
            assertThat(server.totalRequests()).isEqualTo(12);
        }
    }

    @Test
    void targetAndPropertiesReachThePlanThroughFunctions() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            URI target = URI.create(server.baseUri() + "/shop/");

            run(RunRequest.builder(plan("two-labels.jmx"), sink)
                    .target(target).property("threads", "1").property("loops", "2"));

            // host, port and basePath came from the target through ${__P(..)}: only then does the server see these
            assertThat(server.requestsTo("/shop/home")).isEqualTo(2);
            assertThat(server.requestsTo("/shop/api/items")).isEqualTo(2);
            assertThat(server.totalRequests()).isEqualTo(4);
            assertThat(sink.size()).isEqualTo(4);
        }
    }

    @Test
    void runsTwiceInOneJvmAndPropertiesDoNotLeak() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink first = new CollectingSink();
            CollectingSink second = new CollectingSink();

            RunOutcome one = run(RunRequest.builder(plan("two-labels.jmx"), first)
                    .target(server.baseUri()).property("threads", "2").property("loops", "7"));
            RunOutcome two = run(RunRequest.builder(plan("two-labels.jmx"), second).target(server.baseUri()));

            assertThat(one.samples()).isEqualTo(28);
            assertThat(first.size()).isEqualTo(28);
            // the plan's defaults (2 threads, 5 loops) apply again: "loops=7" was removed after the first run
            assertThat(two.samples()).isEqualTo(20);
            assertThat(second.size()).isEqualTo(20);
            assertThat(JMeterUtils.getJMeterProperties().get("loops")).isNull();
            assertThat(JMeterUtils.getJMeterProperties().get(RunRequest.HOST)).isNull();
        }
    }

    @Test
    void assertionFailureMessageIsKept() throws Exception {
        try (LoopbackServer server = LoopbackServer.http().respond("/api/items", 200, "{}")) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = run(RunRequest.builder(plan("two-labels.jmx"), sink)
                    .target(server.baseUri()).property("threads", "1").property("loops", "3"));

            assertThat(outcome.failedSamples()).isEqualTo(3);
            assertThat(sink.samples()).filteredOn(s -> s.label().equals("api")).hasSize(3).allSatisfy(s -> {
                assertThat(s.success()).isFalse();
                assertThat(s.responseCode()).isEqualTo("200");
                assertThat(s.failureMessage()).contains("items");
            });
            assertThat(sink.samples()).filteredOn(s -> s.label().equals("home"))
                    .allSatisfy(s -> assertThat(s.success()).isTrue());
        }
    }

    @Test
    void httpErrorStatusesArriveAsJMeterReportsThem() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            Sample unauthorized = single(probe(server, "/status/401"));
            Sample serverError = single(probe(server, "/status/500"));

            assertThat(unauthorized.success()).isFalse();
            assertThat(unauthorized.responseCode()).isEqualTo("401");
            assertThat(serverError.success()).isFalse();
            assertThat(serverError.responseCode()).isEqualTo("500");
        }
    }

    @Test
    void stalledResponseTimesOutAtTheSamplersResponseTimeout() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();

            run(RunRequest.builder(plan("single-request.jmx"), sink).target(server.baseUri())
                    .property("path", "/stall").property("responseTimeout", "300").property("loops", "1"));

            Sample timedOut = single(sink);
            assertThat(timedOut.success()).isFalse();
            assertThat(timedOut.responseCode()).contains("java.net.SocketTimeoutException");
            // ended by the client's timeout, well before the server would have answered
            assertThat(timedOut.elapsed()).isBetween(250L, LoopbackServer.STALL_MILLIS - 500);
        }
    }

    @Test
    void connectionResetByTheServer() throws Exception {
        try (RawSocketServer server = RawSocketServer.resetting()) {
            CollectingSink sink = new CollectingSink();

            run(RunRequest.builder(plan("single-request.jmx"), sink)
                    .property("host", "127.0.0.1").property("port", Integer.toString(server.port()))
                    .property("loops", "3"));

            assertThat(sink.samples()).hasSize(3).allSatisfy(s -> {
                assertThat(s.success()).isFalse();
                assertThat(s.responseCode()).contains("java.net.SocketException");
                assertThat(s.responseMessage()).contains("Connection reset");
            });
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void closedPortMakesEverySampleConnectionRefused() throws Exception {
        int closed = closedPort();
        CollectingSink sink = new CollectingSink();

        // no target: host/port only as properties, so the pre-flight check is skipped and JMeter meets the closed port
        RunOutcome outcome = run(RunRequest.builder(plan("single-request.jmx"), sink)
                .property("host", "127.0.0.1").property("port", Integer.toString(closed)).property("loops", "4"));

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
        assertThat(outcome.samples()).isEqualTo(4);
        assertThat(outcome.connectionRefusedSamples()).isEqualTo(4);
        assertThat(outcome.targetRefusedEverySample()).isTrue();
        assertThat(sink.samples()).allSatisfy(s -> assertThat(s.responseMessage()).contains("Connection refused"));
    }

    @Test
    void unreachableTargetFailsBeforeAnyLoad() throws Exception {
        int closed = closedPort();
        CollectingSink sink = new CollectingSink();
        RunRequest request = RunRequest.builder(plan("two-labels.jmx"), sink)
                .target(URI.create("https://127.0.0.1:" + closed)).build();

        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> new JMeterRun(request).run());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("target https://127.0.0.1:" + closed + " is unreachable: connection refused");
        assertThat(sink.size()).isZero();
    }

    @Test
    void badPlanFailsWithPlanExceptionAndSendsNothing() {
        CollectingSink sink = new CollectingSink();
        RunRequest request = RunRequest.builder(plan("bad/jdbc-sampler.jmx"), sink).build();

        assertThatThrownBy(() -> new JMeterRun(request).run()).isInstanceOf(PlanException.class)
                .hasMessageContaining("ApacheJMeter_jdbc");
        assertThat(sink.size()).isZero();
    }

    @Test
    @Tag("slow")
    void stopMidRunReturnsPartialResultsQuickly() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            JMeterRun run = new JMeterRun(RunRequest.builder(plan("endless.jmx"), sink)
                    .target(server.baseUri()).property("threads", "4").property("thinkMs", "5").build());
            CompletableFuture<RunOutcome> outcome = runAsync(run);
            awaitSamples(sink, 50);

            long stopStart = System.nanoTime();
            run.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStart);

            // stop() returns once run() has passed its last statement; the future completes a moment later
            RunOutcome result = outcome.get(2, java.util.concurrent.TimeUnit.SECONDS);
            // a graceful stop: well within the 10 s after which running samplers would be interrupted
            assertThat(stopTook).isLessThan(Duration.ofSeconds(5));
            assertThat(result.status()).isEqualTo(RunOutcome.Status.STOPPED);
            assertThat(result.stopCause()).isEqualTo(RunOutcome.StopCause.USER);
            assertThat(result.samples()).isGreaterThanOrEqualTo(50).isEqualTo(sink.size());
            int afterReturn = sink.size();
            Thread.sleep(300);
            assertThat(sink.size()).as("no samples after run() returned").isEqualTo(afterReturn);
            assertThat(server.totalRequests()).isEqualTo(afterReturn);
        }
    }

    @Test
    void stopBeforeTheEngineStartsSendsNothing() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            JMeterRun run = new JMeterRun(RunRequest.builder(plan("endless.jmx"), sink)
                    .target(server.baseUri()).build());

            run.stop();
            RunOutcome outcome = run.run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.STOPPED);
            assertThat(outcome.stopCause()).isEqualTo(RunOutcome.StopCause.USER);
            assertThat(outcome.samples()).isZero();
            assertThat(server.totalRequests()).isZero();
        }
    }

    @Test
    @Tag("slow")
    void durationIsAHardStopForPlansThatIgnoreIt() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = run(RunRequest.builder(plan("endless.jmx"), sink).target(server.baseUri())
                    .duration(Duration.ofSeconds(1)).durationGrace(Duration.ofMillis(500)));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.STOPPED);
            assertThat(outcome.stopCause()).isEqualTo(RunOutcome.StopCause.DURATION);
            assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(1_400), Duration.ofSeconds(8));
            assertThat(outcome.samples()).isPositive().isEqualTo(sink.size());
        }
    }

    @Test
    @Tag("slow")
    void planThatHonoursDurationCompletesByItself() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = run(RunRequest.builder(plan("timed.jmx"), sink).target(server.baseUri())
                    .duration(Duration.ofSeconds(1)).durationGrace(Duration.ofSeconds(5)));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(900), Duration.ofMillis(5_500));
            assertThat(sink.size()).isPositive();
        }
    }

    @Test
    @Tag("slow")
    void progressArrivesOncePerSecondFromARunnerThread() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            List<Progress> reports = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            CollectingSink sink = new CollectingSink();

            run(RunRequest.builder(plan("endless.jmx"), sink).target(server.baseUri())
                    .duration(Duration.ofMillis(2_500)).durationGrace(Duration.ZERO)
                    .progress(p -> {
                        reports.add(p);
                        threads.add(Thread.currentThread().getName());
                    }));

            assertThat(reports).hasSizeBetween(2, 5);
            assertThat(threads).containsOnly("secperf-progress");
            Progress first = reports.get(0);
            assertThat(first.elapsed()).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
            // counts only grow, and the run's samples show up (on a loaded machine the first second may hold none)
            assertThat(first.activeThreads()).isEqualTo(2);
            assertThat(reports).extracting(Progress::samples).isSorted();
            Progress last = reports.get(reports.size() - 1);
            assertThat(last.samples()).isPositive();
            assertThat(reports).anySatisfy(p -> assertThat(p.requestsPerSecond()).isPositive());
            assertThat(reports.get(reports.size() - 1).samples()).isLessThanOrEqualTo(sink.size());
        }
    }

    @Test
    void failingSinkStopsTheRunAsFailedAndKeepsWhatWasDelivered() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink kept = new CollectingSink();
            AtomicInteger calls = new AtomicInteger();
            SampleSink diskFull = sample -> {
                if (calls.incrementAndGet() > 5) {
                    throw new IllegalStateException("disk full");
                }
                kept.accept(sample);
            };

            RunOutcome outcome = run(RunRequest.builder(plan("endless.jmx"), diskFull)
                    .target(server.baseUri()).property("thinkMs", "1"));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
            assertThat(outcome.failure()).isEqualTo("sample sink failed: IllegalStateException: disk full");
            assertThat(kept.size()).isEqualTo(5);
            assertThat(outcome.samples()).isGreaterThan(5);
        }
    }

    @Test
    void engineCrashIsReportedAsFailed() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();

            RunOutcome outcome = run(RunRequest.builder(plan("bad/engine-crash.jmx"), sink).target(server.baseUri()));

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
            assertThat(outcome.failure()).startsWith("JMeter engine failed: ")
                    .contains("boom from a plan element");
            assertThat(server.totalRequests()).isZero();
        }
        // and the JVM is still good for the next run
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            assertThat(run(RunRequest.builder(plan("single-request.jmx"), sink).target(server.baseUri())
                    .property("loops", "2")).samples()).isEqualTo(2);
            assertThat(sink.samples()).allSatisfy(s -> assertThat(s.allThreads()).isEqualTo(1));
        }
    }

    @Test
    @Tag("slow")
    void onlyOneRunAtATimePerJvm() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            CollectingSink sink = new CollectingSink();
            JMeterRun first = new JMeterRun(RunRequest.builder(plan("endless.jmx"), sink)
                    .target(server.baseUri()).build());
            CompletableFuture<RunOutcome> running = runAsync(first);
            awaitSamples(sink, 1);

            JMeterRun second = new JMeterRun(RunRequest.builder(plan("two-labels.jmx"), new CollectingSink())
                    .target(server.baseUri()).build());
            assertThatThrownBy(second::run).isInstanceOf(IllegalStateException.class)
                    .hasMessage("another JMeter run is active in this JVM");

            first.stop();
            assertThat(running.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunOutcome.Status.STOPPED);
            assertThatThrownBy(first::run).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void logsGoToTheRequestedFileAndNeverToJMeterLogInTheWorkingDirectory(@TempDir Path out) throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            Path log = out.resolve("jmeter-run.log");

            run(RunRequest.builder(plan("single-request.jmx"), new CollectingSink())
                    .target(server.baseUri()).property("loops", "1").property("apiToken", "s3cr3t-t0ken")
                    .logFile(log));

            assertThat(log).exists();
            assertThat(Files.readString(log)).contains("Running the test!").doesNotContain("s3cr3t-t0ken");
            assertThat(Path.of("jmeter.log")).doesNotExist();
            long size = Files.size(log);
            run(RunRequest.builder(plan("single-request.jmx"), new CollectingSink())
                    .target(server.baseUri()).property("loops", "1"));
            assertThat(Files.size(log)).as("appender detached after the run").isEqualTo(size);
        }
    }

    static RunOutcome run(RunRequest.Builder request) throws Exception {
        return new JMeterRun(request.build()).run();
    }

    private static CollectingSink probe(LoopbackServer server, String path) throws Exception {
        CollectingSink sink = new CollectingSink();
        run(RunRequest.builder(plan("single-request.jmx"), sink).target(server.baseUri())
                .property("path", path).property("loops", "1"));
        return sink;
    }

    private static Sample single(CollectingSink sink) {
        assertThat(sink.samples()).hasSize(1);
        return sink.samples().get(0);
    }

    static CompletableFuture<RunOutcome> runAsync(JMeterRun run) {
        CompletableFuture<RunOutcome> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(run.run());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "test-run");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    static void awaitSamples(CollectingSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + sink.size() + " samples after 20 s");
            }
            Thread.sleep(20);
        }
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
