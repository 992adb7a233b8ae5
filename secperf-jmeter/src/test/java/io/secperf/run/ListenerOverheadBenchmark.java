package io.secperf.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.reporters.Summariser;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.threads.RemoteThreadsListenerTestElement;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

import io.secperf.result.ResultAggregator;

/**
 * Benchmark P2 (not a test): what secperf's live listener and aggregator cost compared to plain JMeter.
 *
 * <p>The same loop-count plan ({@code plans/single-request.jmx}, T threads x L loops of GET /ok with keep-alive)
 * runs against the same loopback JDK HttpServer in this JVM, alternating:
 * <ul>
 *   <li>(a) secperf: {@link JMeterRun} with a {@link ResultAggregator} sink and a (no-op) progress listener, exactly
 *   as {@code secperf run} wires it minus the terminal;</li>
 *   <li>(b) plain JMeter: the plan loaded the same way with only a {@link Summariser} added, as {@code jmeter -n}
 *   does, run with {@link StandardJMeterEngine} directly.</li>
 * </ul>
 * Throughput is requests counted by the server divided by the wall time of the whole call (load, run, teardown), the
 * same scope for both. Process CPU time per request is printed too: on a shared machine it is less disturbed by other
 * processes than wall-clock throughput. Warm-up rounds are discarded; the measured rounds alternate the order (ab, ba, ab, ...).
 *
 * <p>Run (see docs/performance.md, "P2: listener overhead"):
 * {@code java -cp ... io.secperf.run.ListenerOverheadBenchmark [threads] [loops] [warmupRounds] [rounds] [aa]};
 * {@code aa} runs plain JMeter in both legs, to measure how far two identical legs drift apart on the machine.
 */
public final class ListenerOverheadBenchmark {

    private ListenerOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        // "aa": both legs run plain JMeter, to show how much two identical legs differ on this machine
        boolean calibration = args.length > 4 && args[4].equals("aa");
        long expected = (long) threads * loops;
        Path plan = Plans.plan("single-request.jmx");
        JMeterHome.initialise();
        System.out.printf(Locale.ROOT, "P2 listener overhead: %d threads x %d loops = %d requests per run, "
                        + "%d warm-up + %d measured rounds, java %s, %d cpus%n", threads, loops, expected, warmup,
                rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        List<Double> secperf = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> secperfCpu = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (LoopbackServer server = LoopbackServer.http()) {
            Map<String, String> props = Map.of("protocol", "http", "host", "127.0.0.1",
                    "port", Integer.toString(server.port()), "path", "/ok",
                    "threads", Integer.toString(threads), "loops", Integer.toString(loops));
            for (int round = 0; round < warmup + rounds; round++) {
                boolean measured = round >= warmup;
                boolean secperfFirst = round % 2 == 0;
                for (int leg = 0; leg < 2; leg++) {
                    boolean isSecperf = (leg == 0) == secperfFirst;
                    int before = server.totalRequests();
                    long start = System.nanoTime();
                    long cpuStart = os.getProcessCpuTime();
                    long counted = isSecperf && !calibration ? runSecperf(plan, props) : runPlain(plan, props);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuMicrosPerRequest = (os.getProcessCpuTime() - cpuStart) / 1e3 / expected;
                    int requests = server.totalRequests() - before;
                    if (requests != expected || (isSecperf && !calibration && counted != expected)) {
                        throw new IllegalStateException("run sent " + requests + " requests, counted " + counted
                                + ", expected " + expected);
                    }
                    double rate = requests / seconds;
                    System.out.printf(Locale.ROOT, "%s round %d %-7s %8.0f req/s (%.2f s, %.1f us CPU/request)%n",
                            measured ? "measured" : "warm-up ", round + 1,
                            calibration ? (isSecperf ? "plain-a" : "plain-b") : isSecperf ? "secperf" : "plain", rate,
                            seconds, cpuMicrosPerRequest);
                    if (measured) {
                        (isSecperf ? secperf : plain).add(rate);
                        (isSecperf ? secperfCpu : plainCpu).add(cpuMicrosPerRequest);
                    }
                }
            }
        }
        double secperfMedian = median(secperf);
        double plainMedian = median(plain);
        double secperfMean = mean(secperf);
        double plainMean = mean(plain);
        System.out.printf(Locale.ROOT, "%s median %.0f req/s, mean %.0f req/s%n",
                calibration ? "plain JMeter, leg a:        " : "secperf listener+aggregator:", secperfMedian,
                secperfMean);
        System.out.printf(Locale.ROOT, "%s median %.0f req/s, mean %.0f req/s%n",
                calibration ? "plain JMeter, leg b:        " : "plain JMeter + Summariser:  ", plainMedian, plainMean);
        System.out.printf(Locale.ROOT, (calibration ? "ratio a/b" : "ratio secperf/plain")
                        + ": median %.3f, mean %.3f -> overhead %.1f%% (median), "
                        + "%.1f%% (mean); target <= 3%%%n", secperfMedian / plainMedian, secperfMean / plainMean,
                100 * (1 - secperfMedian / plainMedian), 100 * (1 - secperfMean / plainMean));
        System.out.printf(Locale.ROOT, "paired ratios (same round): %s%n", pairedRatios(secperf, plain));
        System.out.printf(Locale.ROOT, "process CPU per request (client + server in this JVM): "
                + (calibration ? "leg a" : "secperf") + " median %.1f us, " + (calibration ? "leg b" : "plain")
                + " median %.1f us -> %+.1f%%%n", median(secperfCpu), median(plainCpu),
                100 * (median(secperfCpu) / median(plainCpu) - 1));
        if (calibration) {
            return;
        }
        listenerPath(median(plainCpu));
    }

