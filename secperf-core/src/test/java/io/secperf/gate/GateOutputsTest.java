package io.secperf.gate;

import static io.secperf.gate.Results.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import io.secperf.result.IngestInfo;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.VerdictStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML, the console table and the reference history. */
class GateOutputsTest {

    @TempDir
    Path dir;

    static final String NASTY = "a<b>&\"c\"'d'\u0001\u0000\ttab\nnewline \uD83D\uDE00 \uD800";

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }

    @Test
    void aFailedErrorRateGateNamesTheTopErrorKindsOfItsLabelInTheJUnitText() throws Exception {
        io.secperf.result.ResultAggregator aggregator = new io.secperf.result.ResultAggregator();
        for (int i = 0; i < 4; i++) {
            aggregator.accept(new io.secperf.result.Sample(T0 + i, 5, "home",
                    "Non HTTP response code: java.net.UnknownHostException",
                    "Non HTTP response message: shop.invalid: Name or service not known", false, "", 0, 0, 0, 0, 1));
            aggregator.accept(new io.secperf.result.Sample(T0 + i, 5, "search", "503", "Service Unavailable",
                    i > 0, "", 0, 0, 0, 0, 1));
        }
        ResultDocument document = ResultDocument.of(null, null, null, aggregator.finish());
        GateReport report = new GateEvaluator().evaluate(GateList.parse("""
                errors < 1%
                errors(label="search") < 1%
                p95 < 1ms
                """, "gates"), document, null);
        Path file = dir.resolve(GateJUnitXml.FILE_NAME);
        GateJUnitXml.write(file, report, document.result());
        NodeList failures = parse(file).getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(3);
        assertThat(failures.item(0).getTextContent()).contains("top errors (all labels",
                "4 (80 %) java.net.UnknownHostException: shop.invalid [home]",
                "1 (20 %) 503: Service Unavailable [search]");
        assertThat(failures.item(1).getTextContent()).contains("top errors (label search",
                "1 (100 %) 503: Service Unavailable").doesNotContain("UnknownHost");
        assertThat(failures.item(2).getTextContent()).doesNotContain("top errors");
    }

    @Test
    void junitXmlHasOneTestcasePerGateAndParsesBack() throws Exception {
        GateReport report = new GateEvaluator().evaluate(GateList.parse("""
                p95 < 1h
                p95(label="%s") < 1s
                p95 < 1ms as unstable
                tls.grade >= A optional
                """.formatted(NASTY.replace("\"", "\\\"").replace("\n", " ")), "gates"),
                GateEvaluatorTest.TWO_LABELS, null);
        Path file = dir.resolve(GateJUnitXml.FILE_NAME);
        GateJUnitXml.write(file, report);
        Document xml = parse(file);
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element passed = (Element) cases.item(0);
        assertThat(passed.getAttribute("name")).isEqualTo("p95 < 1h");
        assertThat(passed.getAttribute("classname")).isEqualTo("secperf.gates.performance");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();

        Element nasty = (Element) cases.item(1);
        Element failure = (Element) nasty.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("FAILED");
        assertThat(failure.getAttribute("message")).isEqualTo(report.results().get(1).message()
                .replace('\u0001', '\uFFFD').replace('\u0000', '\uFFFD').replace('\uD800', '\uFFFD'));
        assertThat(failure.getAttribute("message")).contains("a<b>&\"c\"'d'", "\uD83D\uDE00", "\ttab");
        assertThat(nasty.getAttribute("name")).startsWith("p95(label=\"a<b>&\\\"c\\\"'d'");

        Element unstable = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(unstable.getAttribute("type")).isEqualTo("UNSTABLE");
        Element skipped = (Element) ((Element) cases.item(3)).getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).contains("not measured (no TLS probe ran)");
        assertThat(((Element) cases.item(3)).getAttribute("classname")).isEqualTo("secperf.gates.security");

        NodeList properties = suite.getElementsByTagName("property");
        assertThat(((Element) properties.item(0)).getAttribute("value")).isEqualTo("FAILED");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void attributeEscapingKeepsLineBreaks() throws Exception {
        String message = "line one\nline two\r\tend & \"q\"";
        String xml = "<?xml version=\"1.0\"?><x a=\"" + GateJUnitXml.attribute(message) + "\">"
                + GateJUnitXml.text(message) + "</x>";
        Path file = Files.writeString(dir.resolve("x.xml"), xml);
        Element root = parse(file).getDocumentElement();
        assertThat(root.getAttribute("a")).isEqualTo(message);
        assertThat(root.getTextContent()).isEqualTo(message);
    }

    @Test
    void consoleTableShowsEveryGateTheReasonsAndTheVerdict() throws Exception {
        GateReport report = new GateEvaluator().evaluate(GateList.parse("""
                p95 < 1h
                p95(label="Checkout") < 800ms
                tls.grade >= A optional
                """, "gates"), GateEvaluatorTest.TWO_LABELS, null);
        String table = GateTable.render(report);
        assertThat(table).isEqualTo("""
                #  gate                           status         measured  threshold
                --------------------------------------------------------------------
                1  p95 < 1h                       PASSED         1 s       < 3600 s
                2  p95(label="Checkout") < 800ms  FAILED         1 s       < 800 ms
                3  tls.grade >= A optional        NOT_EVALUATED  -         >= A

                FAILED        #2 p95 of Checkout is 1 s, above 800 ms
                NOT_EVALUATED #3 tls.grade not measured (no TLS probe ran); optional, so not evaluated

                verdict: FAILED: 1 of 3 gates failed: p95(label="Checkout") < 800ms; 1 not evaluated
                """);
    }

    static ResultDocument run(Instant end, long p95, VerdictStatus verdict) throws GateSyntaxException {
        RunResult result = Results.aggregate(Results.steady("a", end.getEpochSecond() - 5, 5, 4, p95));
        ResultDocument document = ResultDocument.of(RunInfo.of("p", null, null, null, end.minusSeconds(5), end, null),
                RunStatus.complete(), IngestInfo.live(result.overall().count()), result);
        GateReport report = new GateEvaluator().evaluate(GateList.parse(
                verdict == VerdictStatus.PASSED ? "p95 < 1h" : verdict == VerdictStatus.FAILED ? "p95 < 1ms"
                        : "p95 < 1ms as unstable", "g"), document, null);
        return report.applyTo(document);
    }

    @Test
    void theReferenceIsTheLatestResultThatPassedAllItsGates() throws Exception {
        Instant t = Instant.ofEpochSecond(T0 / 1000);
        ResultDocuments.write(dir.resolve("1/secperf-result.json"), run(t, 100, VerdictStatus.PASSED));
        ResultDocuments.write(dir.resolve("2/secperf-result.json"), run(t.plusSeconds(60), 200, VerdictStatus.PASSED));
        ResultDocuments.write(dir.resolve("3/secperf-result.json"), run(t.plusSeconds(120), 300, VerdictStatus.FAILED));
        ResultDocuments.write(dir.resolve("4/secperf-result.json"), run(t.plusSeconds(180), 400, VerdictStatus.UNSTABLE));
        ResultDocuments.write(dir.resolve("5/secperf-result.json"),
                Results.document(Results.aggregate(Results.steady("a", T0 / 1000 + 240, 5, 4, 500))));
        Files.writeString(dir.resolve("6/secperf-result.json".replace("6/", "")), "{ broken");
        Files.createDirectories(dir.resolve("7"));
        Files.writeString(dir.resolve("7/secperf-result.json"), "{ broken");

        Optional<GateReference> reference = GateHistory.lastPassed(dir, List.of());
        assertThat(reference).isPresent();
        assertThat(reference.get().source()).isEqualTo(dir.resolve("2/secperf-result.json").toString());
        assertThat(reference.get().document().result().overall().p95Ms()).isEqualTo(200);

        Optional<GateReference> excluding = GateHistory.lastPassed(dir, List.of(dir.resolve("2/secperf-result.json")));
        assertThat(excluding.get().document().result().overall().p95Ms()).isEqualTo(100);

        Path none = Files.createDirectories(dir.resolve("empty"));
        assertThat(GateHistory.lastPassed(none, List.of())).isEmpty();
    }

    @Test
    void theCatalogueInTheDocsListsEveryMetric() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "gates.md"));
        for (Metric metric : Metric.values()) {
            assertThat(doc).as("docs/gates.md documents %s", metric.metricName())
                    .contains("| `" + metric.metricName() + "` |");
        }
        for (Grade grade : Grade.values()) {
            assertThat(doc).contains("`" + grade.text() + "`");
        }
        for (TlsProtocol protocol : TlsProtocol.values()) {
            assertThat(doc).contains("`" + protocol.text() + "`");
        }
        for (String key : StructuredGates.KEYS) {
            assertThat(doc).contains("`" + key + "`");
        }
    }

    @Test
    void theJUnitXmlIsExactlyThisForFailedPassedAndSkippedGates() {
        io.secperf.result.GateResult failed = new io.secperf.result.GateResult("1", 3, "p95 regression < 10%", "p95",
                io.secperf.result.GateCategory.PERFORMANCE, io.secperf.result.GateCriticality.FAILURE, false,
                io.secperf.result.GateStatus.FAILED, "+26%", 26.0, "%", "< 10%", "95 ms",
                "p95 regression is +26% (120 ms, reference 95 ms), above 10%");
        io.secperf.result.GateResult passed = new io.secperf.result.GateResult("2", 0, "tls.grade >= A", "tls.grade",
                io.secperf.result.GateCategory.SECURITY, io.secperf.result.GateCriticality.FAILURE, false,
                io.secperf.result.GateStatus.PASSED, null, null, "", ">= A", null, "it's fine");
        io.secperf.result.GateResult skipped = new io.secperf.result.GateResult("3", 4, "auth.bypass == 0 optional",
                "auth.bypass", io.secperf.result.GateCategory.SECURITY, io.secperf.result.GateCriticality.FAILURE, true,
                io.secperf.result.GateStatus.NOT_EVALUATED, null, null, "", "== 0", null, "auth.bypass not measured");
        io.secperf.result.GateVerdict verdict = new io.secperf.result.GateVerdict(VerdictStatus.FAILED, true, 3, 1, 0,
                1, 1, "build #41", null, "FAILED: 1 of 3 gates failed");
        assertThat(GateJUnitXml.render(new GateReport(List.of(failed, passed, skipped), verdict))).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="secperf gates" tests="3" failures="1" errors="0" skipped="1" time="0">
                  <properties>
                    <property name="verdict" value="FAILED"/>
                    <property name="validatedBoth" value="true"/>
                    <property name="summary" value="FAILED: 1 of 3 gates failed"/>
                    <property name="reference" value="build #41"/>
                  </properties>
                  <testcase classname="secperf.gates.performance" name="p95 regression &lt; 10%" time="0">
                    <failure type="FAILED" message="p95 regression is +26% (120 ms, reference 95 ms), above 10%">\
                p95 regression is +26% (120 ms, reference 95 ms), above 10%
                measured: +26%
                threshold: &lt; 10%
                reference: 95 ms
                line: 3</failure>
                  </testcase>
                  <testcase classname="secperf.gates.security" name="tls.grade &gt;= A" time="0">
                    <system-out>it's fine
                measured: not measured
                threshold: &gt;= A</system-out>
                  </testcase>
                  <testcase classname="secperf.gates.security" name="auth.bypass == 0 optional" time="0">
                    <skipped message="auth.bypass not measured"/>
                  </testcase>
                </testsuite>
                """);
        io.secperf.result.GateVerdict noReference = new io.secperf.result.GateVerdict(VerdictStatus.PASSED, false, 1,
                1, 0, 0, 0, null, null, "PASSED: 1 of 1 gates passed");
        assertThat(GateJUnitXml.render(new GateReport(List.of(passed), noReference)))
                .contains("<property name=\"validatedBoth\" value=\"false\"/>\n"
                        + "    <property name=\"summary\" value=\"PASSED: 1 of 1 gates passed\"/>\n  </properties>");
    }

    @Test
    void quotesAreEscapedOnlyInAttributesAndALoneHighSurrogateAtTheEndIsReplaced() {
        assertThat(GateJUnitXml.text("it's \"x\"")).isEqualTo("it's \"x\"");
        assertThat(GateJUnitXml.attribute("it's \"x\"")).isEqualTo("it&apos;s &quot;x&quot;");
        assertThat(GateJUnitXml.text("a\uD83D")).isEqualTo("a\uFFFD");
        assertThat(GateJUnitXml.text("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE00");
        assertThat(GateJUnitXml.text("\uD83Db")).isEqualTo("\uFFFDb");
    }

    @Test
    void aPartialRunSaysSoOnTheVerdictLineAndAnEqualValueIsNamedAsSuch() throws GateSyntaxException {
        GateReport report = GateEvaluatorTest.evaluate("samples > 110", GateEvaluatorTest.TWO_LABELS);
        assertThat(report.results().get(0).message()).isEqualTo("samples is 110, equal to 110");
        String table = GateTable.render(report);
        assertThat(table).endsWith("\nverdict: FAILED: 1 of 1 gates failed: samples > 110\n");
        assertThat(GateTable.render(report, null)).isEqualTo(table);
        assertThat(GateTable.render(report, "stopped by SIGTERM after 12 s")).isEqualTo(table.substring(0,
                table.length() - 1) + " (PARTIAL run: stopped by SIGTERM after 12 s; only what was measured before is judged)\n");
    }
}
