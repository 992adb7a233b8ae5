package io.secperf.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.jmeter.engine.ClientJMeterEngine;
import org.apache.jmeter.engine.DistributedRunner;
import org.apache.jmeter.engine.JMeterEngine;
import org.apache.jmeter.engine.JMeterEngineException;
import org.apache.jmeter.engine.RemoteJMeterEngine;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.rmi.RmiUtils;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.secperf.augment.PlanAugmenter;
import io.secperf.augment.PreflightListener;
import io.secperf.result.EngineCount;
import io.secperf.result.GeneratorInfo;
import io.secperf.run.RunOutcome.Status;
import io.secperf.run.RunOutcome.StopCause;
import io.secperf.sampler.ExtInstalled;

/**
 * A run on JMeter's own remote engines ({@code jmeter-server}), driven through JMeter's {@link DistributedRunner} and
 * {@link ClientJMeterEngine}: the plan's load thread groups go to every engine, their samples come back through
 * JMeter's remote listener machinery in its {@code StrippedBatch} mode (every sample, without response bodies, in
 * batches) and go into the same sink as a local run's, counted per engine.
 *
 * <p>What secperf injected for {@code --security} runs once, here on the controller: the preflight to its end before
 * any engine starts (an abort starts none), then the attacks and the fuzzer next to the remote load (their warm-up,
 * like {@code --duration}, counts from the first sample the engines send: starting their threads takes them
 * seconds), so their findings, measurements and attack windows arrive whole and are measured on one clock.
 *
 * <p>Faults: engines that do not answer (or lack secperf-jmeter-ext) are named before anything starts; the run goes
 * on without them only when {@link RemoteEngines#minimum()} still holds. An engine that stops answering during the
 * run (its RMI registry port is probed every second) is marked lost with the time; the others go on while the minimum
 * holds; samples received from it are kept.
 */
