package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.secperf.augment.PlanAugmenter;
import io.secperf.augment.PreflightMode;
import io.secperf.demo.DemoSecurity;
import io.secperf.demo.DemoTarget;
import io.secperf.result.Finding;
import io.secperf.result.FindingSink;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.WindowStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secperf demo}: the whole job on an embedded default, so a newcomer sees what secperf does with one command
 * and nothing to set up: a built-in HTTPS target on loopback, a bundled plan run with the seed's three security
 * levels (preflight TLS + auth, fuzzing and attacks during the load, resilience and post-test analysis after it),
 * the verdict and the result files. It goes through the same path as {@code secperf run --security FILE
 * --preflight abort}, with the built-in configuration of {@link DemoSecurity}, so what the demo shows is what a user's
 * run does.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a built-in HTTPS target on 127.0.0.1 and run a bundled plan with security checks against it.",
        footer = {"", "The target has a fresh certificate from a throw-away demo CA (written to DIR/demo-ca.pem),",
            "a JSON API with a login (user 'demo'), and static pages. The demo runs the plan as",
            "'secperf run --security DIR/security.yaml --preflight abort' would: preflight TLS + auth before the load;",
            "after a warm-up of 40%% of --duration a seeded fuzz and a request + session flood for 30%% of it;",
            "then the resilience comparison (clean window vs attack window) and the post-test analysis.",
            "Default gates (replace with --gates): p95 < 1s, errors < 1%%, tls.grade >= A,",
            "tls.protocol.min >= TLSv1.2, findings(severity>=high) == 0, auth.bypass == 0, fuzz.serverErrors == 0."})
final class DemoCommand implements Callable<Integer> {

    /** Gates of the demo unless --gates is given: performance and security, so the demo can validate both. */
    static final String DEFAULT_GATES = String.join("\n",
            "p95 < 1s",
            "errors < 1%",
            "tls.grade >= A",
            "tls.protocol.min >= TLSv1.2",
            "findings(severity>=high) == 0",
            "auth.bypass == 0",
            "fuzz.serverErrors == 0");

