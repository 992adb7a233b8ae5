package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.secperf.demo.DemoTarget;
import io.secperf.run.FindingCollector;
import io.secperf.tls.TlsProbe;
import io.secperf.tls.TlsProbeException;
import io.secperf.tls.TlsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secperf demo}: the whole job on an embedded default, so a newcomer sees what secperf does with one command
 * and nothing to set up: a built-in HTTPS target on loopback, a bundled plan, the summary and the result files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a built-in HTTPS target on 127.0.0.1 and run a bundled plan against it.",
        footer = {"", "The target has a fresh certificate from a throw-away demo CA (written to DIR/demo-ca.pem),",
            "a JSON API with a login (user 'demo'), and static pages.",
            "Before the load, the TLS probe checks the target (preflight, trusting the demo CA).",
            "Default gates (replace with --gates): p95 < 1s, errors < 1%%, tls.grade >= A,",
            "tls.protocol.min >= TLSv1.2, findings(severity>=high) == 0."})
final class DemoCommand implements Callable<Integer> {

    /** Gates of the demo unless --gates is given: performance and security, so the demo can validate both. */
    static final String DEFAULT_GATES = String.join("\n",
            "p95 < 1s",
            "errors < 1%",
            "tls.grade >= A",
            "tls.protocol.min >= TLSv1.2",
            "findings(severity>=high) == 0");

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
            description = "load duration (default: ${DEFAULT-VALUE})")
    long durationSeconds;

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
        Duration duration = RunCommand.positiveDuration(durationSeconds);
        if (threads < 1) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--threads must be at least 1, was " + threads);
        }
        GateStage gates = gateOptions.stage(DEFAULT_GATES, java.util.List.of());
        Path outDir = OutputDirectory.prepare(output.out);
        try (DemoTarget target = new DemoTarget().start();
             Templates.Resolved plan = Templates.extract(template)) {
            target.writeCaCertificatePem(outDir.resolve("demo-ca.pem"));
            System.out.println("secperf demo: built-in target listening on " + target.uri());
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("threads", Integer.toString(threads));
            properties.put("rampup", "2");
            properties.put("username", "demo");
            properties.put("password", "demo-password");
            FindingCollector preflight = tlsPreflight(target);
            ExitCode code = new LoadRun(System.out).execute(new LoadRun.Settings(plan.plan(), plan.name(),
                    target.uri(), properties, duration, outDir, outDir.resolve("samples.jtl"), output.progress,
                    gates, output.history, preflight, null));
            System.out.println("secperf demo: the target served " + target.requestCount() + " requests");
            return code.code();
        }
    }

    /** The seed's "pre-deployment" level: TLS validated before load, so performance is measured on a hardened target. */
    private static FindingCollector tlsPreflight(DemoTarget target) {
        TlsReport report;
        try {
            report = TlsProbe.builder("localhost", target.port())
                    .trustAnchors(List.of(target.caCertificate()))
                    .build().run();
        } catch (TlsProbeException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "TLS preflight failed: " + e.getMessage(), e);
        }
        System.out.println("secperf demo: TLS preflight: grade " + report.grade().letter() + ", protocols "
                + report.acceptedVersions() + ", " + report.findings().size() + " finding"
                + (report.findings().size() == 1 ? "" : "s")
                + report.findings().stream().map(f -> f.id() + " (" + f.severity() + ")")
                        .collect(java.util.stream.Collectors.joining(", ", report.findings().isEmpty() ? "" : ": ", "")));
        FindingCollector collected = new FindingCollector();
        collected.accept("tls", report.findings(), report.measurements());
        return collected;
    }
}
