package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.secperf.demo.DemoTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secperf demo}: the whole job on an embedded default, so a newcomer sees what secperf does with one command
 * and nothing to set up: a built-in HTTPS target on loopback, a bundled plan, the summary and the result files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a built-in HTTPS target on 127.0.0.1 and run a bundled plan against it.",
        footer = {"", "The target has a fresh certificate from a throw-away demo CA (written to DIR/demo-ca.pem),",
            "a JSON API with a login (user 'demo'), and static pages."})
final class DemoCommand implements Callable<Integer> {

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

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, terminal, plain or none (default: ${DEFAULT-VALUE})")
    ProgressPrinter.Mode progress;

    @Override
    public Integer call() throws IOException {
        Duration duration = RunCommand.positiveDuration(durationSeconds);
        if (threads < 1) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--threads must be at least 1, was " + threads);
        }
        Path outDir = OutputDirectory.prepare(out);
        try (DemoTarget target = new DemoTarget().start();
             Templates.Resolved plan = Templates.extract(template)) {
            target.writeCaCertificatePem(outDir.resolve("demo-ca.pem"));
            System.out.println("secperf demo: built-in target listening on " + target.uri());
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("threads", Integer.toString(threads));
            properties.put("rampup", "2");
            properties.put("username", "demo");
            properties.put("password", "demo-password");
            ExitCode code = new LoadRun(System.out).execute(new LoadRun.Settings(plan.plan(), plan.name(),
                    target.uri(), properties, duration, outDir, outDir.resolve("samples.jtl"), progress));
            System.out.println("secperf demo: the target served " + target.requestCount() + " requests");
            return code.code();
        }
    }
}
