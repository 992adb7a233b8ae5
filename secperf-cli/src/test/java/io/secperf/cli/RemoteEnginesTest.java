package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.ext.StockJMeterHome;
import io.secperf.result.AttackWindow;
import io.secperf.result.EngineCount;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.ResultAggregator;
import io.secperf.result.RunState;
import io.secperf.run.JMeterRun;
import io.secperf.run.RemoteEngines;
import io.secperf.run.RunOutcome;
import io.secperf.run.RunRequest;

/**
 * {@code secperf run --remote}: the plan's load on two stock {@code jmeter-server}s (JMeter 5.6.3 from Maven Central,
 * secperf-jmeter-ext in lib/ext, RMI SSL off, loopback ports of their own) through JMeter's distributed runner, with
 * the security checks once on this JVM as controller. Every count is checked against what each server logged itself.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RemoteEnginesTest {

    @TempDir
    static Path dir;

    private Path home;
    private JMeterServer first;
    private JMeterServer second;

    @BeforeAll
    void startTwoServers() throws Exception {
        // the samples come back to objects this JVM exports: the servers must call them on loopback
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        home = StockJMeterHome.withSecperfJar();
        first = JMeterServer.start(home, null, dir.resolve("servers"), "first");
        second = JMeterServer.start(home, null, dir.resolve("servers"), "second");
    }

    @AfterAll
    void stopServers() throws Exception {
        // the servers' logs outlive the temporary directory, for the diagnosis of a failure
        Path keep = Path.of("target", "remote-engines");
        Files.createDirectories(keep);
        try (Stream<Path> files = Files.list(dir.resolve("servers"))) {
            for (Path file : files.toList()) {
                Files.copy(file, keep.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (JMeterServer server : new JMeterServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Path plan() {
        return SecperfCommandLineTest.plan("remote-counted.jmx");
    }

    @Test
    void theLoadRunsOnBothEnginesTheSecurityChecksOnceAndEverySampleArrives() throws Exception {
        Path out = dir.resolve("both");
        long firstBefore = first.samplesLogged();
        long secondBefore = second.samplesLogged();
        CliOutcome run;
        long floodRequests;
        long loadOnSecurityTarget;
        // the checks go to an HTTPS server (TLS probe, flood), the engines' load to a plain HTTP one
        try (SelfSignedHttpsServer checked = new SelfSignedHttpsServer(); TestTarget target = new TestTarget()) {
            String url = "https://127.0.0.1:" + checked.port() + "/";
            Path yaml = Files.writeString(dir.resolve("security.yaml"), "target:\n  url: " + url
                    + "\n  insecure: true\nattack:\n  flood: {endpoints: [GET /flood], rate: 10, duration: 1s,"
                    + " concurrency: 1}\n");
            run = secperf("run", "--plan", plan().toString(), "--target", target.uri().toString(), "-Jthreads=2",
                    "-Jloops=-1",
                    "-Jserver.rmi.ssl.disable=true", "--duration", "6",
                    "--remote", first.address() + "," + second.address(),
                    "--security", yaml.toString(), "--preflight", "warn", "--warmup", "1s",
                    "--out", out.toString(), "--progress", "none");
            floodRequests = checked.requests("/flood");
            loadOnSecurityTarget = checked.requests("/home") + checked.requests("/api/items");
        }

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("on 2 remote engines (" + first.address() + ", " + second.address() + ")");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        long firstTook = first.samplesLogged() - firstBefore;
        long secondTook = second.samplesLogged() - secondBefore;
        assertThat(firstTook).as("samples the first server logged").isPositive();
        assertThat(secondTook).as("samples the second server logged").isPositive();
        List<EngineCount> engines = document.ingest().engines();
        assertThat(engines).extracting(EngineCount::engine).containsExactly(first.address(), second.address());
        assertThat(engines.get(0).samples()).as("received from the first").isEqualTo(firstTook);
        assertThat(engines.get(1).samples()).as("received from the second").isEqualTo(secondTook);
        assertThat(engines).allSatisfy(engine -> {
            assertThat(engine.state()).isEqualTo(EngineCount.STOPPED); // by --duration
            assertThat(engine.start()).isNotNull();
            assertThat(engine.stop()).isAfter(engine.start());
        });
        assertThat(document.result().overall().count()).isEqualTo(firstTook + secondTook);
        assertThat(document.ingest().rowsRead()).isEqualTo(firstTook + secondTook);
        assertThat(document.status().state()).isEqualTo(RunState.COMPLETE);

        // the preflight and the attack ran once, on the controller: no server took a secperf sample ...
        assertThat(Stream.concat(first.labelsLogged().stream(), second.labelsLogged().stream()).distinct())
                .containsExactlyInAnyOrder("home", "api");
        assertThat(document.security().checks()).contains("tls", "attack");
        assertThat(document.security().measurements()).containsKey("tls.grade");
        // ... the flood made one window and at most what one flood of 10 requests/s for 1 s sends
        assertThat(document.security().attackWindows()).extracting(AttackWindow::kind).containsExactly("flood");
        assertThat(floodRequests).isBetween(1L, 12L);
        assertThat(loadOnSecurityTarget).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains(first.address()).contains(second.address());
    }

    @Test
    void anEngineKilledMidRunIsNamedWithItsTimeAndTheOtherGoesOnWhenTheMinimumHolds() throws Exception {
        Path out = dir.resolve("killed");
        try (TestTarget target = new TestTarget();
             JMeterServer doomed = JMeterServer.start(home, null, dir.resolve("servers"), "doomed")) {
            long firstBefore = first.samplesLogged();
            CompletableFuture<CliOutcome> running = CompletableFuture.supplyAsync(() -> secperf("run", "--plan",
                    plan().toString(), "--target", target.uri().toString(), "-Jthreads=1", "-Jloops=-1",
                    "-Jserver.rmi.ssl.disable=true", "--duration", "15",
                    "--remote", first.address() + "," + doomed.address(), "--remote-min", "1",
                    "--out", out.toString(), "--progress", "none"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (doomed.samplesLogged() < 20 && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(100);
            }
            assertThat(doomed.samplesLogged()).as("the doomed server ran samples before it died").isPositive();
            doomed.kill();
            long killedAt = System.currentTimeMillis();
            long doomedTook = doomed.samplesLogged();
            CliOutcome run = running.get(3, TimeUnit.MINUTES);

            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            long firstTook = first.samplesLogged() - firstBefore;
            EngineCount survivor = document.ingest().engines().get(0);
            EngineCount lost = document.ingest().engines().get(1);
            assertThat(survivor.engine()).isEqualTo(first.address());
            assertThat(survivor.samples()).isEqualTo(firstTook);
            assertThat(lost.engine()).isEqualTo(doomed.address());
            assertThat(lost.state()).isEqualTo(EngineCount.LOST);
            assertThat(lost.stop().toEpochMilli()).as("lost when it was killed")
                    .isBetween(killedAt - 1000, killedAt + 10_000);
            assertThat(lost.reason()).contains("stopped answering");
            // what arrived before the kill is kept; what it had not sent yet (a batch at most) is all that is missing
            assertThat(lost.samples()).isPositive().isLessThanOrEqualTo(doomedTook);
            assertThat(document.result().overall().count()).isEqualTo(survivor.samples() + lost.samples());
            assertThat(document.status().state()).isEqualTo(RunState.PARTIAL);
            assertThat(document.status().reason()).contains("remote engine " + doomed.address()
                    + " stopped answering at ").contains("the run went on with 1 engine");
        }
    }

    /** Ctrl-C and SIGTERM call {@link JMeterRun#stop()} (StopOnSignal); it must reach every engine. */
    @Test
    void stoppingTheRunStopsEveryEngineAndKeepsEverythingThatArrived() throws Exception {
        try (TestTarget target = new TestTarget()) {
            ResultAggregator aggregator = new ResultAggregator();
            long firstBefore = first.samplesLogged();
            long secondBefore = second.samplesLogged();
            JMeterRun run = new JMeterRun(RunRequest.builder(plan(), aggregator).target(target.uri())
                    .property("threads", "1").property("loops", "-1").property("server.rmi.ssl.disable", "true")
                    .logFile(dir.resolve("stopped-jmeter.log"))
                    .remote(RemoteEngines.parse(first.address() + "," + second.address(), 0)).build());
            CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((first.samplesLogged() - firstBefore < 5 || second.samplesLogged() - secondBefore < 5)
                    && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(100);
            }
            run.stop();
            RunOutcome outcome = running.get(2, TimeUnit.MINUTES);

            assertThat(outcome.status()).as(String.valueOf(outcome.failure())).isEqualTo(RunOutcome.Status.STOPPED);
            assertThat(outcome.stopCause()).isEqualTo(RunOutcome.StopCause.USER);
            assertThat(outcome.engines()).extracting(EngineCount::state)
                    .containsExactly(EngineCount.STOPPED, EngineCount.STOPPED);
            long firstTook = first.samplesLogged() - firstBefore;
            long secondTook = second.samplesLogged() - secondBefore;
            assertThat(firstTook).isPositive();
            assertThat(secondTook).isPositive();
            assertThat(aggregator.finish().overall().count()).isEqualTo(firstTook + secondTook);
            Thread.sleep(2000);
            assertThat(first.samplesLogged() - firstBefore).as("the first engine stopped sampling").isEqualTo(firstTook);
            assertThat(second.samplesLogged() - secondBefore).as("the second too").isEqualTo(secondTook);
        }
    }

    @Test
    void anEngineThatIsNotRunningIsNamedWithTheUnreachableExitCodeUnlessTheMinimumAllowsIt() throws Exception {
        String nobody = "127.0.0.1:" + JMeterServer.freePort();
        long firstBefore = first.samplesLogged();
        try (TestTarget target = new TestTarget()) {
            CliOutcome refused = secperf("run", "--plan", plan().toString(), "--target", target.uri().toString(),
                    "-Jthreads=1", "-Jloops=3", "-Jserver.rmi.ssl.disable=true",
                    "--remote", first.address() + "," + nobody, "--out", dir.resolve("refused").toString(),
                    "--progress", "none");
            assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
            assertThat(refused.err()).contains("remote engine " + nobody + " is unreachable")
                    .contains("nothing was started").doesNotContain(first.address() + " is unreachable");
            assertThat(first.samplesLogged()).as("the engine that answered was not started").isEqualTo(firstBefore);

            Path out = dir.resolve("without");
            CliOutcome without = secperf("run", "--plan", plan().toString(), "--target", target.uri().toString(),
                    "-Jthreads=1", "-Jloops=3", "-Jserver.rmi.ssl.disable=true",
                    "--remote", first.address() + "," + nobody, "--remote-min", "1", "--out", out.toString(),
                    "--progress", "none");
            assertThat(without.code()).as(without.out() + without.err()).isEqualTo(ExitCode.OK.code());
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.result().overall().count()).isEqualTo(6).isEqualTo(first.samplesLogged() - firstBefore);
            assertThat(document.ingest().engines()).extracting(EngineCount::engine, EngineCount::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(first.address(), EngineCount.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple(nobody, EngineCount.UNREACHABLE));
        }
    }

    @Test
    void aServerWithoutTheSamplersIsNamedBeforeAnyEngineStarts() throws Exception {
        Path bare = bareHome();
        long firstBefore = first.samplesLogged();
        try (TestTarget target = new TestTarget();
             JMeterServer plain = JMeterServer.start(home, bare, dir.resolve("servers"), "plain")) {
            CliOutcome run = secperf("run", "--plan", plan().toString(), "--target", target.uri().toString(),
                    "-Jthreads=1", "-Jloops=3", "-Jserver.rmi.ssl.disable=true",
                    "--remote", first.address() + "," + plain.address(), "--out", dir.resolve("bare").toString(),
                    "--progress", "none");
            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
            assertThat(run.err()).contains("remote engine " + plain.address() + " lacks secperf-jmeter-ext")
                    .doesNotContain(first.address() + " lacks");
            assertThat(first.samplesLogged()).isEqualTo(firstBefore);
        }
    }

    @Test
    void badRemoteOptionsAreUsageErrors() {
        CliOutcome port = secperf("run", "--plan", plan().toString(), "--remote", "127.0.0.1:99999",
                "--out", dir.resolve("u1").toString());
        assertThat(port.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(port.err()).contains("remote engine '127.0.0.1:99999' has no valid port");
        CliOutcome min = secperf("run", "--plan", plan().toString(), "--remote", "a,b", "--remote-min", "3",
                "--out", dir.resolve("u2").toString());
        assertThat(min.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(min.err()).contains("between 1 and 2");
        CliOutcome alone = secperf("run", "--plan", plan().toString(), "--remote-min", "1",
                "--out", dir.resolve("u3").toString());
        assertThat(alone.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(alone.err()).contains("--remote-min needs --remote");
    }

    /** The stock home without secperf's jar: links to everything else (JMeter takes lib/ from -Djmeter.home). */
    private Path bareHome() throws Exception {
        Path bare = dir.resolve("bare-home");
        Files.createDirectories(bare.resolve("lib/ext"));
        Files.createDirectories(bare.resolve("lib/junit"));
        Files.createSymbolicLink(bare.resolve("bin"), home.resolve("bin"));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(bare.resolve("lib").resolve(jar.getFileName()), jar);
            }
        }
        try (Stream<Path> jars = Files.list(home.resolve("lib/ext"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("ApacheJMeter_")).toList()) {
                Files.createSymbolicLink(bare.resolve("lib/ext").resolve(jar.getFileName()), jar);
            }
        }
        return bare;
    }
}
