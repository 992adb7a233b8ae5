package io.secperf.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.testelement.ThreadListener;

import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.reporters.Summariser;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.threads.RemoteThreadsListenerTestElement;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

import io.secperf.result.ResultAggregator;

/**
 * Benchmark P2 end to end, one side of one round (not a test): runs a loop-count plan in this fresh JVM against a
 * target in another process and prints the CPU time this JVM spent, so that {@code bench/p2-cpu-per-sample.sh} can
 * divide it by the exact number of samples.
 *
 * <p>Why CPU time: whole-run requests per second on the shared 2-core machine drift by 8 % between two identical
 * runs, far more than the 3 % the listener may cost. The CPU time this process spends per sample hardly depends on
 * what else runs on the machine, and the target's CPU is not in it (it runs in its own process).
 *
 * <p>Modes (the same plan, target, thread count and loops; everything else identical):
 * <ul>
 *   <li>{@code plain}: what {@code jmeter -n -t plan.jmx} runs: the loaded tree plus a {@link Summariser} and
 *   {@link RemoteThreadsListenerTestElement} on {@link StandardJMeterEngine};</li>
 *   <li>{@code listener}: exactly {@code plain} plus what {@code secperf run} adds to the tree and the JVM: the
 *   {@link LiveSampleListener} feeding a {@link ResultAggregator}, the {@link LoadStartWatch}, and the once-a-second
 *   progress ticker that reads the aggregator's interval p95 ({@code LoadRun}'s progress line);</li>
 *   <li>{@code secperf-run}: the product path itself, {@link JMeterRun} wired as {@code secperf run} wires it (no
 *   Summariser, its 50 ms stop-check loop).</li>
 * </ul>
 * First a warm-up run of the same mode (its samples are counted by the target, not in the test phase), then the
 * measured run. Prints one line of {@code key=value}: {@code test_cpu_ns} (process CPU from just before the measured
 * run's start to its end, all threads: JMeter's, GC, JIT), {@code thread_cpu_ns} (the CPU of the sampling threads
 * alone, see {@link ThreadCpuWatch}), {@code jvm_cpu_ns} (process CPU from JVM start to that end),
 * {@code finish_cpu_ns} (the aggregator's end-of-run result, a per-run cost measured apart), wall time and GC counts.
 *
 *
 * <p>Mode {@code interleaved} removes the difference between two fresh JVMs (their JIT decisions and memory layout,
 * which moved the per-sample CPU by up to 30 % between two runs of the same side): one JVM warms up both sides, then
 * runs {@code BLOCKS} measured blocks alternating {@code plain} and {@code listener} in A B B A order, each block
 * {@code LOOPS} per thread, and prints one line per block ({@code side=A} or {@code B}). The mode names side B:
 * {@code interleaved:listener}, {@code interleaved:listener-timed}, or {@code interleaved:plain} (the A/A
 * calibration of the method).
 *
 * <p>{@code java ... io.secperf.run.CpuPerSampleRun MODE HOST PORT THREADS LOOPS WARMUP_LOOPS [BLOCKS]}
 */
public final class CpuPerSampleRun {

