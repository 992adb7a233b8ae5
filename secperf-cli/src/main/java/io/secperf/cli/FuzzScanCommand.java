package io.secperf.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.secperf.fuzz.Fuzzer;
import io.secperf.result.Finding;
import io.secperf.run.FindingCollector;
import io.secperf.run.TargetCheck;
import io.secperf.run.TargetUnreachableException;
import io.secperf.security.Credentials;
import io.secperf.security.SecretSource;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secperf scan fuzz --config FILE}: the fuzz checks of a security.yaml alone (seeded mutations of the
 * configured requests and malformed raw requests). The seed is printed and in the findings, so a failure replays.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the endpoints of a security.yaml: seeded request mutations and malformed raw HTTP.",
        footer = {"", "Writes secperf-result.json (findings, and measurements such as fuzz.serverErrors in its",
            "security section) and summary.txt into --out.",
            "Exit codes: 0 no critical finding, 1 critical finding present, 4 bad config,",
            "5 target unreachable or output not writable.", "",
            "Example:", "  secperf scan fuzz --config security.yaml"})
final class FuzzScanCommand implements Callable<Integer> {

    static final String CHECK = "fuzz";

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "security.yaml")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Mixin
    SarifOutput sarif;

    @Override
    public Integer call() {
        return AuthScanCommand.scan(CHECK, config, out, sarif, (parsed, credentials) -> {
            Fuzzer fuzzer = new Fuzzer(parsed, credentials);
            return () -> {
                System.out.println("fuzz seed " + fuzzer.seed() + " (set fuzz.seed to replay)");
                return fuzzer.run();
            };
        });
    }
}
