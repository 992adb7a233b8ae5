package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.secperf.result.Sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlXmlReaderTest {

    @TempDir
    Path dir;

    /** Shaped like JMeter 5.6.3 output with assertion results, sub-samples, response data and URL saved. */
    static final String JMETER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testResults version="1.2">
            <httpSample t="120" it="0" lt="110" ct="5" ts="1700000000000" s="true" lb="GET /api" rc="200" rm="OK" \
            tn="Thread Group 1-1" dt="text" by="512" sby="100" ng="2" na="2">
              <java.net.URL>http://127.0.0.1:8080/api</java.net.URL>
            </httpSample>
            <sample t="300" it="0" lt="0" ct="0" ts="1700000000100" s="false" lb="Login flow" rc="500" \
            rm="Number of samples in transaction : 2, number of failing samples : 1" tn="Thread Group 1-1" dt="" \
            by="700" sby="210" ng="2" na="2">
              <httpSample t="200" it="0" lt="190" ct="3" ts="1700000000100" s="true" lb="POST /login" rc="302" \
            rm="Found" tn="Thread Group 1-1" dt="text" by="200" sby="150" ng="2" na="2">
                <httpSample t="20" it="0" lt="20" ct="0" ts="1700000000280" s="true" lb="POST /login-0" rc="302" \
            rm="Found" tn="Thread Group 1-1" dt="text" by="100" sby="75" ng="2" na="2"/>
              </httpSample>
              <httpSample t="100" it="0" lt="90" ct="0" ts="1700000000300" s="false" lb="GET /me" rc="500" \
            rm="Internal Server Error" tn="Thread Group 1-1" dt="text" by="500" sby="60" ng="2" na="2">
                <assertionResult>
                  <name>Response Assertion</name>
                  <failure>true</failure>
                  <error>false</error>
                  <failureMessage>Test failed: code expected to equal /200/</failureMessage>
                </assertionResult>
              </httpSample>
            </sample>
            <httpSample t="30001" it="0" lt="0" ct="30001" ts="1700000001000" s="false" lb="GET &quot;x&quot; &amp; y" \
            rc="Non HTTP response code: java.net.SocketTimeoutException" \
            rm="Non HTTP response message: Connect timed out" tn="Thread Group 1-2" dt="text" by="1700" sby="0" \
            ng="1" na="1">
              <assertionResult>
                <name>Duration</name>
                <failure>false</failure>
                <error>false</error>
              </assertionResult>
              <assertionResult>
                <name>Response Assertion</name>
                <failure>true</failure>
                <error>false</error>
                <failureMessage>Test failed: text expected to contain /ok/</failureMessage>
              </assertionResult>
              <responseData class="java.lang.String">&lt;html&gt;lots of text&lt;/html&gt;</responseData>
              <java.net.URL>http://127.0.0.1:8080/x</java.net.URL>
            </httpSample>
            </testResults>
            """;

    private JtlReadStats read(String xml, TestSamples.Collector c) throws IOException {
        Path f = dir.resolve("results.jtl");
        Files.writeString(f, xml);
        return new JtlXmlReader().read(f, c);
    }

    @Test
    void readsTopLevelSamplesOnlyWithTheFirstAssertionFailure() throws IOException {
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(JMETER_XML, c);

        assertThat(stats.format()).isEqualTo(JtlFormat.XML);
        assertThat(stats.complete()).isTrue();
        assertThat(stats.rowsRead()).isEqualTo(3);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(c.samples).containsExactly(
                new Sample(1700000000000L, 120, "GET /api", "200", "OK", true, "", 512, 100, 110, 5, 2),
                new Sample(1700000000100L, 300, "Login flow", "500",
                        "Number of samples in transaction : 2, number of failing samples : 1", false, "", 700, 210,
                        0, 0, 2),
                new Sample(1700000001000L, 30001, "GET \"x\" & y",
                        "Non HTTP response code: java.net.SocketTimeoutException",
                        "Non HTTP response message: Connect timed out", false,
                        "Test failed: text expected to contain /ok/", 1700, 0, 0, 30001, 1));
    }

    @Test
    void countsAndSkipsInvalidSampleElements() throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="1" ts="1700000000000" s="true" lb="ok"/>
                <httpSample t="1" s="true" lb="no ts"/>
                <httpSample t="fast" ts="1700000000000" s="true" lb="bad t"/>
                <sample t="1" ts="1700000000000" s="perhaps" lb="bad s"/>
                <sample t="2" ts="1700000000001" s="false" lb="ok too"/>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(stats.rowsRead()).isEqualTo(2);
        assertThat(stats.rowsSkipped()).isEqualTo(3);
        assertThat(stats.firstSkipped()).containsExactly(
                new JtlReadStats.SkippedRow(4, "<httpSample> lacks attribute(s) ts"),
                new JtlReadStats.SkippedRow(5, "<httpSample> t='fast' is not a number"),
                new JtlReadStats.SkippedRow(6, "<sample> s='perhaps' is not true or false"));
    }

    @Test
    void malformedXmlMidFileKeepsWhatWasReadAndReportsWhere() throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="1" ts="1700000000000" s="true" lb="a"/>
                <httpSample t="2" ts="1700000000001" s="true" lb="b"/>
                <httpSample t="3" ts="1700000000002" s="true" lb="c" <oops/>
                <httpSample t="4" ts="1700000000003" s="true" lb="d"/>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(c.samples).extracting(Sample::label).containsExactly("a", "b");
        assertThat(stats.complete()).isFalse();
        assertThat(stats.incomplete()).startsWith("malformed XML at line 5, column ");
        assertThat(stats.summary()).contains("read 2 samples").contains("stopped early: malformed XML at line 5");
    }

    @Test
    void anOversizedAttributeStopsTheReadWithBoundedMemoryAndKeepsWhatWasRead() throws IOException {
        // issue 9: a 1 GB lb= attribute took 7.2 GB of heap (the parser builds the whole value); now any start tag or
        // text over the bound stops the read like malformed XML. 5 MiB here proves the bound; the 1 GB case runs in
        // the CLI's bad-input corpus under -Xmx256m.
        String huge = "x".repeat(MarkupBound.MAX_MARKUP_BYTES + (1 << 20));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n"
                + "<httpSample t=\"1\" ts=\"1700000000000\" s=\"true\" lb=\"a\"/>\n"
                + "<httpSample t=\"2\" ts=\"1700000000001\" s=\"true\" lb=\"" + huge + "\"/>\n"
                + "<httpSample t=\"3\" ts=\"1700000000002\" s=\"true\" lb=\"c\"/>\n</testResults>\n";
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(c.samples).extracting(Sample::label).containsExactly("a");
        assertThat(stats.complete()).isFalse();
        assertThat(stats.incomplete()).contains("starting at line 4 is longer than 4 MiB").contains("stopped there");
    }

    @Test
    void aLargeAttributeUnderTheBoundIsReadWhole() throws IOException {
        String big = "y".repeat(3 << 20);
        String xml = "<testResults version=\"1.2\">\n<httpSample t=\"2\" ts=\"1700000000001\" s=\"true\" lb=\""
                + big + "\"/>\n</testResults>\n";
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(stats.complete()).isTrue();
        assertThat(c.samples).extracting(Sample::label).containsExactly(big);
    }

    @Test
    void aFileCutOffWhileJMeterWasWritingKeepsCompleteSamples() throws IOException {
        String cut = JMETER_XML.substring(0, JMETER_XML.indexOf("<httpSample t=\"30001\"") + 40);
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(cut, c);
        assertThat(c.samples).extracting(Sample::label).containsExactly("GET /api", "Login flow");
        assertThat(stats.incomplete()).startsWith("malformed XML at line ");
    }

    @Test
    void externalEntityIsNeitherFetchedNorRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            fetches.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
            String[] attacks = {
                "<?xml version=\"1.0\"?>\n<!DOCTYPE testResults [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<testResults version=\"1.2\"><httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"&xxe;\"/>"
                    + "</testResults>",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE testResults SYSTEM \"" + url + "\">\n"
                    + "<testResults version=\"1.2\"><httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"x\"/></testResults>",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE testResults [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n"
                    + "<testResults version=\"1.2\"/>",
            };
            for (String attack : attacks) {
                TestSamples.Collector c = new TestSamples.Collector();
                assertThatThrownBy(() -> read(attack, c))
                        .isInstanceOf(JtlException.class)
                        .hasMessageContaining("DOCTYPE")
                        .hasMessageNotContaining("TOP-SECRET");
                assertThat(c.samples).isEmpty();
            }
            assertThat(fetches.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void billionLaughsIsRejectedAtTheDoctypeBeforeAnyEntityIsExpanded() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE testResults [\n"
                + "<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 12; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">\n");
        }
        dtd.append("]>\n<testResults version=\"1.2\"><httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"&lol12;\"/>"
                + "</testResults>\n");
        // behaviour, not a stopwatch: refused at the DOCTYPE, so the sample whose label would expand to 10^12
        // characters is never reached
        TestSamples.Collector collector = new TestSamples.Collector();
        assertThatThrownBy(() -> read(dtd.toString(), collector))
                .isInstanceOf(JtlException.class).hasMessageContaining("DOCTYPE");
        assertThat(collector.samples).isEmpty();
    }

    @Test
    void aDifferentXmlDocumentIsNotAJtl() throws IOException {
        Path f = Files.writeString(dir.resolve("plan.jmx"), "<?xml version=\"1.0\"?>\n<jmeterTestPlan/>\n");
        assertThatThrownBy(() -> new JtlXmlReader().read(f, s -> { }))
                .isInstanceOf(JtlException.class)
                .hasMessage(f + ": root element is <jmeterTestPlan>, expected JMeter's <testResults>");
    }
    @Test
    void eachTopLevelSampleGetsItsOwnFirstFailureMessage() throws IOException {
        String xml = """
                <testResults version="1.2">
                <httpSample t="1" ts="1" s="false" lb="a">
                  <assertionResult><name>A</name><failureMessage>first of a</failureMessage></assertionResult>
                  <assertionResult><name>B</name><failureMessage>second of a</failureMessage></assertionResult>
                </httpSample>
                <httpSample t="2" ts="2" s="true" lb="b">
                  <other><failureMessage>not in an assertion</failureMessage></other>
                </httpSample>
                <httpSample t="3" ts="3" s="false" lb="c">
                  <assertionResult><name>C</name></assertionResult>
                  <responseData><failureMessage>not in an assertion either</failureMessage></responseData>
                  <assertionResult><failure>true</failure><failureMessage>of c</failureMessage></assertionResult>
                </httpSample>
                <sample t="4" ts="4" s="true" lb="d"/>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(stats.complete()).isTrue();
        assertThat(c.samples).extracting(Sample::label, Sample::failureMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "first of a"), org.assertj.core.groups.Tuple.tuple("b", ""),
                org.assertj.core.groups.Tuple.tuple("c", "of c"), org.assertj.core.groups.Tuple.tuple("d", ""));
    }

    @Test
    void everyNumericAttributeIsReadAndNamedWhenItIsNotANumber() throws IOException {
        String xml = """
                <testResults version="1.2">
                <httpSample t=" 7 " lt="6" ct="5" ts="1700000000000" s="TRUE" lb="ok" rc="204" rm="No Content" \
                by="4" sby="3" na="2"/>
                <httpSample t="1" ts="1" s="true" lb="x" lt="?"/>
                <httpSample t="1" ts="1" s="true" lb="x" ct="?"/>
                <httpSample t="1" ts="1" s="true" lb="x" by="?"/>
                <httpSample t="1" ts="1" s="true" lb="x" sby="?"/>
                <httpSample t="1" ts="1" s="true" lb="x" na="?"/>
                <httpSample t="1" ts="x" s="true" lb="x"/>
                <httpSample t="1" ts="1" s="true" lb="x" na="12345678901234567890123456789012345678901234567890"/>
                <httpSample t="1" ts="1" s="true" lb="x" na="1234567890123456789012345678901234567890"/>
                <httpSample/>
                <httpSample t="1" ts="1" s="maybe" lb="x" by="?"/>
                <httpSample t="1" ts="1" lb="x" by="?"/>
                <sample t="1" ts="1" s="False" lb="last"/>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(c.samples).containsExactly(
                new Sample(1700000000000L, 7, "ok", "204", "No Content", true, "", 4, 3, 6, 5, 2),
                new Sample(1, 1, "last", "", "", false, "", 0, 0, 0, 0, 0));
        assertThat(stats.firstSkipped()).extracting(JtlReadStats.SkippedRow::line)
                .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(stats.firstSkipped()).extracting(JtlReadStats.SkippedRow::reason).containsExactly(
                "<httpSample> lt='?' is not a number",
                "<httpSample> ct='?' is not a number",
                "<httpSample> by='?' is not a number",
                "<httpSample> sby='?' is not a number",
                "<httpSample> na='?' is not a number",
                "<httpSample> ts='x' is not a number",
                "<httpSample> na='1234567890123456789012345678901234567890...' is not a number",
                "<httpSample> na='1234567890123456789012345678901234567890' is not a number",
                "<httpSample> lacks attribute(s) ts,t,lb,s",
                "<httpSample> s='maybe' is not true or false",
                "<httpSample> by='?' is not a number");
    }

    @Test
    void onlyTheFirstHundredSkippedElementsAreListedButAllAreCounted() throws IOException {
        StringBuilder xml = new StringBuilder("<testResults version=\"1.2\">\n");
        for (int i = 0; i < 101; i++) {
            xml.append("<httpSample t=\"1\" s=\"true\" lb=\"no ts\"/>\n");
        }
        xml.append("<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"ok\"/>\n</testResults>\n");
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml.toString(), c);
        assertThat(stats.rowsSkipped()).isEqualTo(101);
        assertThat(stats.firstSkipped()).hasSize(JtlReadStats.MAX_REPORTED_SKIPS);
        assertThat(stats.firstSkipped().get(99).line()).isEqualTo(101);
        assertThat(stats.rowsRead()).isEqualTo(1);
    }

    @Test
    void malformedXmlInsideASampleSaysTheSampleWasDroppedInOneLine() throws IOException {
        String xml = """
                <testResults version="1.2">
                <httpSample t="1" ts="1" s="true" lb="a"/>
                <httpSample t="2" ts="2" s="true" lb="b">
                  <assertionResult>
                </httpSample>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(c.samples).extracting(Sample::label).containsExactly("a");
        assertThat(stats.incomplete()).matches("malformed XML at line 5, column \\d+: \\S.* \\(the sample being read "
                        + "there was dropped\\)")
                .doesNotContain("\n").doesNotContain("ParseError").doesNotContain("Message: ");

        String between = "<testResults version=\"1.2\">\n<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"a\"/>\n"
                + "&bogus;\n</testResults>\n";
        JtlReadStats betweenStats = read(between, new TestSamples.Collector());
        assertThat(betweenStats.incomplete()).matches("malformed XML at line 3, column \\d+: \\S.*")
                .doesNotContain("dropped").doesNotContain("  ");
    }

    @Test
    void anOversizedTokenBeforeTheRootOrBetweenSamplesIsReportedPrecisely() throws IOException {
        String huge = "x".repeat(MarkupBound.MAX_MARKUP_BYTES + 10);
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?>\n<!--" + huge + "-->\n<testResults/>",
                new TestSamples.Collector()))
                .isInstanceOf(JtlException.class)
                .hasMessageEndingWith(": an element or text starting at line 2 is longer than 4 MiB (JMeter never "
                        + "writes one that large)");

        String between = "<testResults version=\"1.2\">\n<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"a\"/>\n"
                + "<httpSample t=\"2\" ts=\"2\" s=\"true\" lb=\"" + huge + "\"/>\n</testResults>\n";
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(between, c);
        assertThat(c.samples).extracting(Sample::label).containsExactly("a");
        assertThat(stats.incomplete()).isEqualTo("an element or text starting at line 3 is longer than 4 MiB (JMeter "
                + "never writes one that large); the read stopped there");

        String inside = "<testResults version=\"1.2\">\n<httpSample t=\"1\" ts=\"1\" s=\"true\" lb=\"a\">\n"
                + "<responseData>" + huge + "</responseData></httpSample>\n</testResults>\n";
        JtlReadStats insideStats = read(inside, new TestSamples.Collector());
        assertThat(insideStats.incomplete()).endsWith("; the read stopped there (the sample being read there was "
                + "dropped)");
    }

    @Test
    void textThatIsNotXmlAndAnEmptyRootAreToldApart() throws IOException {
        assertThatThrownBy(() -> read("<<not xml", new TestSamples.Collector()))
                .isInstanceOf(JtlException.class)
                .hasMessageContaining(": not a JMeter XML result file: ")
                .hasMessageNotContaining("\n")
                .extracting(e -> ((JtlException) e).kind()).isEqualTo(JtlException.Kind.NOT_A_JTL);
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read("<?xml version=\"1.0\"?>\n<testResults version=\"1.2\"/>\n", c);
        assertThat(stats.complete()).isTrue();
        assertThat(stats.rowsRead()).isZero();
        assertThat(stats.summary()).endsWith(": read 0 samples");
    }
    @Test
    void anAllThreadsCountOutsideTheIntRangeIsSkippedNotWrapped() throws IOException {
        // before the fix na="4294967297" became 1 thread (a silent (int) cast); the CSV reader skips such a row
        String xml = """
                <testResults version="1.2">
                <httpSample t="1" ts="1" s="true" lb="max" na="2147483647"/>
                <httpSample t="1" ts="1" s="true" lb="min" na="-2147483648"/>
                <httpSample t="1" ts="1" s="true" lb="wraps" na="4294967297"/>
                <httpSample t="1" ts="1" s="true" lb="over" na="2147483648"/>
                <httpSample t="1" ts="1" s="true" lb="under" na="-2147483649"/>
                </testResults>
                """;
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = read(xml, c);
        assertThat(c.samples).extracting(Sample::label, Sample::allThreads).containsExactly(
                org.assertj.core.groups.Tuple.tuple("max", Integer.MAX_VALUE),
                org.assertj.core.groups.Tuple.tuple("min", Integer.MIN_VALUE));
        assertThat(stats.firstSkipped()).containsExactly(
                new JtlReadStats.SkippedRow(4, "<httpSample> na='4294967297' is out of range"),
                new JtlReadStats.SkippedRow(5, "<httpSample> na='2147483648' is out of range"),
                new JtlReadStats.SkippedRow(6, "<httpSample> na='-2147483649' is out of range"));
    }
}
