package io.secperf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import io.secperf.result.AtomicFiles;
import io.secperf.tls.MozillaProfile;
import io.secperf.tls.NotTlsException;
import io.secperf.tls.TlsProbe;
import io.secperf.tls.TlsProbeException;
import io.secperf.tls.TlsReport;
import io.secperf.tls.TlsReportJson;
import io.secperf.tls.TlsScanReport;
import io.secperf.tls.TlsTrace;
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
            "section), tls-report.json (everything the tables show) and summary.txt into --out.",
            "Exit codes: 0 no critical finding, 1 critical finding present, 4 usage or input error,",
            "5 host unreachable, not TLS, no answer at all, or output not writable.", "",
            "Examples:", "  secperf scan tls example.org:443 --profile modern",
            "  secperf scan tls https://example.org/ --format json > tls.json"})
final class TlsScanCommand implements Callable<Integer> {

    static final String CHECK = "tls";
    /** The whole probe report as JSON ({@link TlsReportJson}), next to the result document. */
    static final String REPORT_FILE = "tls-report.json";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", description = "endpoint: HOST:PORT or an https:// URL (its path is the "
            + "HSTS request's); the port defaults to 443; IPv6 as [::1]:443")
    String endpoint;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "what goes to stdout: text (tables) or json (the tls-report.json document only; other "
                    + "lines go to stderr) (default: ${DEFAULT-VALUE})")
    String format;

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
        TlsTrace.mark("scan: command starts");
        sarif.check();
        Endpoint target = parse(endpoint);
        boolean json = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw usage("--format: '" + format + "' is not text or json");
        };
        MozillaProfile mozilla;
        try {
            mozilla = MozillaProfile.fromId(profile);
        } catch (IllegalArgumentException e) {
            throw usage("--profile: " + e.getMessage());
        }
        TlsProbe.Builder builder = TlsProbe.builder(target.host(), target.port()).profile(mozilla);
        if (target.path() != null) {
            try {
                builder.httpPath(target.path());
            } catch (IllegalArgumentException e) {
                throw usage("HOST:PORT: the URL's path: " + e.getMessage());
            }
        }
        if (serverName != null) {
            try {
                builder.serverName(serverName);
            } catch (IllegalArgumentException e) {
                throw usage("--servername: " + e.getMessage());
            }
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
        TlsTrace.mark("scan: options read");
        TlsReport report;
        try {
            report = builder.build().run();
        } catch (NotTlsException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, target.display() + " is " + e.getMessage(), e);
        } catch (TlsProbeException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, target.display() + " unreachable: " + e.getMessage(), e);
        }
        TlsTrace.mark("scan: probe returned");
        String reportJson = TlsReportJson.render(report);
        TlsTrace.mark("scan: report JSON rendered");
        if (json) {
            System.out.println(reportJson);
        } else {
            System.out.print(TlsScanReport.render(report));
        }

        TlsTrace.mark("scan: report printed");
        FindingCollector collected = new FindingCollector();
        collected.accept(CHECK, report.findings(), report.measurements());
        ResultDocument document = document(target, report).withSecurity(collected.data());
        TlsTrace.mark("scan: result document built");
        Path resultFile = LoadRun.write(outDir, document);
        TlsTrace.mark("scan: result document and summary written");
        Path reportFile = outDir.resolve(REPORT_FILE);
        try {
            AtomicFiles.write(reportFile, stream -> stream.write((reportJson + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "could not write " + reportFile + ": "
                    + OutputDirectory.describe(e), e);
        }
        if (json) {
            // stdout holds the JSON document alone, so it can be piped; the file names go to stderr
            spec.commandLine().getErr().println("result: " + resultFile);
            spec.commandLine().getErr().println("tls report: " + reportFile);
            sarif.write(System.err, document);
        } else {
            System.out.println("result: " + resultFile);
            System.out.println("tls report: " + reportFile);
            sarif.write(System.out, document);
        }

        TlsTrace.mark("scan: tls-report.json written");
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
                critical.isEmpty() ? "OK" : "CRITICAL", "grade " + report.grade().display(), critical.isEmpty(),
                critical.isEmpty() ? "" : critical.get(0).id() + ": " + critical.get(0).title(), 0, 0,
                report.elapsedMillis(), 0, 1);
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(sample);
        RunInfo run = RunInfo.of("scan tls", null, target.display(), null, report.startedAt(),
                Instant.ofEpochMilli(start + report.elapsedMillis()), Map.of());
        ResultDocument document = ResultDocument.of(run,
                report.complete() ? RunStatus.complete()
                        : RunStatus.partial("TLS probe incomplete, grade provisional: " + report.finding(
                        "TLS-PROBE-INCOMPLETE").map(Finding::evidence).orElse("stopped early")),
                IngestInfo.live(1), aggregator.finish());
        return document.withFindings(report.findings());
    }

    /** Where to probe; {@code path} is the HSTS request's path from an https:// URL, or null. */
    record Endpoint(String host, int port, String path) {
        String display() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private Endpoint parse(String text) {
        String value = text.strip();
        if (value.contains("://")) {
            return parseUrl(value);
        }
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
        return new Endpoint(host, number, null);
    }

    /**
     * {@code https://host[:port][/path]}. Messages name only scheme, host and port: a query may hold a token, so it
     * is never repeated (and never sent: the HSTS request uses the path alone).
     */
    private Endpoint parseUrl(String value) {
        String scheme = value.substring(0, value.indexOf("://")).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https")) {
            throw usage("HOST:PORT: a " + scheme + ":// URL has no TLS to probe; give an https:// URL or HOST:PORT");
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw usage("HOST:PORT: not a valid https:// URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw usage("HOST:PORT: the URL holds credentials (user:password@), which the TLS probe does not use; "
                    + "remove them");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw usage("HOST:PORT: the https:// URL has no valid host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw usage("HOST:PORT: port must be a number from 1 to 65535");
        }
        String path = uri.getRawPath();
        return new Endpoint(host, port, path == null || path.isEmpty() ? null : path);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
