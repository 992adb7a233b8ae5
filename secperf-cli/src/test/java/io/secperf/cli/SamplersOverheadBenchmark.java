package io.secperf.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.secperf.demo.DemoTarget;

/**
 * Benchmark (not a test): what secperf's security samplers cost the legit traffic of a load test. The same bundled
 * plan runs against the same built-in demo target (HTTPS, in this JVM), alternating (a) {@code secperf run} and (b)
 * {@code secperf run --security S --preflight warn}, where S configures the TLS preflight (trusting the demo CA) and,
 * when their sampler classes are in this build, fuzzing of the plan's requests and a bounded request flood.
 *
 * <p>Legit req/s = samples of the plan's own labels (not "secperf ...") / the time from the first legit sample's start
 * to the last one's end, read from the run's JTL, so the preflight's time before the load does not count. The
 * hostile share = requests the target answered that were not legit samples / all it answered in the (b) run. The
 * requirement: 1 - legit(b)/legit(a) must not exceed the hostile share (beyond the A/A noise).
 *
 * <p>Arguments: [threads] [seconds per run] [warm-up pairs] [pairs] [ab|aa] [flood rate] (default 4 15 1 3 ab 50);
 * "aa" runs (a) in both legs to measure the noise floor; the flood sends flood-rate requests/s for 5 s.
 */
public final class SamplersOverheadBenchmark {

    private SamplersOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmupPairs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean aa = args.length > 4 && args[4].equals("aa");
        int floodRate = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Path work = Files.createTempDirectory("secperf-samplers-bench");
        boolean fuzz = present("io.secperf.sampler.FuzzSampler");
        boolean attack = present("io.secperf.sampler.AttackSampler");
        System.out.printf(Locale.ROOT, "threads=%d seconds=%d warm-up pairs=%d pairs=%d mode=%s; security: TLS preflight%s%s%n",
                threads, seconds, warmupPairs, pairs, aa ? "A/A" : "plain vs --security",
                fuzz ? " + fuzz" : " (FuzzSampler not in this build)",
                attack ? " + flood " + floodRate + " req/s for 5 s" : " (AttackSampler not in this build)");
        List<Double> plain = new ArrayList<>();
        List<Double> secured = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        try (DemoTarget target = new DemoTarget().start()) {
            Path ca = work.resolve("demo-ca.pem");
            target.writeCaCertificatePem(ca);
            Path security = Files.writeString(work.resolve("security.yaml"), "target:\n  url: " + target.uri()
                    + "\n  caFile: " + ca + "\n"
                    + (fuzz ? "fuzz:\n  seed: 42\n  iterations: 400\n  raw: true\n" : "")
                    + (attack ? "attack:\n  flood: {endpoints: [GET /health], rate: " + floodRate
                            + ", duration: 5s, concurrency: 4}\n" : ""));
            for (int round = 0; round < warmupPairs + pairs; round++) {
                boolean measured = round >= warmupPairs;
                boolean securityFirst = round % 2 == 1;
                Leg a = null;
                Leg b = null;
                for (int leg = 0; leg < 2; leg++) {
                    boolean withSecurity = !aa && (leg == 0) == securityFirst;
                    Leg result = run(target, work.resolve("r" + round + "-" + leg), threads, seconds,
                            withSecurity ? security : null);
                    if ((leg == 0) == securityFirst) {
                        b = result;
                    } else {
                        a = result;
                    }
                }
                double ratio = b.legitPerSecond / a.legitPerSecond;
                System.out.printf(Locale.ROOT, "%s %d: plain %.1f req/s, security %.1f req/s (hostile share %.2f %%,"
                        + " TLS preflight %d ms before the load), ratio %.3f, load average %.1f%n",
                        measured ? "round" : "warm-up", round, a.legitPerSecond, b.legitPerSecond,
                        100 * b.hostileShare, b.preflightMillis, ratio, loadAverage());
                if (measured) {
                    plain.add(a.legitPerSecond);
                    secured.add(b.legitPerSecond);
                    ratios.add(ratio);
                    shares.add(b.hostileShare);
                }
            }
        }
        System.out.printf(Locale.ROOT, "median: plain %.1f req/s, security %.1f req/s, ratio %.3f (paired %.3f .. %.3f),"
                + " hostile share %.2f %%, legit loss %.2f %%%n", median(plain), median(secured), median(ratios),
                min(ratios), max(ratios), 100 * median(shares), 100 * (1 - median(ratios)));
    }

    /** @param preflightMillis elapsed time of the TLS preflight sample (0 without one) */
    private record Leg(double legitPerSecond, double hostileShare, long preflightMillis) {
    }

    private static Leg run(DemoTarget target, Path out, int threads, int seconds, Path security) throws IOException {
        long before = target.requestCount();
        Path jtl = out.resolve("samples.jtl");
        List<String> args = new ArrayList<>(List.of("run", "--template", "rest-api-baseline", "--target",
                target.uri().toString(), "-Jthreads=" + threads, "-Jrampup=1", "-Jusername=" + DemoTarget.USERNAME,
                "-Jpassword=" + DemoTarget.PASSWORD, "--duration", Integer.toString(seconds), "--out", out.toString(),
                "--jtl", jtl.toString(), "--progress", "none"));
        if (security != null) {
            args.addAll(List.of("--security", security.toString(), "--preflight", "warn", "--warmup",
                    Math.max(1, seconds / 5) + "s"));
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int code;
        try (PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            System.setOut(quiet);
            code = Secperf.execute(quiet, quiet, args.toArray(String[]::new));
        } finally {
            System.setOut(previous);
        }
        if (code != 0) {
            throw new IllegalStateException("secperf run exited " + code + ":\n" + sink.toString(StandardCharsets.UTF_8));
        }
        long answered = target.requestCount() - before;
        long legit = 0;
        long preflight = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<String> lines = Files.readAllLines(jtl);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", 4);
            if (fields[2].startsWith("secperf ")) {
                if (fields[2].equals("secperf preflight: TLS")) {
                    preflight = Long.parseLong(fields[1]);
                }
                continue;
            }
            long start = Long.parseLong(fields[0]);
            legit++;
            first = Math.min(first, start);
            last = Math.max(last, start + Long.parseLong(fields[1]));
        }
        double rate = legit / Math.max(0.001, (last - first) / 1000.0);
        return new Leg(rate, answered == 0 ? 0 : Math.max(0, answered - legit) / (double) answered, preflight);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static double loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os.getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