final class RemoteRun {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteRun.class);

    /** JMeter's sample sender mode: every sample, response data stripped, sent in batches. */
    static final String SAMPLE_SENDER_MODE = "StrippedBatch";
    /** A batch leaves an engine after this many samples ... */
    static final int BATCH_SAMPLES = 100;
    /** ... or when a sample arrives this long after the last batch (JMeter's default is a minute). */
    static final long BATCH_MILLIS = 1000;
    private static final long POLL_MILLIS = 50;
    private static final long PROBE_MILLIS = 1000;
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    /** Failed probes in a row after which an engine counts as lost. */
    private static final int LOST_AFTER = 2;
    private static final Duration HARD_STOP_WAIT = Duration.ofSeconds(5);
    /** How long the engines may take from the start command to their first sample before --duration runs anyway. */
    static final Duration START_ALLOWANCE = Duration.ofSeconds(30);

    private final RunRequest request;
    private final RemoteEngines remote;
    private final BooleanSupplier stopRequested;
    private final BooleanSupplier sinkFailed;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    /** secperf's attack and fuzz groups, run here once the remote load has begun; null when there are none. */
    private HashTree hostileTree;
    private StandardJMeterEngine hostile;

    RemoteRun(RunRequest request, BooleanSupplier stopRequested, BooleanSupplier sinkFailed) {
        this.request = request;
        this.remote = request.remote();
        this.stopRequested = stopRequested;
        this.sinkFailed = sinkFailed;
        remote.engines().forEach(engine -> tracks.put(engine, new Track(engine)));
    }

    RunOutcome execute(HashTree tree, LiveSampleListener live) throws EngineUnreachableException {
        Object testPlan = tree.getArray()[0];
        HashTree engineTree = only(tree, false, false);
        HashTree preflightTree = only(tree, true, true);
        HashTree attacks = only(tree, true, false);

        Instant started = Instant.now();
        JMeterUtils.setProperty("mode", SAMPLE_SENDER_MODE);
        JMeterUtils.setProperty("num_sample_threshold", Integer.toString(BATCH_SAMPLES));
        JMeterUtils.setProperty("time_threshold", Long.toString(BATCH_MILLIS));
        JMeterUtils.setProperty(DistributedRunner.RETRIES_NUMBER, "1");
        JMeterUtils.setProperty(DistributedRunner.CONTINUE_ON_FAIL, "true");

        Runner runner = new Runner(remoteProperties(), live);
        try {
            runner.init(remote.engines(), engineTree);
        } catch (RuntimeException noneAnswered) {
            // JMeter's runner gives up when no engine at all could be configured; the failures are recorded
            LOG.info("no remote engine could be configured: {}", noneAnswered.toString());
        }
        List<String> answered = new ArrayList<>(runner.configured());
        List<String> silent = remote.engines().stream().filter(e -> !answered.contains(e)).toList();
        silent.forEach(engine -> tracks.get(engine).unreachable(runner.failure(engine)));
        if (answered.size() < remote.minimum()) {
            throw new EngineUnreachableException(silent, unreachableMessage(silent, runner, answered.size()));
        }
        List<String> withoutExt = new ArrayList<>();
        for (String engine : answered) {
            if (!extInstalled(engine)) {
                withoutExt.add(engine);
            }
        }
        if (!withoutExt.isEmpty()) {
            throw new EngineUnreachableException(withoutExt, "remote engine" + (withoutExt.size() == 1 ? " " : "s ")
                    + String.join(", ", withoutExt) + (withoutExt.size() == 1 ? " lacks" : " lack")
                    + " secperf-jmeter-ext in JMeter's lib/ext: copy secperf-jmeter-ext-*.jar there and restart "
                    + "jmeter-server (docs/distributed.md); nothing was started");
        }

        if (preflightTree != null) {
            preflightTree.add(testPlan, live);
            runLocally(preflightTree, true);
            if (preflightAborted(preflightTree)) {
                return outcome(Status.STOPPED, StopCause.NONE, null, live, 0, started);
            }
        }
        ScheduledExecutorService ticker = JMeterRun.startProgress(request, live, System.nanoTime());
        if (attacks != null) {
            attacks.add(testPlan, live);
            hostileTree = attacks;
        }
        try {
            runner.start();
            List<String> running = answered.stream().filter(e -> tracks.get(e).started()).toList();
            answered.stream().filter(e -> !tracks.get(e).started())
                    .forEach(e -> tracks.get(e).unreachable("did not start: " + runner.failure(e)));
            if (running.size() < remote.minimum()) {
                runner.stop(running);
                List<String> failed = answered.stream().filter(e -> !running.contains(e)).toList();
                return outcome(Status.FAILED, StopCause.NONE, "remote engine(s) " + String.join(", ", failed)
                        + " did not start: " + runner.failure(failed.get(0)), live, 0, started);
            }
            return watch(runner, running, live, started);
        } finally {
            ticker.shutdownNow();
            if (hostile != null) {
                stopLocally(hostile);
            }
            hostileTree = null;
            ClientJMeterEngine.tidyRMI(LOG);
            if (JMeterContextService.getTestStartTime() != 0) {
                JMeterContextService.endTest();
            }
        }
    }

    /** Waits for the engines to end, stops them on request or at the deadline, and notices engines that die. */
    private RunOutcome watch(Runner runner, List<String> running, LiveSampleListener live, Instant started) {
        long startNanos = System.nanoTime();
        // the engines take seconds to start their threads (class scans, first compiles): --duration and the
        // warm-up of the attacks count from the first sample that arrives, the start allowance bounds the wait
        long duration = request.duration() == null ? Long.MAX_VALUE
                : request.duration().plus(request.durationGrace()).toNanos();
        long deadline = request.duration() == null ? Long.MAX_VALUE
                : startNanos + START_ALLOWANCE.toNanos() + duration;
        boolean loadBegun = false;
        long nextProbe = startNanos + PROBE_MILLIS * 1_000_000;
        long gracefulAt = 0;
        long hardAt = 0;
        StopCause stopCause = StopCause.NONE;
        String failure = null;
        int unstopped = 0;
        while (true) {
            List<String> alive = running.stream().filter(e -> !tracks.get(e).over()).toList();
            if (alive.isEmpty()) {
                break;
            }
            long now = System.nanoTime();
            if (!loadBegun && live.samples() > 0) {
                loadBegun = true;
                if (request.duration() != null) {
                    deadline = now + duration;
                }
                if (hostileTree != null && gracefulAt == 0) {
                    hostile = runLocally(hostileTree, false);
                }
            }
            if (now - nextProbe >= 0) {
                nextProbe = now + PROBE_MILLIS * 1_000_000;
                alive.forEach(e -> tracks.get(e).probe());
                long left = running.stream().filter(e -> !tracks.get(e).lost()).count();
                if (left < remote.minimum() && failure == null) {
                    failure = "only " + left + " of " + running.size() + " remote engines left, below --remote-min "
                            + remote.minimum() + ": " + lostSummary();
                }
                continue;
            }
            if (stopCause == StopCause.NONE) {
                if (stopRequested.getAsBoolean()) {
                    stopCause = StopCause.USER;
                } else if (now - deadline >= 0) {
                    stopCause = StopCause.DURATION;
                }
            }
            if (gracefulAt == 0 && (stopCause != StopCause.NONE || failure != null || sinkFailed.getAsBoolean())) {
                alive.forEach(e -> tracks.get(e).stopping());
                runner.shutdown(alive);
                gracefulAt = now;
            } else if (gracefulAt != 0 && hardAt == 0 && now - gracefulAt >= request.stopTimeout().toNanos()) {
                runner.stop(alive);
                hardAt = now;
            } else if (hardAt != 0 && now - hardAt >= HARD_STOP_WAIT.toNanos()) {
                unstopped = alive.size();
                alive.forEach(e -> tracks.get(e).gaveUp());
                break;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runner.stop(alive);
                failure = "interrupted while waiting for the remote engines";
                break;
            }
        }
        Status status;
        if (failure != null) {
            status = Status.FAILED;
        } else if (live.sinkFailure() != null) {
            status = Status.FAILED;
            failure = "sample sink failed: " + live.sinkFailure();
        } else if (stopCause != StopCause.NONE) {
            status = Status.STOPPED;
        } else {
            status = Status.COMPLETE;
        }
        return outcome(status, status == Status.STOPPED ? stopCause : StopCause.NONE, failure, live, unstopped,
                started);
    }

    private RunOutcome outcome(Status status, StopCause cause, String failure, LiveSampleListener live,
                               int unstopped, Instant started) {
        List<EngineCount> engines = tracks.values().stream().map(Track::count).toList();
        String partial = tracks.values().stream().anyMatch(Track::lost) ? lostSummary() : null;
        return new RunOutcome(status, cause, failure, live.samples(), live.failures(), live.connectionRefused(),
                unstopped, started, Instant.now(), engines, partial);
    }

    private String lostSummary() {
        List<String> lost = tracks.values().stream().filter(Track::lost)
                .map(t -> "remote engine " + t.engine + " stopped answering at " + t.stop + " after " + t.samples.sum()
                        + " samples").toList();
        long left = tracks.values().stream().filter(t -> t.started() && !t.lost()).count();
        return String.join("; ", lost) + " (the run went on with " + left + " engine" + (left == 1 ? "" : "s") + ")";
    }

    private String unreachableMessage(List<String> silent, Runner runner, int answered) {
        StringBuilder text = new StringBuilder();
        for (String engine : silent) {
            text.append(text.length() == 0 ? "" : "; ").append("remote engine ").append(engine)
                    .append(" is unreachable: ").append(runner.failure(engine));
        }
        text.append(" (is jmeter-server running there on that port, and does the RMI SSL setting match?");
        if (remote.minimum() < remote.engines().size() || answered > 0) {
            text.append(" ").append(answered).append(" of ").append(remote.engines().size())
                    .append(" answered, --remote-min is ").append(remote.minimum());
        }
        return text.append("); nothing was started").toString();
    }

    /**
     * The properties every engine gets, as JMeter's {@code -G} sends them: target, duration and {@code -J}, except
     * the controller's own RMI settings ({@code server.rmi.*}, which hold the keystore password).
     */
    private Properties remoteProperties() {
        Properties properties = new Properties();
        request.jmeterProperties().forEach((name, value) -> {
            if (!name.startsWith("server.rmi.") && !name.startsWith("client.rmi.")) {
                properties.setProperty(name, value);
            }
        });
        return properties;
    }

    /**
     * Whether the engine can deserialize a secperf class, i.e. has secperf-jmeter-ext in lib/ext. The token travels
     * as a property value; the server unmarshals it before it looks at the call, so a missing class is reported as
     * such whatever state the engine is in, and a present one changes nothing that a run's own properties do not
     * replace.
     */
    private static boolean extInstalled(String engine) {
        try {
            Registry registry = LocateRegistry.getRegistry(RemoteEngines.host(engine), RemoteEngines.port(engine),
                    RmiUtils.createClientSocketFactory());
            RemoteJMeterEngine server = (RemoteJMeterEngine) registry.lookup("JMeterEngine");
            HashMap<String, Object> token = new HashMap<>();
            token.put(ExtInstalled.PROPERTY, new ExtInstalled(GeneratorInfo.current().version()));
            @SuppressWarnings({"unchecked", "rawtypes"})
            HashMap<String, String> asStrings = (HashMap) token;
            server.rsetProperties(asStrings);
            return true;
        } catch (RemoteException e) {
            return !mentionsMissingClass(e);
        } catch (NotBoundException | RuntimeException e) {
            return !mentionsMissingClass(e); // the engine ran the call: it could read the token
        }
    }

    private static boolean mentionsMissingClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClassNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private StandardJMeterEngine runLocally(HashTree tree, boolean wait) {
        StandardJMeterEngine engine = new StandardJMeterEngine();
        try {
            engine.configure(tree);
            engine.runTest();
            if (wait) {
                while (true) {
                    try {
                        engine.awaitTermination(Duration.ofMillis(POLL_MILLIS));
                        break;
                    } catch (TimeoutException stillRunning) {
                        if (stopRequested.getAsBoolean()) {
                            engine.stopTest(true);
                        }
                    }
                }
            }
        } catch (JMeterEngineException | java.util.concurrent.ExecutionException e) {
            LOG.warn("secperf's checks on the controller failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.stopTest(true);
        }
        return engine;
    }

    private static void stopLocally(StandardJMeterEngine engine) {
        engine.stopTest(true);
        try {
            engine.awaitTermination(HARD_STOP_WAIT);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("secperf's checks on the controller did not stop in time: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the preflight failed under {@code abort} (its group stops the test on a failed sample). */
    private static boolean preflightAborted(HashTree preflightTree) {
        HashTree planLevel = preflightTree.getTree(preflightTree.getArray()[0]);
        for (Object element : planLevel.list()) {
            if (element instanceof SetupThreadGroup group
                    && AbstractThreadGroup.ON_SAMPLE_ERROR_STOPTEST_NOW.equals(
                    group.getPropertyAsString(AbstractThreadGroup.ON_SAMPLE_ERROR))) {
                for (Object child : planLevel.getTree(group).list()) {
                    if (child instanceof PreflightListener listener && !listener.failures().isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A copy of the plan with only some of its thread groups: secperf's injected ones ({@code injected}; of those the
     * preflight or the others) or the plan's own. Everything else at plan level stays. Null when no group is left.
     */
    private static HashTree only(HashTree tree, boolean injected, boolean preflight) {
        HashTree copy = (HashTree) tree.clone();
        HashTree planLevel = copy.getTree(copy.getArray()[0]);
        int kept = 0;
        for (Object element : new ArrayList<>(planLevel.list())) {
            if (element instanceof AbstractThreadGroup group) {
                boolean isInjected = PlanAugmenter.injectedGroup(group.getName());
                boolean isPreflight = PlanAugmenter.PREFLIGHT_GROUP.equals(group.getName());
                boolean keep = injected ? isInjected && isPreflight == preflight : !isInjected;
                if (keep) {
                    kept++;
                } else {
                    planLevel.remove(group);
                }
            }
        }
        return kept == 0 && injected ? null : copy;
    }

    /** JMeter's distributed runner with one {@link EngineListener} per engine. */
    private final class Runner extends DistributedRunner {
        private final LiveSampleListener live;
        private final Map<String, Client> clients = new ConcurrentHashMap<>();
        private final Map<String, String> failures = new ConcurrentHashMap<>();

        Runner(Properties remoteProperties, LiveSampleListener live) {
            super(remoteProperties);
            this.live = live;
        }

        @Override
        protected JMeterEngine createEngine(String address) throws RemoteException, NotBoundException {
            try {
                Client client = new Client(address, tracks.get(address), live, failures);
                clients.put(address, client);
                return client;
            } catch (RemoteException | NotBoundException | RuntimeException e) {
                failures.put(address, JMeterRun.describe(e));
                throw e;
            }
        }

        List<String> configured() {
            return remote.engines().stream().filter(clients::containsKey).toList();
        }

        String failure(String engine) {
            return failures.getOrDefault(engine, "no answer");
        }
    }

    /** JMeter's client engine for one remote engine; its copy of the plan reports to that engine's track. */
    private static final class Client extends ClientJMeterEngine {
        private final Track track;
        private final LiveSampleListener live;
        private final Map<String, String> failures;

        Client(String address, Track track, LiveSampleListener live, Map<String, String> failures)
                throws NotBoundException, RemoteException {
            super(address);
            this.track = track;
            this.live = live;
            this.failures = failures;
        }

        @Override
        public void configure(HashTree testTree) {
            HashTree copy = (HashTree) testTree.clone();
            copy.add(copy.getArray()[0], new EngineListener(live, track));
            super.configure(copy);
        }

        @Override
        public void runTest() throws JMeterEngineException {
            try {
                super.runTest();
                track.sent();
            } catch (JMeterEngineException | RuntimeException e) {
                failures.put(track.engine, JMeterRun.describe(e));
                throw e;
            }
        }
    }

    /** What the controller knows of one engine; updated from RMI threads and the watch loop. */
    static final class Track {
        final String engine;
        final java.util.concurrent.atomic.LongAdder samples = new java.util.concurrent.atomic.LongAdder();
        private volatile boolean sent;
        private volatile Instant start;
        private volatile Instant stop;
        private volatile String state;
        private volatile String reason;
        private volatile boolean stopping;
        private int failedProbes;

        Track(String engine) {
            this.engine = engine;
        }

        void sent() {
            sent = true;
        }

        boolean started() {
            return sent;
        }

        void testStarted() {
            if (start == null) {
                start = Instant.now();
            }
        }

        synchronized void testEnded() {
            if (state == null) {
                stop = Instant.now();
                state = stopping ? EngineCount.STOPPED : EngineCount.COMPLETED;
            }
        }

        void stopping() {
            stopping = true;
        }

        synchronized void gaveUp() {
            if (state == null) {
                stop = Instant.now();
                state = EngineCount.STOPPED;
                reason = "did not confirm the stop in time";
            }
        }

        synchronized void unreachable(String why) {
            state = EngineCount.UNREACHABLE;
            reason = why;
        }

        boolean over() {
            return state != null;
        }

        boolean lost() {
            return EngineCount.LOST.equals(state);
        }

        /** A TCP connect to the engine's RMI registry: refused or timed out twice in a row means it is gone. */
        void probe() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(RemoteEngines.host(engine), RemoteEngines.port(engine)),
                        PROBE_TIMEOUT_MILLIS);
                failedProbes = 0;
            } catch (IOException e) {
                if (++failedProbes >= LOST_AFTER) {
                    synchronized (this) {
                        if (state == null) {
                            stop = Instant.now();
                            state = EngineCount.LOST;
                            reason = "stopped answering (" + JMeterRun.describe(e) + "); the samples it sent before"
                                    + " are kept";
                        }
                    }
                }
            }
        }

        EngineCount count() {
            if (state == null && !sent) {
                return new EngineCount(engine, 0, null, null, EngineCount.STOPPED,
                        "not started (the preflight aborted the run, or the run stopped before the start)");
            }
            return new EngineCount(engine, samples.sum(), start, stop, state == null ? EngineCount.STOPPED : state,
                    reason);
        }
    }
}
