package io.secperf.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.secperf.result.AtomicFiles;
import io.secperf.result.ErrorKinds;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.GateVerdict;
import io.secperf.result.LabelStats;
import io.secperf.result.RunResult;
import io.secperf.result.TopErrors;

/**
 * The gate outcomes as a JUnit XML report, so any CI (Jenkins' JUnit publisher, GitLab, GitHub annotations) shows
 * one test per gate: passed, failed (type FAILED or UNSTABLE, message = the human line) or skipped (not evaluated).
 * A violated error-rate gate's text also names the most frequent error kinds: the cause, not just the rate.
 */
public final class GateJUnitXml {

    /** The conventional file name next to the result document. */
    public static final String FILE_NAME = "secperf-gates.xml";

    private static final Set<String> ERROR_METRICS = Set.of("errors", "errors.count");

    private GateJUnitXml() {
    }

    /** Atomically writes the report. */
    public static void write(Path file, GateReport report) throws IOException {
        write(file, report, null);
    }

    /**
     * Atomically writes the report; the failure text of a violated error-rate gate ({@code errors},
     * {@code errors.count}) lists the most frequent error kinds of {@code result} (null: none listed).
     */
    public static void write(Path file, GateReport report, RunResult result) throws IOException {
        byte[] xml = render(report, result).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(xml));
    }

    /** The report as XML text. */
    public static String render(GateReport report) {
        return render(report, null);
    }

    /** The report as XML text, with the top error kinds in the failure text of error-rate gates (see {@link #write}). */
    public static String render(GateReport report, RunResult result) {
        GateVerdict verdict = report.verdict();
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"secperf gates\" tests=\"").append(verdict.gates())
                .append("\" failures=\"").append(verdict.failed() + verdict.unstable())
                .append("\" errors=\"0\" skipped=\"").append(verdict.notEvaluated()).append("\" time=\"0\">\n");
        xml.append("  <properties>\n");
        property(xml, "verdict", verdict.status().name());
        property(xml, "validatedBoth", Boolean.toString(verdict.validatedBoth()));
        property(xml, "summary", verdict.summary());
        if (verdict.reference() != null) {
            property(xml, "reference", verdict.reference());
        }
        xml.append("  </properties>\n");
        for (GateResult r : report.results()) {
            xml.append("  <testcase classname=\"secperf.gates.")
                    .append(r.category().name().toLowerCase(Locale.ROOT)).append("\" name=\"")
                    .append(attribute(r.expression())).append("\" time=\"0\">\n");
            String details = r.message() + "\nmeasured: " + (r.measured() == null ? "not measured" : r.measured())
                    + "\nthreshold: " + r.threshold() + (r.reference() == null ? "" : "\nreference: " + r.reference())
                    + (r.line() > 0 ? "\nline: " + r.line() : "");
            if (r.status() == GateStatus.FAILED || r.status() == GateStatus.UNSTABLE) {
                details += topErrors(r, result);
                xml.append("    <failure type=\"").append(r.status().name()).append("\" message=\"")
                        .append(attribute(r.message())).append("\">").append(text(details)).append("</failure>\n");
            } else if (r.status() == GateStatus.NOT_EVALUATED) {
                xml.append("    <skipped message=\"").append(attribute(r.message())).append("\"/>\n");
            } else {
                xml.append("    <system-out>").append(text(details)).append("</system-out>\n");
            }
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    /** For a violated errors gate: "top errors ..." lines of the gate's label (when it names one) or of all labels. */
    private static String topErrors(GateResult gate, RunResult result) {
        if (result == null || !(ERROR_METRICS.contains(gate.metric()))) {
            return "";
        }
        RunResult scope = result;
        String where = "all labels";
        for (LabelStats label : result.labels()) {
            if (gate.expression().contains("label=\"" + label.label() + "\"")) {
                scope = new RunResult(label, List.of(label), null, null);
                where = "label " + label.label();
                break;
            }
        }
        List<String> lines = TopErrors.lines(scope, ErrorKinds.SHOWN);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\ntop errors (" + where + "; count, share, response code: message):");
        for (String line : lines) {
            sb.append("\n  ").append(line);
        }
        return sb.toString();
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(attribute(name)).append("\" value=\"").append(attribute(value))
                .append("\"/>\n");
    }

    /** Escapes element text; characters XML 1.0 cannot hold become U+FFFD. */
    static String text(String value) {
        return escape(value, false);
    }

    /** Escapes an attribute value, including quotes and line breaks (which parsers would otherwise normalise). */
    static String attribute(String value) {
        return escape(value, true);
    }

    private static String escape(String value, boolean attribute) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        sb.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
