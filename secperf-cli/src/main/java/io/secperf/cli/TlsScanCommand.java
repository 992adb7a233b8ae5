package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.secperf.result.Finding;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.run.FindingCollector;
import io.secperf.tls.MozillaProfile;
import io.secperf.tls.TlsProbe;
import io.secperf.tls.TlsProbeException;
import io.secperf.tls.TlsReport;
import io.secperf.tls.TlsScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code secperf scan tls HOST:PORT}: the TLS probe alone. The probe is recorded as one sample (label
 * {@code tls HOST:PORT}, elapsed = probe time, failed when a critical finding is present), so the result document
 * is a normal, complete one that {@code secperf} gates and merges like any run.
 */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = "Probe one TLS endpoint: protocols, cipher suites, certificate, HSTS, renegotiation, grade.",
        footer = {"", "Writes secperf-result.json (findings, and measurements such as tls.grade in its security",
            "section) and summary.txt into --out.",
            "Exit codes: 0 no critical finding, 1 critical finding present, 4 usage or input error,",
            "5 host unreachable or output not writable.", "",
            "Example:", "  secperf scan tls example.org:443 --profile modern"})
final class TlsScanCommand implements Callable<Integer> {

    static final String CHECK = "tls";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", description = "endpoint; the port defaults to 443; IPv6 as [::1]:443")
    String endpoint;

    @Option(names = "--servername", paramLabel = "NAME",
            description = "SNI and the name the certificate must match (default: the host)")
    String serverName;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "intermediate",
            description = "Mozilla server-side TLS profile: modern, intermediate, old (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "trust the CA certificates in this PEM/DER file instead of the JDK trust store")
    Path caFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Mixin
    SarifOutput sarif;

    @Override
    public Integer call() {
        sarif.check();
        Endpoint target = parse(endpoint);
        MozillaProfile mozilla;
        try {
            mozilla = MozillaProfile.fromId(profile);
        } catch (IllegalArgumentException e) {
            throw usage("--profile: " + e.getMessage());
        }
        TlsProbe.Builder builder = TlsProbe.builder(target.host(), target.port()).profile(mozilla);
        if (serverName != null) {
            builder.serverName(serverName);
        }
        if (caFile != null) {
            try {
                builder.trustStore(caFile);
            } catch (IOException | RuntimeException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--ca " + caFile + ": cannot read CA certificates: "
                        + OutputDirectory.describe(e), e);
            }
        }
        Path outDir = OutputDirectory.prepare(out);
        TlsReport report;
        try {
            report = builder.build().run();
        } catch (TlsProbeException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, target.display() + " unreachable: " + e.getMessage(), e);
        }
        System.out.print(TlsScanReport.render(report));

        FindingCollector collected = new FindingCollector();
        collected.accept(CHECK, report.findings(), report.measurements());
        ResultDocument document = document(target, report).withSecurity(collected.data());
        Path resultFile = LoadRun.write(outDir, document);
        System.out.println("result: " + resultFile);
        sarif.write(System.out, document);

        List<Finding> critical = critical(report.findings());
        if (!critical.isEmpty()) {
            throw new CommandFailure(ExitCode.GATES_FAILED, critical.size() + " critical finding"
                    + (critical.size() == 1 ? "" : "s") + " on " + target.display() + ": "
                    + critical.stream().map(Finding::id).distinct().collect(Collectors.joining(", ")));
        }
        return ExitCode.OK.code();
    }

    static List<Finding> critical(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Severity.CRITICAL).toList();
    }

    private static ResultDocument document(Endpoint target, TlsReport report) {
        List<Finding> critical = critical(report.findings());
        long start = report.startedAt().toEpochMilli();
        Sample sample = new Sample(start, report.elapsedMillis(), "tls " + target.display(),
                critical.isEmpty() ? "OK" : "CRITICAL", "grade " + report.grade().letter(), critical.isEmpty(),
                critical.isEmpty() ? "" : critical.get(0).id() + ": " + critical.get(0).title(), 0, 0,
                report.elapsedMillis(), 0, 1);
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(sample);
        RunInfo run = RunInfo.of("scan tls", null, target.display(), null, report.startedAt(),
                Instant.ofEpochMilli(start + report.elapsedMillis()), Map.of());
        ResultDocument document = ResultDocument.of(run,
                report.complete() ? RunStatus.complete() : RunStatus.partial("TLS probe stopped early"),
                IngestInfo.live(1), aggregator.finish());
        return document.withFindings(report.findings());
    }

    record Endpoint(String host, int port) {
        String display() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private Endpoint parse(String text) {
        String value = text.strip();
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw usage("HOST:PORT '" + text + "': missing ']' after the IPv6 address");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw usage("HOST:PORT '" + text + "': expected ':PORT' after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && value.indexOf(':') != colon) {
                throw usage("HOST:PORT '" + text + "': write IPv6 addresses in brackets, e.g. [::1]:443");
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw usage("HOST:PORT '" + text + "': host is empty");
        }
        int number = 443;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw usage("HOST:PORT '" + text + "': port must be a number from 1 to 65535");
            }
        }
        return new Endpoint(host, number);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
