package io.secperf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;
import io.secperf.result.Severity;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.GateCounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlReportTest {

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)(?:=\"([^\"]*)\")?");

    @TempDir
    Path dir;

    /** The full report, written once: rendering 18 charts takes a few seconds on a busy machine. */
    @TempDir
    static Path shared;
    private static List<Path> sharedFiles;
    private static String sharedHtml;

    @BeforeAll
    static void writeOnce() throws IOException {
        sharedFiles = HtmlReport.write(ReportFixtures.input(), shared);
        sharedHtml = Files.readString(shared.resolve(HtmlReport.HTML_FILE));
    }

    @Test
    void topErrorsByLabelShowCodeNormalisedMessageCountShareAndExample() {
        String html = sharedHtml;
        int section = html.indexOf("<section id=\"top-errors\">");
        assertThat(section).isPositive();
        String table = html.substring(section, html.indexOf("</section>", section));
        assertThat(table).contains("<h2>Top errors by label</h2>", "<td class=\"label\">all labels</td>",
                "<td><code>java.net.SocketTimeoutException</code></td><td>Read timed out</td>",
                "<td><code>500</code></td><td>Internal Server Error</td>");
        long errors = ReportFixtures.document().result().overall().errors();
        long timeouts = ReportFixtures.document().result().overall().errorKinds().kinds().stream()
                .filter(k -> k.code().equals("java.net.SocketTimeoutException")).findFirst().orElseThrow().count();
        assertThat(table).contains("<td class=\"num\">" + errors + "</td>", "<td class=\"num\">" + timeouts
                + "</td>");
    }

    @Test
    void writesThePageTheStylesheetAndEveryChartItReferences() throws IOException {
        Path dir = shared;
        List<Path> files = sharedFiles;

        Path page = dir.resolve(HtmlReport.HTML_FILE);
        assertThat(files.get(0)).isEqualTo(page);
        assertThat(dir.resolve(HtmlReport.CSS_FILE)).isRegularFile();
        String html = Files.readString(page);
        List<String> references = references(html);
        assertThat(references).contains("report.css", "charts/run-latency-throughput.png",
                "charts/run-latency-throughput.svg", "charts/run-errors.png", "charts/trend-latency.png",
                "charts/trend-validated-both.png", "charts/trend-resilience.png");
        for (String reference : references) {
            assertThat(dir.resolve(reference)).as(reference).isRegularFile();
            assertThat(files).contains(dir.resolve(reference));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void hasEverySectionAPersonLooksFor() throws IOException {
        String html = sharedHtml;
        assertThat(html).contains("<section id=\"verdict\" class=\"verdict verdict-failed\">",
                "Verdict: <span class=\"verdict-word\">FAILED</span>", "<section id=\"gates\">",
                "<section id=\"findings\">", "<section id=\"resilience\">", "<section id=\"charts\">",
                "<section id=\"labels\">", "<section id=\"errors\">", "<section id=\"trends\">",
                "<section id=\"run\">");
        // gates table rows, findings most severe first with evidence and remediation, resilience numbers
        assertThat(html).contains("<code>p95 &lt; 800ms</code>", "NOT EVALUATED", "no reference build yet",
                "FAILED: 2 of 4 gates failed", "<td class=\"nowrap\">security</td>");
        assertThat(html.indexOf("CRITICAL")).isLessThan(html.indexOf(">HIGH<")).isLessThan(html.indexOf(">LOW<"));
        assertThat(html).contains("<h4>Evidence</h4>", "<h4>Remediation</h4>", "Reject unsigned tokens.");
        assertThat(html).contains("+133 %", "-30.0 %", "+6.10 points");
        assertThat(html).contains("The last 12 builds of the history");
        // per-label statistics with the overall row
        assertThat(html).contains("GET /api/items", "POST /login", "all labels");
    }

    @Test
    void hostileValuesFromTheTargetAndThePlanAreEscapedEverywhere() throws IOException {
        String html = sharedHtml;

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("https://shop.example.test/&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;")
                .contains("&lt;b onmouseover=alert(4)&gt;bold&lt;/b&gt;")
                .contains("onerror=alert(5)&gt;")
                .contains("&lt;html&gt;&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;")
                .contains("checkout &lt;i&gt;plan&lt;/i&gt;");
        // the page's own markup only: a known set of tags, no script, no event handler, no inline style
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String tag = tags.group(1).toLowerCase(Locale.ROOT);
            assertThat(tag).isIn("html", "head", "meta", "title", "link", "body", "header", "h1", "h2", "h3", "h4",
                    "span", "p", "code", "main", "section", "dl", "div", "dt", "dd", "table", "thead", "tbody",
                    "tfoot", "tr", "th", "td", "strong", "article", "pre", "figure", "img", "figcaption", "a", "ul",
                    "li", "footer", "br");
            Matcher attributes = ATTRIBUTE.matcher(tags.group(2));
            while (attributes.find()) {
                assertThat(attributes.group(1).toLowerCase(Locale.ROOT)).as("attribute in <%s>", tag)
                        .isIn("lang", "charset", "name", "content", "rel", "href", "id", "class", "src", "width",
                                "height", "alt");
            }
        }
        // the only <i> is none: the plan name's <i> must be text
        assertThat(html).doesNotContain("<i>").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<style").doesNotContain("style=").doesNotContain("javascript:");
    }

    @Test
    void referencesOnlyFilesNextToThePage() throws IOException {
        String html = sharedHtml;
        for (String reference : references(html)) {
            assertThat(reference).doesNotContain(":").doesNotStartWith("/").doesNotContain("..")
                    .matches("[a-z0-9./-]+");
        }
    }

    @Test
    void secretPropertiesAreMasked() throws IOException {
        String html = sharedHtml;
        assertThat(html).doesNotContain("hunter2").contains("<code>password</code></td><td>****</td>");
    }

    @Test
    void longEvidenceIsCutInThePage() throws IOException {
        ResultDocument document = ReportFixtures.document().withFindings(List.of(
                new Finding("x", Severity.LOW, "big", "A".repeat(HtmlReport.MAX_EVIDENCE_CHARS + 500), "fix")));
        HtmlReport.write(ReportInput.of(document), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("A".repeat(HtmlReport.MAX_EVIDENCE_CHARS) + "… (cut: "
                        + (HtmlReport.MAX_EVIDENCE_CHARS + 500) + " characters in all")
                .doesNotContain("A".repeat(HtmlReport.MAX_EVIDENCE_CHARS + 1));
    }

    @Test
    void findingsOfTheSameCheckAndObservationAreOneCardWithACountAndAtMostThreeExamples() throws IOException {
        List<Finding> findings = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            findings.add(new Finding("fuzz.server-error", Severity.MEDIUM, "server error 501",
                    "POST /api/items mutation " + i + " -> 501", "Validate input; answer 400."));
        }
        findings.add(new Finding("fuzz.server-error", Severity.MEDIUM, "server error 501",
                "POST /api/items body " + "A".repeat(8192) + " -> 501", "Validate input; answer 400."));
        findings.add(new Finding("tls.hsts.missing", Severity.LOW, "No Strict-Transport-Security header",
                "GET /", "Send HSTS."));
        HtmlReport.write(ReportInput.of(ReportFixtures.document().withFindings(findings)), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        String section = html.substring(html.indexOf("<section id=\"findings\">"),
                html.indexOf("</section>", html.indexOf("<section id=\"findings\">")));
        assertThat(section).contains("12 findings in 2 groups (same check, same observation)");
        assertThat(section.split("<article ", -1)).hasSize(3);
        assertThat(section.split("server error 501", -1)).hasSize(2);
        assertThat(section).contains("server error 501 <span class=\"count\">\u00d7 11</span>",
                "11 occurrences", "3 of 11 distinct examples", "mutation 0 -&gt; 501", "mutation 2 -&gt; 501")
                .doesNotContain("mutation 3 -&gt;");
        assertThat(section.split("<pre>", -1)).hasSize(5); // three examples of the group, one of HSTS

        List<Finding> big = List.of(findings.get(10), findings.get(10));
        HtmlReport.write(ReportInput.of(ReportFixtures.document().withFindings(big)), dir);
        String cut = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(cut).contains("\u2026 (cut: " + findings.get(10).evidence().length() + " characters in all")
                .doesNotContain("A".repeat(HtmlReport.MAX_EVIDENCE_CHARS + 1));
        assertThat(cut.split("<pre>", -1)).hasSize(2); // the same evidence twice is one example
    }

    @Test
    void passedWithoutSecurityGatesLooksAndReadsDifferentlyFromBothValidated() throws IOException {
        ResultDocument base = ReportFixtures.document();
        ResultDocument performanceOnly = base.withGates(List.of(ReportFixtures.gate("1", "p95 < 800ms", "p95",
                io.secperf.result.GateCategory.PERFORMANCE, io.secperf.result.GateStatus.PASSED, "312 ms", "< 800 ms",
                null, "ok")), null);
        HtmlReport.write(ReportInput.of(performanceOnly).withSummary(BuildSummary.of("3", performanceOnly,
                BuildVerdict.PASSED, false, new GateCounts(1, 0, 0, 0), null)), dir);
        String partial = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(partial).contains("verdict verdict-partial",
                "verdict-word\">PASSED, SECURITY NOT CHECKED<", "no security gate was evaluated",
                "<li class=\"check-passed\">performance: passed (1 of 1 gate passed)</li>",
                "<li class=\"check-not-checked\">security: not checked (no security gate was evaluated)</li>")
                .doesNotContain("verdict-passed").doesNotContain("did <strong>not</strong> validate both");

        ResultDocument both = base.withGates(List.of(performanceOnly.gates().get(0), ReportFixtures.gate("2",
                "tls.grade >= A", "tls.grade", io.secperf.result.GateCategory.SECURITY,
                io.secperf.result.GateStatus.PASSED, "A", ">= A", null, "ok")), null);
        HtmlReport.write(ReportInput.of(both).withSummary(BuildSummary.of("4", both, BuildVerdict.PASSED, true,
                new GateCounts(2, 0, 0, 0), null)), dir);
        String validated = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(validated).contains("verdict verdict-passed",
                "verdict-word\">PASSED: PERFORMANCE AND SECURITY VALIDATED<",
                "<li class=\"check-passed\">security: passed (1 of 1 gate passed)</li>")
                .doesNotContain("verdict-partial");
        String css = new String(HtmlReport.stylesheet(), StandardCharsets.UTF_8);
        assertThat(css).contains(".verdict-partial {").contains(".verdict-passed {");
    }

    @Test
    void aDistributedRunShowsWhichEngineSentWhatAndWhichOneWasLost() throws IOException {
        ResultDocument d = ReportFixtures.plainDocument();
        ResultDocument document = new ResultDocument(d.schemaVersion(), d.generator(), d.run(), d.status(),
                d.ingest().withEngines(List.of(
                        new io.secperf.result.EngineCount("lg1:1099", 12_345, java.time.Instant.ofEpochMilli(
                                ReportFixtures.START_MS), java.time.Instant.ofEpochMilli(ReportFixtures.START_MS + 60_000),
                                io.secperf.result.EngineCount.COMPLETED, null),
                        new io.secperf.result.EngineCount("<lg2>:1099", 678, java.time.Instant.ofEpochMilli(
                                ReportFixtures.START_MS), java.time.Instant.ofEpochMilli(ReportFixtures.START_MS + 20_000),
                                io.secperf.result.EngineCount.LOST, "stopped answering (ConnectException)"))),
                d.result(), d.findings(), d.gates(), d.verdict(), d.security());
        HtmlReport.write(ReportInput.of(document), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("<h3>Remote engines</h3>", "<code>lg1:1099</code>", "12,345", "completed",
                "&lt;lg2&gt;:1099", "lost", "stopped answering (ConnectException)").doesNotContain("<lg2>");

        HtmlReport.write(ReportInput.of(d), dir);
        assertThat(Files.readString(dir.resolve(HtmlReport.HTML_FILE))).as("a run in one JVM has no such table")
                .doesNotContain("Remote engines");
    }

    @Test
    void aReportOfTheDocumentAloneSaysWhatIsMissing() throws IOException {
        ResultDocument document = ReportFixtures.document().withGates(List.of(), null).withFindings(List.of());
        List<Path> files = HtmlReport.write(ReportInput.of(document), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("NO GATES EVALUATED", "No gates were evaluated for this run.",
                "No security findings were recorded", "This run had no attack window", "No history was given");
        assertThat(files.stream().map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("trend-"));
    }

    @Test
    void resilienceAttackWindowAndPostTestAnalysisComeFromTheDocument() throws IOException {
        ResultDocument document = io.secperf.analysis.DocumentAnalysis.complete(ReportFixtures.plainDocument()
                .withSecurity(io.secperf.result.SecurityData.none().withAttackWindows(List.of(
                        ReportFixtures.attackWindow()))), null);
        ReportInput input = ReportInput.of(document);
        assertThat(input.resilience()).isNotNull().isEqualTo(document.security().resilience());
        assertThat(input.resilience().impact().p95ChangePercent()).as("the fixture's attack seconds are slower")
                .isGreaterThan(50);
        assertThat(input.attackWindow().start()).isEqualTo(ReportFixtures.ATTACK_START);
        assertThat(input.summary().resilience()).isEqualTo(input.resilience().impact());
        assertThat(BuildSummary.of("7", document).resilience()).isEqualTo(input.resilience().impact());

        HtmlReport.write(input, dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("<section id=\"resilience\">", "clean window: ", "<section id=\"posttest\">",
                "Post-test analysis", "latency spikes").doesNotContain("This run had no attack window");
    }

    @Test
    void anAttackOverTheWholeRunIsShownWithoutAMadeUpBaseline() throws IOException {
        ResultDocument plain = ReportFixtures.plainDocument();
        ResultDocument document = io.secperf.analysis.DocumentAnalysis.complete(plain.withSecurity(
                io.secperf.result.SecurityData.none().withAttackWindows(List.of(new io.secperf.result.AttackWindow(
                        plain.run().startTime().minusSeconds(5), plain.run().endTime().plusSeconds(5))))), null);
        HtmlReport.write(ReportInput.of(document), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("No clean window: the attack covered the run from its first second");
        assertThat(BuildSummary.of("8", document).resilience()).isNull();
    }

    @Test
    void theVerdictAndValidatedBothComeFromTheSummary() throws IOException {
        ResultDocument document = ReportFixtures.document();
        BuildSummary passed = BuildSummary.of("3", document, BuildVerdict.PASSED, true, new GateCounts(4, 0, 0, 0),
                null);
        HtmlReport.write(ReportInput.of(document).withSummary(passed), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("verdict verdict-passed", ">PASSED: PERFORMANCE AND SECURITY VALIDATED<",
                "validated both performance and security criteria", "4 of 4");
    }

    @Test
    void resilienceTrendIsLeftOutUntilABuildMeasuredIt() throws IOException {
        List<BuildSummary> history = ReportFixtures.history(4);
        assertThat(history).allMatch(b -> b.resilience() == null);
        List<Path> files = HtmlReport.write(ReportInput.of(ReportFixtures.document()).withHistory(history), dir);
        assertThat(files).contains(dir.resolve("charts/trend-latency.png"))
                .doesNotContain(dir.resolve("charts/trend-resilience.png"));
    }

    @Test
    void withoutSvgOnlyPngsAreWrittenAndLinked() throws IOException {
        List<Path> files = HtmlReport.write(ReportInput.of(ReportFixtures.document()), dir, false);
        assertThat(files.stream().map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".svg"))
                .contains("run-errors.png");
        assertThat(Files.readString(dir.resolve(HtmlReport.HTML_FILE))).doesNotContain(".svg");
    }

    @Test
    void notesAreShownEscaped() throws IOException {
        HtmlReport.write(ReportInput.of(ReportFixtures.document())
                .withNotes(List.of("history/3.json: not valid JSON <b>")), dir);
        String html = Files.readString(dir.resolve(HtmlReport.HTML_FILE));
        assertThat(html).contains("<section id=\"notes\"", "history/3.json: not valid JSON &lt;b&gt;");
    }

    @Test
    void rewritingReplacesTheReport() throws IOException {
        HtmlReport.write(ReportInput.of(ReportFixtures.document()).withNotes(List.of("first")), dir);
        HtmlReport.write(ReportInput.of(ReportFixtures.document()).withNotes(List.of("second")), dir);
        assertThat(Files.readString(dir.resolve(HtmlReport.HTML_FILE))).contains("second");
    }

    @Test
    void anUnwritableDirectoryFailsWithOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> HtmlReport.write(ReportInput.of(ReportFixtures.document()), file.resolve("out")))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cannot write ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theStylesheetIsSelfContained() throws IOException {
        String css = new String(HtmlReport.stylesheet(), StandardCharsets.UTF_8);
        assertThat(css).contains(".verdict-failed").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("http");
    }

    private static List<String> references(String html) {
        Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> references = new java.util.ArrayList<>();
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }
}