    private CpuPerSampleRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean interleaved = args.length > 0 && args[0].startsWith("interleaved:");
        if (args.length != (interleaved ? 7 : 6)) {
            System.err.println("usage: CpuPerSampleRun plain|listener|listener-timed|secperf-run HOST PORT THREADS "
                    + "LOOPS WARMUP_LOOPS, or interleaved:plain|listener|listener-timed HOST PORT THREADS LOOPS "
                    + "WARMUP_LOOPS BLOCKS");
            System.exit(4);
        }
        String mode = args[0];
        if (!mode.equals("plain") && !mode.equals("listener") && !mode.equals("listener-timed")
                && !mode.equals("secperf-run") && !mode.equals("interleaved:plain")
                && !mode.equals("interleaved:listener") && !mode.equals("interleaved:listener-timed")) {
            System.err.println("unknown mode " + mode + "; use plain, listener, listener-timed, secperf-run or "
                    + "interleaved:B with B plain, listener or listener-timed");
            System.exit(4);
        }
        Path plan = Plans.plan("single-request.jmx");
        int threads = Integer.parseInt(args[3]);
        int loops = Integer.parseInt(args[4]);
        int warmupLoops = Integer.parseInt(args[5]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JMeterHome.initialise();
        if (interleaved) {
            interleaved(plan, args[1], args[2], threads, loops, warmupLoops, Integer.parseInt(args[6]),
                    mode.substring("interleaved:".length()), os);
            System.exit(0); // JMeter leaves non-daemon threads behind
        }
        if (warmupLoops > 0) {
            ResultAggregator warm = run(mode, plan, props(args[1], args[2], threads, warmupLoops),
                    new ThreadCpuWatch());
            if (warm != null) {
                check(warm.finish().overall().count(), threads * (long) warmupLoops);
            }
        }
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        ThreadCpuWatch watch = new ThreadCpuWatch();
        TimedListener.INSIDE.reset();
        TimedListener.CALLS.reset();
        TimedListener.WALL.reset();
        ResultAggregator aggregator = run(mode, plan, props(args[1], args[2], threads, loops), watch);
        long wall1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        // the end-of-run result (merging the stripes, encoding the histograms) is a per-run cost, not a per-sample
        // one: measured on its own
        long counted = aggregator == null ? -1 : check(aggregator.finish().overall().count(), threads * (long) loops);
        long finishCpu = aggregator == null ? 0 : os.getProcessCpuTime() - cpu1;
        if (watch.threads.sum() != threads) {
            throw new IllegalStateException(watch.threads.sum() + " sampling threads ended, expected " + threads);
        }
        System.out.printf(Locale.ROOT, "RESULT mode=%s samples=%d counted=%d test_cpu_ns=%d test_wall_ns=%d "
                        + "jvm_cpu_ns=%d thread_cpu_ns=%d thread_user_ns=%d thread_alloc_bytes=%d finish_cpu_ns=%d "
                        + "listener_ns=%d listener_calls=%d listener_wall_p50_ns=%d listener_wall_p90_ns=%d "
                        + "gc_count=%d gc_ms=%d%n", mode, threads * (long) loops, counted, cpu1 - cpu0, wall1 - wall0,
                cpu1, watch.cpuNanos.sum(), watch.userNanos.sum(), watch.allocatedBytes.sum(), finishCpu,
                TimedListener.INSIDE.sum(), TimedListener.CALLS.sum(), TimedListener.WALL.getValueAtPercentile(50),
                TimedListener.WALL.getValueAtPercentile(90), gcCount() - gcCount, gcMillis() - gcMillis);
        System.exit(0); // JMeter leaves non-daemon threads behind
    }