    /**
     * The listener path alone, without HTTP: the same synthetic SampleEvents pushed through (a) secperf's listener into
     * a ResultAggregator and (b) JMeter's Summariser, from as many threads as there are CPUs. The difference per
     * sample, divided by the CPU a real request costs, bounds secperf's overhead without the end-to-end noise.
     */
    private static void listenerPath(double plainCpuMicrosPerRequest) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        int perThread = 2_000_000;
        SampleEvent[] events = syntheticEvents();
        List<Double> ours = new ArrayList<>();
        List<Double> summariser = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            for (int leg = 0; leg < 2; leg++) {
                boolean isOurs = (leg == 0) == (round % 2 == 0);
                SampleListener listener;
                TestStateListener lifecycle;
                if (isOurs) {
                    LiveSampleListener live = new LiveSampleListener(new ResultAggregator(), () -> { });
                    listener = live;
                    lifecycle = live;
                } else {
                    Summariser plainSummariser = new Summariser("listener-path");
                    listener = plainSummariser;
                    lifecycle = plainSummariser;
                }
                lifecycle.testStarted();
                double nanos = push(listener, events, threads, perThread);
                lifecycle.testEnded();
                if (round >= 2) {
                    (isOurs ? ours : summariser).add(nanos);
                }
            }
        }
        double oursNs = median(ours);
        double summariserNs = median(summariser);
        System.out.printf(Locale.ROOT, "listener path, %d threads x %d events: secperf listener+aggregator median "
                        + "%.0f ns CPU/sample, Summariser median %.0f ns CPU/sample%n", threads, perThread, oursNs,
                summariserNs);
        System.out.printf(Locale.ROOT, "=> extra CPU per request %.2f us = %.2f%% of the %.1f us a plain request costs%n",
                (oursNs - summariserNs) / 1e3, 100 * (oursNs - summariserNs) / 1e3 / plainCpuMicrosPerRequest,
                plainCpuMicrosPerRequest);
    }

    /** CPU nanoseconds per event (wall time x threads / events; threads = CPUs, so each thread has a core). */
    private static double push(SampleListener listener, SampleEvent[] events, int threads, int perThread)
            throws InterruptedException {
        Thread[] workers = new Thread[threads];
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int offset = t * 7;
            workers[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    listener.sampleOccurred(events[(offset + i) & (events.length - 1)]);
                }
            });
            workers[t].start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        return (System.nanoTime() - start) * (double) threads / ((double) threads * perThread);
    }

    private static SampleEvent[] syntheticEvents() {
        SampleEvent[] events = new SampleEvent[1024];
        long now = System.currentTimeMillis();
        for (int i = 0; i < events.length; i++) {
            SampleResult r = new SampleResult();
            r.setSampleLabel(i % 2 == 0 ? "home" : "api");
            r.setStampAndTime(now + i, 1 + i % 40);
            r.setLatency(i % 30);
            r.setConnectTime(i % 3);
            r.setSuccessful(i % 50 != 0);
            r.setResponseCode(i % 50 != 0 ? "200" : "500");
            r.setResponseMessage(i % 50 != 0 ? "OK" : "Internal Server Error");
            r.setBytes(120L);
            r.setSentBytes(110L);
            r.setAllThreads(8);
            events[i] = new SampleEvent(r, "users");
        }
        return events;
    }

    private static long runSecperf(Path plan, Map<String, String> props) throws Exception {
        ResultAggregator aggregator = new ResultAggregator();
        RunOutcome outcome = new JMeterRun(RunRequest.builder(plan, aggregator).properties(props)
                .progress(p -> { }).build()).run();
        if (outcome.status() != RunOutcome.Status.COMPLETE) {
            throw new IllegalStateException("secperf run ended " + outcome);
        }
        return aggregator.finish().overall().count();
    }

    /** What {@code jmeter -n -t plan.jmx} does: the loaded tree plus a Summariser, on StandardJMeterEngine. */
    private static long runPlain(Path plan, Map<String, String> props) throws Exception {
        props.forEach(JMeterUtils::setProperty);
        try {
            HashTree tree = PlanLoader.load(plan);
            Object testPlan = tree.getArray()[0];
            tree.add(testPlan, new Summariser("summary"));
            tree.add(testPlan, new RemoteThreadsListenerTestElement());
            StandardJMeterEngine engine = new StandardJMeterEngine();
            engine.configure(tree);
            engine.runTest();
            engine.awaitTermination(Duration.ofMinutes(10));
            return -1;
        } finally {
            props.keySet().forEach(JMeterUtils.getJMeterProperties()::remove);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String pairedRatios(List<Double> secperf, List<Double> plain) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(secperf.size(), plain.size()); i++) {
            text.append(String.format(Locale.ROOT, "%s%.3f", i == 0 ? "" : " ", secperf.get(i) / plain.get(i)));
        }
        return text.toString();
    }
}