    /** The JMeter property that holds the demo password; security.yaml references it as {@code property:password}. */
    static final String PASSWORD_PROPERTY = "password";

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20s",
            description = "load duration such as 20 (seconds), 20s or 2m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "virtual users (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--template", paramLabel = "NAME", defaultValue = "login-flow",
            description = "bundled plan to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = Templates.Names.class)
    String template;

    @Mixin
    GateOptions gateOptions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        Duration duration = DurationText.parse("--duration", this.duration, false);
        if (threads < 1) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--threads must be at least 1, was " + threads);
        }
        GateStage gates = gateOptions.stage(DEFAULT_GATES, java.util.List.of());
        Path outDir = OutputDirectory.prepare(output.out);
        PrintStream out = System.out;
        try (DemoTarget target = new DemoTarget().start();
             Templates.Resolved plan = Templates.extract(template)) {
            target.writeCaCertificatePem(outDir.resolve("demo-ca.pem"));
            DemoSecurity security = DemoSecurity.forRun(duration);
            Path securityFile = security.write(outDir.resolve(DemoSecurity.FILE_NAME).toAbsolutePath(), target.uri());
            out.println("secperf demo: built-in target listening on " + target.uri() + " (CA: "
                    + outDir.resolve("demo-ca.pem") + ")");
            out.println("secperf demo: 1. preflight before the load: TLS probe and auth checks (abort on a critical"
                    + " finding)");
            out.println("secperf demo: 2. during the load: after a " + security.warmup().toSeconds()
                    + " s clean warm-up, " + security.fuzzIterations() + " seeded fuzz requests, a request flood ("
                    + security.floodRate() + "/s for " + seconds(security.attack()) + ") and a session flood ("
                    + security.sessionCount() + " full TLS handshakes)");
            out.println("secperf demo: 3. after the load: resilience (clean window vs attack window) and post-test"
                    + " analysis, then the gates");
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("threads", Integer.toString(threads));
            properties.put("rampup", Integer.toString(rampUpSeconds(duration)));
            properties.put("username", DemoTarget.USERNAME);
            properties.put(PASSWORD_PROPERTY, DemoTarget.PASSWORD);
            PlanAugmenter augmenter = new PlanAugmenter(PlanAugmenter.Options.of(securityFile, PreflightMode.ABORT,
                    security.warmup()));
            ExitCode code = new LoadRun(out, null, new Narration(out, security.fuzzIterations())).execute(new LoadRun.Settings(plan.plan(),
                    plan.name(), target.uri(), properties, duration, outDir, outDir.resolve("samples.jtl"),
                    output.progress, gates, output.history, augmenter, plan.shown(), null));
            out.println("secperf demo: the target served " + target.requestCount() + " requests");
            printResilience(out, outDir);
            out.println("secperf demo: open " + outDir.toAbsolutePath().resolve("report.html"));
            return code.code();
        }
    }

    /** 2 s as before for normal runs; shorter for very short ones so that every user is in before the attacks. */
    static int rampUpSeconds(Duration duration) {
        return duration.toSeconds() >= 10 ? 2 : 1;
    }

    /** The resilience comparison of the written document as one line (not gated: see docs/cli.md). */
    private static void printResilience(PrintStream out, Path outDir) {
        ResultDocument document;
        try {
            document = ResultDocuments.read(outDir.resolve(OutputDirectory.RESULT_FILE));
        } catch (IOException | RuntimeException e) {
            return; // the run already said what went wrong
        }
        ResilienceComparison resilience = document.security() == null ? null : document.security().resilience();
        if (resilience == null) {
            out.println("secperf demo: resilience: no attack window in this run");
            return;
        }
        WindowStats attack = resilience.attack();
        if (!resilience.comparable()) {
            out.println("secperf demo: resilience: attack window " + attack.seconds() + " s, p95 " + attack.p95Ms()
                    + " ms; no clean window to compare with: " + resilience.note());
            return;
        }
        WindowStats clean = resilience.clean();
        out.println(String.format(Locale.ROOT, "secperf demo: resilience (not gated): p95 %d ms in the clean window"
                        + " (%d s, %d samples) vs %d ms under attack (%d s, %d samples): %+.1f %%; req/s %+.1f %%,"
                        + " errors %+.2f points",
                clean.p95Ms(), clean.seconds(), clean.samples(), attack.p95Ms(), attack.seconds(), attack.samples(),
                resilience.impact().p95ChangePercent(), resilience.impact().throughputChangePercent(),
                resilience.impact().errorRateChangePoints()));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * Tells what the injected checks found as their samples arrive: the preflight's grade and findings, each fuzz
     * batch, each attack window. Only ids, counts and measurements that are not secret are printed.
     */
    private static final class Narration implements FindingSink {
        private final PrintStream out;
        private final int fuzzIterations;
        private volatile Instant loadStart;

        Narration(PrintStream out, int fuzzIterations) {
            this.out = out;
            this.fuzzIterations = fuzzIterations;
        }

        @Override
        public void accept(String check, List<Finding> findings, Map<String, String> measurements) {
            accept(check, findings, measurements, null, null);
        }

        @Override
        public void accept(String check, List<Finding> findings, Map<String, String> measurements, Instant start,
                           Instant end) {
            Map<String, String> m = measurements == null ? Map.of() : measurements;
            String found = findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                    + findings.stream().map(f -> f.id() + " " + f.severity())
                            .collect(Collectors.joining(", ", findings.isEmpty() ? "" : " (", findings.isEmpty() ? "" : ")"));
            switch (check) {
                case "tls" -> {
                    loadStart = end;
                    out.println("secperf demo: preflight TLS: grade " + m.getOrDefault("tls.grade", "?")
                            + ", lowest protocol " + m.getOrDefault("tls.protocol.min", "?") + ", " + found);
                }
                case "auth" -> {
                    loadStart = end;
                    out.println("secperf demo: preflight auth: " + m.getOrDefault("auth.rejected", "?") + " of "
                            + m.getOrDefault("auth.probes", "?") + " forged/missing-credential probes refused,"
                            + " auth.bypass = " + m.getOrDefault("auth.bypass", "?") + ", " + found
                            + "; the load starts");
                }
                case "fuzz" -> out.println("secperf demo: fuzz (seed " + DemoSecurity.FUZZ_SEED + "): "
                        + m.getOrDefault("fuzz.requests", "?") + " of " + fuzzIterations + " mutated requests sent, "
                        + m.getOrDefault("fuzz.rejected", "?") + " refused, " + m.getOrDefault("fuzz.closed", "?")
                        + " closed, fuzz.serverErrors = " + m.getOrDefault("fuzz.serverErrors", "?") + ", " + found);
                case "attack" -> {
                    String kind = attackKind(m);
                    String what = kind.equals("sessions")
                            ? m.getOrDefault("attack.handshakes", "?") + " full TLS handshakes"
                            : m.getOrDefault("attack.flood.requests", "?") + " requests, "
                                    + m.getOrDefault("attack.flood.status.5xx", "?") + " answered 5xx";
                    out.println("secperf demo: attack " + kind + " window" + window(start, end) + ": " + what + ", "
                            + found);
                }
                default -> out.println("secperf demo: " + check + ": " + found);
            }
        }

        private String window(Instant start, Instant end) {
            if (start == null || end == null) {
                return "";
            }
            Instant origin = loadStart;
            String span = seconds(Duration.between(start, end));
            if (origin == null) {
                return " " + span;
            }
            return String.format(Locale.ROOT, " from %.1f s to %.1f s into the load (%s)",
                    Duration.between(origin, start).toMillis() / 1000.0,
                    Duration.between(origin, end).toMillis() / 1000.0, span);
        }

        private static String attackKind(Map<String, String> measurements) {
            boolean sessions = measurements.keySet().stream()
                    .anyMatch(k -> k.startsWith("attack.sessions") || k.startsWith("attack.handshakes"));
            if (sessions) {
                return "sessions";
            }
            return measurements.keySet().stream().anyMatch(k -> k.startsWith("attack.flood")) ? "flood" : "";
        }
    }
}
