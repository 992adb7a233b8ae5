package io.secperf.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.secperf.chart.ChartFormat;
import io.secperf.chart.RunChart;
import io.secperf.chart.TrendChart;
import io.secperf.result.AtomicFiles;
import io.secperf.result.EngineCount;
import io.secperf.result.ErrorClass;
import io.secperf.result.ErrorKind;
import io.secperf.result.ErrorKinds;
import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.GateResult;
import io.secperf.result.GateVerdict;
import io.secperf.result.LabelStats;
import io.secperf.result.PostTestReport;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResilienceImpact;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.ServerLogScan;
import io.secperf.result.Severity;
import io.secperf.result.WindowStats;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.TrendSeries;

/**
 * One self-contained HTML report per run: verdict, gates, security findings with evidence and remediation,
 * resilience comparison, charts of the run and of the trend, statistics per label, run details.
 *
 * <p>It is built to be served by Jenkins under its default Content-Security-Policy
 * ({@code sandbox; default-src 'none'; img-src 'self'; style-src 'self';}): no script at all, no inline style
 * attribute or style element (the look comes from {@value #CSS_FILE} next to the page), no external resource, and
 * charts as PNG files next to the page referenced by relative URL (SVG versions are linked). Every value that comes
 * from the target, the plan or the user is escaped.
 */
public final class HtmlReport {

    public static final String HTML_FILE = "report.html";
    public static final String CSS_FILE = "report.css";
    public static final String CHART_DIR = "charts";

    /** Evidence longer than this is cut in the page (the result document keeps it whole). */
    static final int MAX_EVIDENCE_CHARS = 1000;
    /** Longer labels and messages are cut in tables. */
    static final int MAX_CELL_CHARS = 300;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A chart image next to the report. */
    record ChartFile(String id, String title, String alt, int width, int height) {
        String png() {
            return CHART_DIR + "/" + id + "." + ChartFormat.PNG.extension();
        }

        String svg() {
            return CHART_DIR + "/" + id + "." + ChartFormat.SVG.extension();
        }
    }

    private HtmlReport() {
    }

    /**
     * Writes {@value #HTML_FILE}, {@value #CSS_FILE} and the charts ({@value #CHART_DIR}/*.png and *.svg) into the
     * directory, each file atomically; the page is written last, so it never points at a chart that is not there.
     *
     * @return the files written, the page first
     * @throws IOException with a one-line message naming the file that could not be written
     */
    public static List<Path> write(ReportInput input, Path directory) throws IOException {
        return write(input, directory, true);
    }