    /**
     * Both sides in this one JVM: a warm-up run of each, then {@code blocks} measured blocks in A B B A order
     * (A = plain, B = listener), one RESULT line per block. The end-of-run aggregation of side B is measured apart
     * ({@code finish_cpu_ns}), outside the block's test phase, as in the one-side modes.
     */
    private static void interleaved(Path plan, String host, String port, int threads, int loops, int warmupLoops,
                                     int blocks, String sideB, com.sun.management.OperatingSystemMXBean os)
            throws Exception {
        if (warmupLoops > 0) {
            run("plain", plan, props(host, port, threads, warmupLoops), new ThreadCpuWatch());
            ResultAggregator warm = run(sideB, plan, props(host, port, threads, warmupLoops),
                    new ThreadCpuWatch());
            if (warm != null) {
                check(warm.finish().overall().count(), threads * (long) warmupLoops);
            }
        }
        for (int block = 0; block < blocks; block++) {
            boolean sideIsB = block % 4 == 1 || block % 4 == 2; // A B B A
            String side = sideIsB ? sideB : "plain";
            ThreadCpuWatch watch = new ThreadCpuWatch();
            TimedListener.INSIDE.reset();
            TimedListener.CALLS.reset();
            long gcCount = gcCount();
            long gcMillis = gcMillis();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            ResultAggregator aggregator = run(side, plan, props(host, port, threads, loops), watch);
            long wall1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long finishCpu = 0;
            if (aggregator != null) {
                check(aggregator.finish().overall().count(), threads * (long) loops);
                finishCpu = os.getProcessCpuTime() - cpu1;
            }
            if (watch.threads.sum() != threads) {
                throw new IllegalStateException(watch.threads.sum() + " sampling threads ended, expected " + threads);
            }
            System.out.printf(Locale.ROOT, "RESULT side=%s mode=%s block=%d samples=%d test_cpu_ns=%d test_wall_ns=%d "
                            + "jvm_cpu_ns=%d thread_cpu_ns=%d thread_user_ns=%d thread_alloc_bytes=%d finish_cpu_ns=%d "
                            + "listener_ns=%d listener_calls=%d gc_count=%d gc_ms=%d%n", sideIsB ? "B" : "A", side,
                    block + 1, threads * (long) loops, cpu1 - cpu0, wall1 - wall0, cpu1, watch.cpuNanos.sum(),
                    watch.userNanos.sum(), watch.allocatedBytes.sum(), finishCpu, TimedListener.INSIDE.sum(),
                    TimedListener.CALLS.sum(), gcCount() - gcCount,
                    gcMillis() - gcMillis);
        }
    }

    private static Map<String, String> props(String host, String port, int threads, int loops) {
        return Map.of("protocol", "http", "host", host, "port", port, "path", "/ok",
                "threads", Integer.toString(threads), "loops", Integer.toString(loops));
    }

    /** @return secperf's aggregator, or null in plain mode (the target counts the requests) */
    private static ResultAggregator run(String mode, Path plan, Map<String, String> props, ThreadCpuWatch watch)
            throws Exception {
        return switch (mode) {
            case "secperf-run" -> secperfRun(plan, props, watch);
            case "listener" -> plainEngine(plan, props, true, false, watch);
            case "listener-timed" -> plainEngine(plan, props, true, true, watch);
            default -> plainEngine(plan, props, false, false, watch);
        };
    }

    private static ResultAggregator secperfRun(Path plan, Map<String, String> props, ThreadCpuWatch watch)
            throws Exception {
        ResultAggregator aggregator = new ResultAggregator();
        RunOutcome outcome = new JMeterRun(RunRequest.builder(plan, aggregator).properties(props)
                .transform(tree -> {
                    tree.add(tree.getArray()[0], watch);
                    return tree;
                })
                .progress(p -> aggregator.progress()).build()).run();
        if (outcome.status() != RunOutcome.Status.COMPLETE) {
            throw new IllegalStateException("secperf run ended " + outcome);
        }
        return aggregator;
    }

    /** The engine driven as {@code jmeter -n} drives it; with {@code secperf} also what {@code secperf run} adds. */
    private static ResultAggregator plainEngine(Path plan, Map<String, String> props, boolean secperf,
                                                boolean timed, ThreadCpuWatch watch) throws Exception {
        props.forEach(JMeterUtils::setProperty);
        ScheduledExecutorService ticker = null;
        try {
            HashTree tree = PlanLoader.load(plan);
            Object testPlan = tree.getArray()[0];
            tree.add(testPlan, new Summariser("summary"));
            tree.add(testPlan, new RemoteThreadsListenerTestElement());
            tree.add(testPlan, watch);
            ResultAggregator aggregator = null;
            LiveSampleListener listener = null;
            if (secperf) {
                aggregator = new ResultAggregator();
                ResultAggregator sink = aggregator;
                listener = new LiveSampleListener(sink, () -> { });
                tree.add(testPlan, timed ? new TimedListener(listener) : listener);
                tree.add(testPlan, new LoadStartWatch());
                ticker = JMeterRun.startProgress(RunRequest.builder(plan, sink).progress(p -> sink.progress()).build(),
                        listener, System.nanoTime());
            }
            StandardJMeterEngine engine = new StandardJMeterEngine();
            engine.configure(tree);
            engine.runTest();
            engine.awaitTermination(Duration.ofMinutes(30));
            return aggregator;
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            props.keySet().forEach(JMeterUtils.getJMeterProperties()::remove);
        }
    }

