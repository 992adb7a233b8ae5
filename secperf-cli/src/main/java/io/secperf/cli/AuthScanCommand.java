package io.secperf.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.secperf.auth.AuthCheck;
import io.secperf.result.Finding;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
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
 * {@code secperf scan auth --config FILE}: the authentication checks of a security.yaml alone. Like
 * {@link TlsScanCommand}, the check is recorded as one sample, so the result document gates and merges like a run.
 * Credentials come from the environment or JVM properties the config names; evidence is masked.
 */
@Command(name = "auth", mixinStandardHelpOptions = true,
        description = "Check authentication of the protected endpoints in a security.yaml: no/invalid credentials, "
                + "forged JWTs, lockout, cookie flags, security headers, leaks.",
        footer = {"", "Writes secperf-result.json (findings, and measurements such as auth.bypass in its",
            "security section) and summary.txt into --out.",
            "Exit codes: 0 no critical finding, 1 critical finding present (e.g. AUTH-BYPASS), 4 bad config,",
            "5 target unreachable or output not writable.", "",
            "Example:", "  secperf scan auth --config security.yaml"})
final class AuthScanCommand implements Callable<Integer> {

    static final String CHECK = "auth";

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "security.yaml")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Mixin
    SarifOutput sarif;

    @Override
    public Integer call() {
        return scan(CHECK, config, out, sarif, (parsed, credentials) -> new AuthCheck(parsed, credentials)::run);
    }

    /** Prepares a check from a parsed security.yaml; the constructor validates what the config names. */
    @FunctionalInterface
    interface Preparation {
        Supplier<SecurityReport> prepare(SecurityConfig config, Credentials credentials)
                throws SecurityConfigException;
    }

    /**
     * What {@code scan auth} and {@code scan fuzz} share: read the config (exit 4), prove the target answers TCP
     * (exit 5), run the check, write the result with its findings and measurements, exit 1 on a critical finding.
     */
    static int scan(String check, Path config, Path out, SarifOutput sarif, Preparation preparation) {
        sarif.check();
        SecurityConfig parsed;
        Supplier<SecurityReport> run;
        try {
            parsed = SecurityConfigReader.read(config);
            run = preparation.prepare(parsed, Credentials.resolve(parsed, SecretSource.system()));
        } catch (SecurityConfigException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        }
        Path outDir = OutputDirectory.prepare(out);
        try {
            TargetCheck.verify(parsed.target().url(), parsed.target().connectTimeout());
        } catch (TargetUnreachableException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
        }
        SecurityReport report = run.get();
        System.out.print(render(report));
        FindingCollector collected = new FindingCollector();
        collected.accept(check, report.findings(), measurements(report));
        ResultDocument document = document(report).withSecurity(collected.data());
        Path resultFile = LoadRun.write(outDir, document);
        System.out.println("result: " + resultFile);
        sarif.write(System.out, document);
        List<Finding> critical = TlsScanCommand.critical(report.findings());
        if (!critical.isEmpty()) {
            throw new CommandFailure(ExitCode.GATES_FAILED, critical.size() + " critical finding"
                    + (critical.size() == 1 ? "" : "s") + " on " + report.target() + ": "
                    + critical.stream().map(Finding::id).distinct().collect(Collectors.joining(", ")));
        }
        return ExitCode.OK.code();
    }

    /** Gate measurements as text: whole numbers without a fraction. */
    static Map<String, String> measurements(SecurityReport report) {
        Map<String, String> values = new LinkedHashMap<>();
        report.measurements().forEach((name, value) -> values.put(name,
                value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString(value.longValue())
                        : Double.toString(value)));
        return values;
    }

    static String render(SecurityReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.check()).append(" check of ").append(report.target()).append(": ")
                .append(report.findings().size()).append(" findings in ").append(report.elapsed().toMillis())
                .append(" ms").append(report.complete() ? "" : " (INCOMPLETE)").append("\n\n");
        if (report.findings().isEmpty()) {
            out.append("No findings.\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            for (Finding f : report.findings()) {
                rows.add(new String[] {f.severity().name(), f.id(), f.title(), f.evidence()});
            }
            int[] width = {8, 2, 7};
            for (String[] row : rows) {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], Math.min(row[i].length(), 60));
                }
            }
            String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n";
            out.append(String.format(format, "Severity", "Id", "Finding", "Evidence"));
            out.append(String.format(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]),
                    "--------"));
            for (String[] row : rows) {
                out.append(String.format(format, (Object[]) row).stripTrailing().replace('\r', ' ')).append('\n');
            }
        }
        report.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
        return out.toString();
    }

    static ResultDocument document(SecurityReport report) {
        List<Finding> critical = TlsScanCommand.critical(report.findings());
        long start = report.started().toEpochMilli();
        long elapsed = report.elapsed().toMillis();
        Sample sample = new Sample(start, elapsed, report.check() + " " + report.target(),
                critical.isEmpty() ? "OK" : "CRITICAL", report.findings().size() + " findings", critical.isEmpty(),
                critical.isEmpty() ? "" : critical.get(0).id() + ": " + critical.get(0).title(), 0, 0, elapsed, 0, 1);
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(sample);
        RunInfo run = RunInfo.of("scan " + report.check(), null, report.target(), null, report.started(),
                Instant.ofEpochMilli(start + elapsed), Map.of());
        return ResultDocument.of(run, report.complete() ? RunStatus.complete()
                        : RunStatus.partial(report.check() + " check stopped early"),
                IngestInfo.live(1), aggregator.finish()).withFindings(report.findings());
    }
}