    /**
     * Same as {@link #write(ReportInput, Path)}; without SVG the charts are PNG only and the page links no SVG
     * (half the files and a third of the bytes, e.g. for a Jenkins controller's disk).
     */
    public static List<Path> write(ReportInput input, Path directory, boolean withSvg) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        List<ChartFormat> formats = withSvg ? List.of(ChartFormat.PNG, ChartFormat.SVG) : List.of(ChartFormat.PNG);
        List<Path> written = new ArrayList<>();
        List<ChartFile> runCharts = new ArrayList<>();
        for (RunChart.Kind kind : RunChart.Kind.values()) {
            ChartFile chart = new ChartFile("run-" + kind.id(), kind.title(), kind.title() + " of this run",
                    RunChart.DEFAULT_WIDTH, kind == RunChart.Kind.ERRORS ? 320 : RunChart.DEFAULT_HEIGHT);
            for (ChartFormat format : formats) {
                byte[] bytes = RunChart.render(input.document().result(), kind, input.attackWindow(), format,
                        chart.width(), chart.height());
                written.add(writeFile(dir.resolve(format == ChartFormat.PNG ? chart.png() : chart.svg()), bytes));
            }
            runCharts.add(chart);
        }
        List<ChartFile> trendCharts = new ArrayList<>();
        TrendSeries trend = TrendSeries.of(input.history(), input.trendWindow());
        for (TrendChart.Family family : trendFamilies(trend)) {
            ChartFile chart = new ChartFile("trend-" + family.id(), family.title(), family.title() + " per build",
                    TrendChart.DEFAULT_WIDTH, TrendChart.DEFAULT_HEIGHT);
            for (ChartFormat format : formats) {
                byte[] bytes = TrendChart.render(trend, family, format, chart.width(), chart.height());
                written.add(writeFile(dir.resolve(format == ChartFormat.PNG ? chart.png() : chart.svg()), bytes));
            }
            trendCharts.add(chart);
        }
        written.add(writeFile(dir.resolve(CSS_FILE), stylesheet()));
        Path page = writeFile(dir.resolve(HTML_FILE), html(input, runCharts, trendCharts, withSvg)
                .getBytes(StandardCharsets.UTF_8));
        written.add(0, page);
        return written;
    }

    /** The trend families worth a chart: all of them once there is a history, resilience only when measured. */
    static List<TrendChart.Family> trendFamilies(TrendSeries trend) {
        List<TrendChart.Family> families = new ArrayList<>();
        if (trend.isEmpty()) {
            return families;
        }
        boolean resilience = trend.builds().stream().anyMatch(b -> b.resilience() != null);
        for (TrendChart.Family family : TrendChart.Family.values()) {
            if (family != TrendChart.Family.RESILIENCE || resilience) {
                families.add(family);
            }
        }
        return families;
    }

    /** The stylesheet the page links to. */
    public static byte[] stylesheet() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(CSS_FILE)) {
            if (in == null) {
                throw new IOException("report stylesheet " + CSS_FILE + " is missing from the secperf-core jar");
            }
            return in.readAllBytes();
        }
    }

    private static Path writeFile(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    /** The page. */
    static String html(ReportInput input, List<ChartFile> runCharts, List<ChartFile> trendCharts, boolean svg) {
        ResultDocument document = input.document();
        RunInfo run = document.run();
        StringBuilder h = new StringBuilder(32 * 1024);
        String plan = run.planName() == null ? "result" : run.planName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>secperf report: ").append(Html.text(plan)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(CSS_FILE).append("\">\n</head>\n<body>\n");
        header(h, document);
        h.append("<main>\n");
        notes(h, input.notes());
        verdict(h, input);
        gates(h, document.gates());
        findings(h, document.findings());
        resilience(h, input.resilience());
        postTest(h, document.security().analysis());
        charts(h, "charts", "This run over time", runCharts, null, svg);
        labels(h, document.result());
        errorClasses(h, document.result());
        topErrors(h, document.result());
        charts(h, "trends", "Trends", trendCharts, trendIntro(input), svg);
        runDetails(h, document);
        h.append("</main>\n<footer>\n<p>Generated by ").append(Html.text(document.generator().name())).append(' ')
                .append(Html.text(document.generator().version())).append(". Numbers from ")
                .append("<code>secperf-result.json</code> (schema version ").append(document.schemaVersion())
                .append(").</p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ResultDocument document) {
        RunInfo run = document.run();
        h.append("<header>\n<h1>secperf report");
        if (run.planName() != null) {
            h.append(": <span class=\"plan\">").append(Html.text(run.planName(), MAX_CELL_CHARS)).append("</span>");
        }
        h.append("</h1>\n<p class=\"subtitle\">");
        List<String> parts = new ArrayList<>();
        if (run.target() != null) {
            parts.add("target <code>" + Html.text(run.target(), MAX_CELL_CHARS) + "</code>");
        }
        if (run.startTime() != null) {
            parts.add("started " + Html.text(TIME.format(run.startTime())));
        }
        if (run.durationMs() > 0) {
            parts.add("ran " + duration(run.durationMs()));
        }
        parts.add("run " + Html.text(document.status().state().name().toLowerCase(Locale.ROOT)));
        h.append(String.join(" · ", parts)).append("</p>\n</header>\n");
    }

    private static void notes(StringBuilder h, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        h.append("<section id=\"notes\" class=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        for (String note : notes) {
            h.append("<li>").append(Html.text(note, MAX_CELL_CHARS)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void verdict(StringBuilder h, ReportInput input) {
        BuildSummary summary = input.summary();
        ResultDocument document = input.document();
        BuildVerdict verdict = summary.verdict();
        boolean performanceChecked = checked(document.gates(), GateCategory.PERFORMANCE);
        boolean securityChecked = checked(document.gates(), GateCategory.SECURITY);
        // "passed" alone must never look like "performance and security validated" (issue 11)
        boolean partial = verdict == BuildVerdict.PASSED && !summary.validatedBoth();
        String css = switch (verdict) {
            case PASSED -> partial ? "partial" : "passed";
            case UNSTABLE -> "unstable";
            case FAILED -> "failed";
            case NOT_EVALUATED -> "not-evaluated";
        };
        String text = switch (verdict) {
            case PASSED -> !partial ? "PASSED: PERFORMANCE AND SECURITY VALIDATED"
                    : !document.gates().isEmpty() && !securityChecked ? "PASSED, SECURITY NOT CHECKED"
                    : !document.gates().isEmpty() && !performanceChecked ? "PASSED, PERFORMANCE NOT CHECKED"
                    : "PASSED, NOT BOTH VALIDATED";
            case UNSTABLE -> "UNSTABLE";
            case FAILED -> "FAILED";
            case NOT_EVALUATED -> "NO GATES EVALUATED";
        };
        h.append("<section id=\"verdict\" class=\"verdict verdict-").append(css).append("\">\n")
                .append("<h2>Verdict: <span class=\"verdict-word\">").append(text).append("</span></h2>\n<p>");
        if (document.status().reason() != null) {
            h.append("Run ").append(document.status().state().name().toLowerCase(Locale.ROOT)).append(": ")
                    .append(Html.text(document.status().reason(), MAX_CELL_CHARS)).append(". ");
        }
        GateVerdict gateVerdict = document.verdict();
        if (gateVerdict != null && gateVerdict.summary() != null) {
            h.append(Html.text(gateVerdict.summary(), MAX_CELL_CHARS)).append(". ");
        }
        if (gateVerdict != null && gateVerdict.stoppedBy() != null) {
            h.append("The load was stopped early by <code>").append(Html.text(gateVerdict.stoppedBy(),
                    MAX_CELL_CHARS)).append("</code>. ");
        }
        if (summary.validatedBoth()) {
            h.append("This build <strong>validated both performance and security criteria</strong>.");
        } else if (verdict == BuildVerdict.NOT_EVALUATED) {
            h.append("No gates were given, so this build validated neither performance nor security criteria.");
        } else if (partial && !document.gates().isEmpty() && !securityChecked) {
            h.append("The gates passed, but <strong>no security gate was evaluated</strong>: security was not "
                    + "checked, so this build is not validated as both fast and secure. Add security gates (e.g. "
                    + "<code>tls.grade &gt;= A</code>, <code>findings(severity&gt;=high) == 0</code>) and run with "
                    + "<code>--security</code>.");
        } else if (partial && !document.gates().isEmpty() && !performanceChecked) {
            h.append("The gates passed, but <strong>no performance gate was evaluated</strong>: performance was "
                    + "not checked, so this build is not validated as both fast and secure.");
        } else if (partial) {
            h.append("The gates passed, but this build did <strong>not</strong> validate both performance and "
                    + "security criteria.");
        } else {
            h.append("This build did <strong>not</strong> validate both performance and security criteria.");
        }
        h.append("</p>\n");
        if (!document.gates().isEmpty()) {
            h.append("<ul class=\"checked\">\n");
            checkedItem(h, "performance", performanceChecked, document.gates(), GateCategory.PERFORMANCE);
            checkedItem(h, "security", securityChecked, document.gates(), GateCategory.SECURITY);
            h.append("</ul>\n");
        }
        h.append("<dl class=\"kpis\">\n");
        LabelStats overall = document.result().overall();
        kpi(h, "samples", Long.toString(overall.count()));
        kpi(h, "p50", overall.p50Ms() + " ms");
        kpi(h, "p95", overall.p95Ms() + " ms");
        kpi(h, "p99", overall.p99Ms() + " ms");
        kpi(h, "throughput", number(overall.throughput()) + " req/s");
        kpi(h, "error rate", percent(overall.errorRate()));
        kpi(h, "findings", Integer.toString(summary.findingsTotal()));
        kpi(h, "gates passed", summary.gates().passed() + " of " + summary.gates().total());
        h.append("</dl>\n</section>\n");
    }

    /** Whether a gate of this category was evaluated (passed or violated). */
    private static boolean checked(List<GateResult> gates, GateCategory category) {
        return gates.stream().anyMatch(g -> g.category() == category && g.evaluated());
    }

    private static void checkedItem(StringBuilder h, String what, boolean checked, List<GateResult> gates,
                                    GateCategory category) {
        long evaluated = gates.stream().filter(g -> g.category() == category && g.evaluated()).count();
        long passed = gates.stream().filter(g -> g.category() == category
                && g.status() == io.secperf.result.GateStatus.PASSED).count();
        String state = !checked ? "not checked" : passed == evaluated ? "passed" : "violated";
        h.append("<li class=\"check-").append(state.replace(' ', '-')).append("\">").append(what).append(": ")
                .append(state);
        if (checked) {
            h.append(" (").append(passed).append(" of ").append(evaluated).append(" gate")
                    .append(evaluated == 1 ? "" : "s").append(" passed)");
        } else {
            h.append(" (no ").append(what).append(" gate was evaluated)");
        }
        h.append("</li>\n");
    }

    private static void kpi(StringBuilder h, String name, String value) {
        h.append("<div><dt>").append(Html.text(name)).append("</dt><dd>").append(Html.text(value))
                .append("</dd></div>\n");
    }

    private static void gates(StringBuilder h, List<GateResult> gates) {
        h.append("<section id=\"gates\">\n<h2>Gates</h2>\n");
        if (gates.isEmpty()) {
            h.append("<p class=\"empty\">No gates were evaluated for this run.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"scroll\">\n<table>\n<thead><tr><th>gate</th><th>kind</th><th>outcome</th>")
                .append("<th class=\"num\">measured</th><th>threshold</th><th>message</th></tr></thead>\n<tbody>\n");
        for (GateResult gate : gates) {
            String status = gate.status().name();
            h.append("<tr class=\"gate-").append(status.toLowerCase(Locale.ROOT).replace('_', '-')).append("\">")
                    .append("<td><code>").append(Html.text(gate.expression(), MAX_CELL_CHARS)).append("</code>");
            if (gate.criticality() == GateCriticality.UNSTABLE) {
                h.append(" <span class=\"criticality\">as unstable</span>");
            }
            h.append("</td><td class=\"nowrap\">").append(gate.category().name().toLowerCase(Locale.ROOT))
                    .append("</td><td class=\"outcome nowrap\">").append(status.replace('_', ' ')).append("</td>")
                    .append("<td class=\"num\">").append(Html.text(gate.measured() == null ? "–" : gate.measured(),
                            MAX_CELL_CHARS));
            if (gate.reference() != null) {
                h.append("<br><span class=\"reference\">reference ").append(Html.text(gate.reference(),
                        MAX_CELL_CHARS)).append("</span>");
            }
            h.append("</td><td class=\"nowrap\">").append(Html.text(gate.threshold(), MAX_CELL_CHARS)).append("</td>")
                    .append("<td>").append(Html.text(gate.message(), MAX_CELL_CHARS)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void findings(StringBuilder h, List<Finding> findings) {
        h.append("<section id=\"findings\">\n<h2>Security findings</h2>\n");
        if (findings.isEmpty()) {
            h.append("<p class=\"empty\">No security findings were recorded for this run.</p>\n</section>\n");
            return;
        }
        List<FindingGroup> groups = FindingGroup.of(findings);
        h.append("<p>").append(findings.size()).append(" finding").append(findings.size() == 1 ? "" : "s");
        if (groups.size() < findings.size()) {
            h.append(" in ").append(groups.size()).append(" group").append(groups.size() == 1 ? "" : "s")
                    .append(" (same check, same observation)");
        }
        h.append(", most severe first.</p>\n");
        for (FindingGroup group : groups) {
            Finding finding = group.first();
            Severity severity = finding.severity() == null ? Severity.INFO : finding.severity();
            String level = severity.name().toLowerCase(Locale.ROOT);
            h.append("<article class=\"finding severity-").append(level).append("\">\n<h3><span class=\"badge\">")
                    .append(severity.name()).append("</span> ").append(Html.text(finding.title(), MAX_CELL_CHARS));
            if (group.count() > 1) {
                h.append(" <span class=\"count\">\u00d7 ").append(group.count()).append("</span>");
            }
            h.append("</h3>\n<p class=\"finding-id\">check <code>").append(Html.text(finding.id(),
                    MAX_CELL_CHARS)).append("</code>");
            if (group.count() > 1) {
                h.append(" · ").append(group.count()).append(" occurrences");
            }
            h.append("</p>\n");
            List<String> evidence = group.evidence();
            if (!evidence.isEmpty()) {
                h.append("<h4>Evidence");
                if (group.count() > 1) {
                    h.append(evidence.size() < group.distinctEvidence() ? ", " + evidence.size() + " of "
                            + group.distinctEvidence() + " distinct examples" : "");
                }
                h.append("</h4>\n");
                for (String example : evidence) {
                    h.append("<pre>").append(evidence(example)).append("</pre>\n");
                }
            }
            if (finding.remediation() != null && !finding.remediation().isEmpty()) {
                h.append("<h4>Remediation</h4>\n<p>").append(Html.text(finding.remediation(), MAX_EVIDENCE_CHARS))
                        .append("</p>\n");
            }
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    /** Evidence escaped and cut to {@link #MAX_EVIDENCE_CHARS}, saying how long it was. */
    static String evidence(String value) {
        if (value.length() <= MAX_EVIDENCE_CHARS) {
            return Html.text(value);
        }
        return Html.text(value.substring(0, MAX_EVIDENCE_CHARS)) + "\u2026 (cut: " + value.length()
                + " characters in all; secperf-result.json keeps it whole)";
    }

    private static void resilience(StringBuilder h, ResilienceComparison comparison) {
        h.append("<section id=\"resilience\">\n<h2>Resilience under attack</h2>\n");
        if (comparison == null) {
            h.append("<p class=\"empty\">This run had no attack window, so there is no comparison of legitimate "
                    + "traffic with and without attack traffic.</p>\n</section>\n");
            return;
        }
        WindowStats clean = comparison.clean();
        WindowStats attack = comparison.attack();
        if (clean == null) {
            h.append("<p class=\"empty\">No clean window: ").append(Html.text(comparison.note()))
                    .append(".</p>\n<p>Attack window: ").append(attack.samples()).append(" legitimate samples, p95 ")
                    .append(attack.p95Ms()).append(" ms, p99 ").append(attack.p99Ms()).append(" ms, error rate ")
                    .append(percent(attack.errorRate())).append(", ").append(number(attack.throughput()))
                    .append(" req/s.</p>\n</section>\n");
            return;
        }
        ResilienceImpact impact = comparison.impact();
        h.append("<p>Legitimate traffic in the clean window compared with the attack window");
        if (!comparison.note().isEmpty()) {
            h.append(" (").append(Html.text(comparison.note())).append(')');
        }
        h.append(".</p>\n")
                .append("<table>\n<thead><tr><th>metric</th><th class=\"num\">clean window</th>")
                .append("<th class=\"num\">attack window</th><th class=\"num\">change</th></tr></thead>\n<tbody>\n");
        resilienceRow(h, "p95", clean.p95Ms() + " ms", attack.p95Ms() + " ms",
                signed(impact.p95ChangePercent()) + " %", impact.p95ChangePercent() > 0);
        resilienceRow(h, "p99", clean.p99Ms() + " ms", attack.p99Ms() + " ms",
                signed(impact.p99ChangePercent()) + " %", impact.p99ChangePercent() > 0);
        resilienceRow(h, "error rate", percent(clean.errorRate()), percent(attack.errorRate()),
                signed(impact.errorRateChangePoints()) + " points", impact.errorRateChangePoints() > 0);
        resilienceRow(h, "throughput", number(clean.throughput()) + " req/s", number(attack.throughput()) + " req/s",
                signed(impact.throughputChangePercent()) + " %", impact.throughputChangePercent() < 0);
        resilienceRow(h, "samples", Long.toString(clean.samples()), Long.toString(attack.samples()), "", false);
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void postTest(StringBuilder h, PostTestReport analysis) {
        if (analysis == null) {
            return;
        }
        h.append("<section id=\"posttest\">\n<h2>Post-test analysis</h2>\n<table>\n<tbody>\n");
        postTestRow(h, "connection resets (legitimate requests)", Long.toString(analysis.connectionResets()));
        postTestRow(h, "TLS handshake failures", Long.toString(analysis.tlsHandshakeFailures()));
        postTestRow(h, "401/403 answers", Long.toString(analysis.authRejected()));
        postTestRow(h, "401/403 bursts", analysis.authBursts() == null ? "not recorded"
                : Integer.toString(analysis.authBursts().size()));
        postTestRow(h, "latency spikes (p95 > " + number(analysis.spikeFactor()) + " \u00d7 median "
                + analysis.medianSecondP95Ms() + " ms)", Long.toString(analysis.latencySpikeCount()));
        if (analysis.handshakes() != null || analysis.handshakeCpuMs() != null) {
            postTestRow(h, "attack TLS handshakes, client CPU", (analysis.handshakes() == null ? "?"
                    : analysis.handshakes()) + " handshakes, " + (analysis.handshakeCpuMs() == null ? "not measured"
                    : number(analysis.handshakeCpuMs()) + " ms CPU" + (analysis.handshakeCpuMsMean() == null ? ""
                    : " (" + number(analysis.handshakeCpuMsMean()) + " ms each)")));
        }
        ServerLogScan logs = analysis.serverLogs();
        if (logs != null) {
            postTestRow(h, "server log: stack traces", logs.stackTraces() + (logs.stackTracesByTechnology().isEmpty()
                    ? "" : " " + logs.stackTracesByTechnology()));
            postTestRow(h, "server log: authentication failures", Long.toString(logs.authFailures()));
            postTestRow(h, "server log: scanned", logs.files().size() + " file(s), " + logs.linesScanned()
                    + " lines" + (logs.truncated() ? " (truncated at the size limit)" : ""));
        }
        h.append("</tbody>\n</table>\n");
        List<String> details = new ArrayList<>();
        if (analysis.authBursts() != null) {
            for (PostTestReport.Burst b : analysis.authBursts()) {
                details.add("401/403 burst " + TIME.format(Instant.ofEpochSecond(b.fromSecond())) + " for "
                        + (b.toSecond() - b.fromSecond()) + " s: " + b.authRejected() + " of " + b.samples()
                        + (b.duringAttack() ? " (during the attack)" : ""));
            }
        }
        for (PostTestReport.Spike spike : analysis.latencySpikes()) {
            details.add("latency spike " + TIME.format(Instant.ofEpochSecond(spike.startSecond())) + ": p95 "
                    + spike.p95Ms() + " ms over " + spike.samples() + " samples"
                    + (spike.duringAttack() ? " (during the attack)" : ""));
        }
        if (logs != null) {
            for (String line : logs.evidence()) {
                details.add("server log: " + line);
            }
            details.addAll(logs.notes());
        }
        details.addAll(analysis.notes());
        if (!details.isEmpty()) {
            h.append("<ul>\n");
            for (String line : details) {
                h.append("<li>").append(Html.text(line, MAX_CELL_CHARS)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void postTestRow(StringBuilder h, String what, String value) {
        h.append("<tr><td>").append(Html.text(what)).append("</td><td class=\"num\">").append(Html.text(value))
                .append("</td></tr>\n");
    }

    private static void resilienceRow(StringBuilder h, String metric, String clean, String attack, String change,
                                      boolean worse) {
        h.append("<tr><td>").append(metric).append("</td><td class=\"num\">").append(Html.text(clean))
                .append("</td><td class=\"num\">").append(Html.text(attack)).append("</td><td class=\"num")
                .append(worse ? " worse" : "").append("\">").append(Html.text(change)).append("</td></tr>\n");
    }

    private static void charts(StringBuilder h, String id, String title, List<ChartFile> charts, String intro,
                               boolean svg) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        if (intro != null) {
            h.append("<p>").append(intro).append("</p>\n");
        }
        for (ChartFile chart : charts) {
            h.append("<figure>\n<img src=\"").append(chart.png()).append("\" width=\"").append(chart.width())
                    .append("\" height=\"").append(chart.height()).append("\" alt=\"")
                    .append(Html.text(chart.alt())).append("\">\n<figcaption>").append(Html.text(chart.title()));
            if (svg) {
                h.append(" · <a href=\"").append(chart.svg()).append("\">SVG</a>");
            }
            h.append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
    }

    private static String trendIntro(ReportInput input) {
        if (input.history().isEmpty()) {
            return "No history was given. Run with <code>--history DIR</code> to keep a summary of every run and "
                    + "see trends here.";
        }
        int builds = input.history().size();
        return "The last " + builds + " build" + (builds == 1 ? "" : "s") + " of the history, oldest left. "
                + "Failed builds are shaded red-orange and marked \u2715, unstable ones shaded yellow and marked !.";
    }

    private static void labels(StringBuilder h, RunResult result) {
        h.append("<section id=\"labels\">\n<h2>Statistics per label</h2>\n");
        if (result.labels().isEmpty()) {
            h.append("<p class=\"empty\">No samples were recorded.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"scroll\">\n<table class=\"stats\">\n<thead><tr><th>label</th>")
                .append("<th class=\"num\">samples</th><th class=\"num\">errors</th><th class=\"num\">error %</th>")
                .append("<th class=\"num\">mean ms</th><th class=\"num\">p50 ms</th><th class=\"num\">p90 ms</th>")
                .append("<th class=\"num\">p95 ms</th><th class=\"num\">p99 ms</th><th class=\"num\">max ms</th>")
                .append("<th class=\"num\">req/s</th></tr></thead>\n<tbody>\n");
        for (LabelStats stats : result.labels()) {
            labelRow(h, stats, false);
        }
        h.append("</tbody>\n<tfoot>\n");
        labelRow(h, result.overall(), true);
        h.append("</tfoot>\n</table>\n</div>\n</section>\n");
    }

    private static void labelRow(StringBuilder h, LabelStats s, boolean total) {
        h.append("<tr").append(total ? " class=\"total\"" : "").append("><td class=\"label\">")
                .append(total ? "all labels" : Html.text(s.label(), MAX_CELL_CHARS)).append("</td>");
        cell(h, Long.toString(s.count()));
        cell(h, Long.toString(s.errors()));
        cell(h, number(s.errorRate() * 100));
        cell(h, number(s.meanMs()));
        cell(h, Long.toString(s.p50Ms()));
        cell(h, Long.toString(s.p90Ms()));
        cell(h, Long.toString(s.p95Ms()));
        cell(h, Long.toString(s.p99Ms()));
        cell(h, Long.toString(s.maxMs()));
        cell(h, number(s.throughput()));
        h.append("</tr>\n");
    }

    private static void cell(StringBuilder h, String value) {
        h.append("<td class=\"num\">").append(value).append("</td>");
    }

    private static void errorClasses(StringBuilder h, RunResult result) {
        h.append("<section id=\"errors\">\n<h2>Errors by class</h2>\n");
        long errors = result.overall().errors();
        if (errors == 0) {
            h.append("<p class=\"empty\">No request failed.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<thead><tr><th>class</th><th class=\"num\">errors</th><th class=\"num\">share</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<ErrorClass, Long> e : result.errorClasses().entrySet()) {
            if (e.getValue() > 0) {
                h.append("<tr><td>").append(e.getKey().name().replace('_', ' ')).append("</td>");
                cell(h, Long.toString(e.getValue()));
                cell(h, percent((double) e.getValue() / errors));
                h.append("</tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** Like JMeter's "Top 5 errors by sampler": the most frequent error kinds over all labels, then per label. */
    private static void topErrors(StringBuilder h, RunResult result) {
        if (result.overall().errors() == 0) {
            return;
        }
        h.append("<section id=\"top-errors\">\n<h2>Top errors by label</h2>\n")
                .append("<p>Response code and message, with numbers, ids and ports folded so that one cause is one ")
                .append("row; at most ").append(ErrorKinds.SHOWN).append(" per label.</p>\n")
                .append("<div class=\"scroll\">\n<table class=\"top-errors\">\n<thead><tr><th>label</th>")
                .append("<th class=\"num\">errors</th><th>response code</th><th>message</th>")
                .append("<th class=\"num\">count</th><th class=\"num\">share</th><th>example</th></tr></thead>\n")
                .append("<tbody>\n");
        topErrorRows(h, "all labels", result.overall(), true);
        for (LabelStats label : result.labels()) {
            if (label.errors() > 0) {
                topErrorRows(h, label.label(), label, false);
            }
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void topErrorRows(StringBuilder h, String name, LabelStats stats, boolean total) {
        List<ErrorKind> kinds = stats.errorKinds().top(ErrorKinds.SHOWN);
        long listed = 0;
        boolean first = true;
        for (ErrorKind kind : kinds) {
            listed += kind.count();
            topErrorRow(h, first ? name : "", first ? Long.toString(stats.errors()) : "", kind.code(),
                    kind.message(), kind.count(), stats.errors(), kind.example(), total && first);
            first = false;
        }
        if (stats.errors() > listed) {
            topErrorRow(h, first ? name : "", first ? Long.toString(stats.errors()) : "", "",
                    "other causes", stats.errors() - listed, stats.errors(), "", total && first);
        }
    }

    private static void topErrorRow(StringBuilder h, String label, String errors, String code, String message,
                                    long count, long of, String example, boolean total) {
        h.append("<tr").append(total ? " class=\"total\"" : "").append("><td class=\"label\">")
                .append(Html.text(label, MAX_CELL_CHARS)).append("</td>");
        cell(h, errors);
        h.append("<td><code>").append(Html.text(code, MAX_CELL_CHARS)).append("</code></td><td>")
                .append(Html.text(message, MAX_CELL_CHARS)).append("</td>");
        cell(h, Long.toString(count));
        cell(h, percent((double) count / of));
        h.append("<td class=\"example\">").append(Html.text(example, MAX_CELL_CHARS)).append("</td></tr>\n");
    }

    private static void runDetails(StringBuilder h, ResultDocument document) {
        RunInfo run = document.run();
        h.append("<section id=\"run\">\n<h2>Run</h2>\n<dl class=\"details\">\n");
        detail(h, "plan", run.planName());
        detail(h, "plan file", run.planFile());
        detail(h, "target", run.target());
        detail(h, "JMeter", run.jmeterVersion());
        detail(h, "start", run.startTime() == null ? null : TIME.format(run.startTime()));
        detail(h, "end", run.endTime() == null ? null : TIME.format(run.endTime()));
        detail(h, "status", document.status().state().name()
                + (document.status().reason() == null ? "" : ": " + document.status().reason()));
        detail(h, "source", document.ingest().source()
                + (document.ingest().file() == null ? "" : " " + document.ingest().file())
                + (document.ingest().rowsSkipped() > 0 ? " (" + document.ingest().rowsSkipped() + " rows skipped)"
                : ""));
        h.append("</dl>\n");
        engines(h, document.ingest().engines());
        if (!run.properties().isEmpty()) {
            h.append("<h3>Properties</h3>\n<p>Values of properties that look secret are masked.</p>\n")
                    .append("<table>\n<thead><tr><th>name</th><th>value</th></tr></thead>\n<tbody>\n");
            for (Map.Entry<String, String> p : run.properties().entrySet()) {
                h.append("<tr><td><code>").append(Html.text(p.getKey(), MAX_CELL_CHARS)).append("</code></td><td>")
                        .append(RunInfo.isSecret(p.getKey()) ? RunInfo.MASK : Html.text(p.getValue(), MAX_CELL_CHARS))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    /** Which JMeter remote engine sent what, when it started and stopped, and which one was lost (distributed runs). */
    private static void engines(StringBuilder h, List<EngineCount> engines) {
        if (engines.isEmpty()) {
            return;
        }
        h.append("<h3>Remote engines</h3>\n<table>\n<thead><tr><th>engine</th><th class=\"num\">samples</th>")
                .append("<th>start</th><th>stop</th><th>state</th><th>note</th></tr></thead>\n<tbody>\n");
        for (EngineCount engine : engines) {
            h.append("<tr><td><code>").append(Html.text(engine.engine(), MAX_CELL_CHARS)).append("</code></td>");
            cell(h, String.format(Locale.ROOT, "%,d", engine.samples()));
            h.append("<td>").append(engine.start() == null ? "–" : TIME.format(engine.start())).append("</td><td>")
                    .append(engine.stop() == null ? "–" : TIME.format(engine.stop())).append("</td><td>")
                    .append(Html.text(engine.state(), MAX_CELL_CHARS)).append("</td><td>")
                    .append(engine.reason() == null ? "" : Html.text(engine.reason(), MAX_CELL_CHARS))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void detail(StringBuilder h, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        h.append("<div><dt>").append(name).append("</dt><dd>").append(Html.text(value, MAX_CELL_CHARS))
                .append("</dd></div>\n");
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f",
                value);
    }

    static String signed(double value) {
        String text = number(value);
        return value > 0 ? "+" + text : text;
    }

    static String percent(double ratio) {
        return number(ratio * 100) + " %";
    }

    private static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