    private static long check(long counted, long expected) {
        if (counted != expected) {
            throw new IllegalStateException("secperf counted " + counted + " samples, expected " + expected);
        }
        return counted;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Adds up the CPU time of every JMeter sampling thread when it ends: the sampler, the HTTP client and every
     * listener run on these threads, JIT compiler and GC threads do not, so this measure has less noise than the
     * process's CPU. Added to both sides alike; one call per thread.
     */
    static final class ThreadCpuWatch extends AbstractTestElement implements ThreadListener, NoThreadClone {
        private static final long serialVersionUID = 1L;
        final transient LongAdder cpuNanos = new LongAdder();
        /** user-mode CPU only: the listener runs in user mode, the socket calls' kernel time (sys) is most noise */
        final transient LongAdder userNanos = new LongAdder();
        final transient LongAdder threads = new LongAdder();
        final transient LongAdder allocatedBytes = new LongAdder();

        @Override
        public void threadStarted() {
            // the thread's CPU so far (a few microseconds of set-up) is counted too, alike on both sides
        }

        @Override
        public void threadFinished() {
            cpuNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            userNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadUserTime());
            allocatedBytes.add(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                    .getCurrentThreadAllocatedBytes());
            threads.increment();
        }
    }

    /**
     * Mode {@code listener-timed}: secperf's listener inside a stopwatch, to measure in situ (on the real sampling
     * threads, with their real caches) what each {@code sampleOccurred} call costs. Each call is timed with the
     * thread's CPU clock as {@code (t2 - t1) - (t1 - t0)}: the listener's section minus an empty section, so the cost
     * of reading the clock cancels, and time the thread spends descheduled is not counted (on a loaded machine a
     * wall clock would add other processes' time slices). The wall time of each call goes into a histogram, for its
     * median.
     */
    static final class TimedListener extends AbstractTestElement
            implements SampleListener, TestStateListener, NoThreadClone {
        private static final long serialVersionUID = 1L;
        static final LongAdder INSIDE = new LongAdder();
        static final LongAdder CALLS = new LongAdder();
        static final org.HdrHistogram.ConcurrentHistogram WALL = new org.HdrHistogram.ConcurrentHistogram(3);
        private final transient LiveSampleListener inner;

        TimedListener(LiveSampleListener inner) {
            this.inner = inner;
        }

        @Override
        public void sampleOccurred(SampleEvent event) {
            java.lang.management.ThreadMXBean clock = ManagementFactory.getThreadMXBean();
            long t0 = clock.getCurrentThreadCpuTime();
            long t1 = clock.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            inner.sampleOccurred(event);
            long w2 = System.nanoTime();
            long t2 = clock.getCurrentThreadCpuTime();
            INSIDE.add((t2 - t1) - (t1 - t0));
            CALLS.increment();
            WALL.recordValue(Math.max(0, w2 - w1));
        }

        @Override
        public void sampleStarted(SampleEvent event) {
            inner.sampleStarted(event);
        }

        @Override
        public void sampleStopped(SampleEvent event) {
            inner.sampleStopped(event);
        }

        @Override
        public void testStarted() {
            inner.testStarted();
        }

        @Override
        public void testStarted(String host) {
            inner.testStarted(host);
        }

        @Override
        public void testEnded() {
            inner.testEnded();
        }

        @Override
        public void testEnded(String host) {
            inner.testEnded(host);
        }
    }
}
