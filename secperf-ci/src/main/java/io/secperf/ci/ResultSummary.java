package io.secperf.ci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.secperf.result.ResilienceImpact;
import io.secperf.result.ResultDocuments;
import io.secperf.result.Severity;

/**
 * The few facts of one run that a CI server keeps per build and shows on its pages: verdict, validatedBoth, the
 * headline numbers, the gates (capped) and the worst findings (capped). A few kilobytes at most whatever the run did,
 * so a controller can hold the summaries of many builds; the full result document stays a file that is read only on
 * demand. Read from {@code secperf-result.json} by field name, tolerant of the gate model's growth: a gate's outcome
 * is read from {@code status} or, in older documents, {@code verdict}; an unknown outcome counts as failed.
 *
 * @param runState      COMPLETE, PARTIAL or FAILED
 * @param runReason     why partial or failed; null when complete
 * @param planName      plan or template name; may be null
 * @param target        target URL; may be null
 * @param startTime     ISO-8601 start; may be null
 * @param durationMs    run duration
 * @param samples       samples measured
 * @param errors        failed samples
 * @param errorRate     errors / samples, 0..1
 * @param p50Ms         overall median
 * @param p95Ms         overall 95th percentile
 * @param p99Ms         overall 99th percentile
 * @param throughput    requests per second
 * @param verdict       the gate verdict (FAILED when the run failed)
 * @param validatedBoth at least one performance and one security gate evaluated and all evaluated gates passed
 * @param verdictLine   one line for people, e.g. "FAILED: 1 of 5 gates failed"
 * @param gates         gate outcomes, at most {@value #MAX_GATES}
 * @param findings      findings per severity, every severity present
 * @param topFindings   the worst findings, at most {@value #MAX_TOP_FINDINGS}
 * @param resilience    how much the attack traffic hurt legitimate traffic (clean vs attack window); null when no
 *                      attack ran or there was no clean window
 */
public record ResultSummary(String runState, String runReason, String planName, String target, String startTime,
                            long durationMs, long samples, long errors, double errorRate, long p50Ms, long p95Ms,
                            long p99Ms, double throughput, Verdict verdict, boolean validatedBoth, String verdictLine,
                            List<GateLine> gates, Map<Severity, Integer> findings, List<FindingLine> topFindings,
                            ResilienceImpact resilience) {

    /** A result document larger than this is not read (a document's size depends on labels and duration only). */
    public static final long MAX_RESULT_BYTES = 64L * 1024 * 1024;
    static final int MAX_GATES = 100;
    static final int MAX_TOP_FINDINGS = 5;
    static final int MAX_TEXT = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One gate.
     *
     * @param expression the gate in canonical form
     * @param status     PASSED, UNSTABLE, FAILED or NOT_EVALUATED
     * @param measured   the measured value with unit; may be null
     * @param message    one line for people; may be null
     */
    public record GateLine(String expression, String status, String measured, String message) {
    }

    /**
     * One finding.
     *
     * @param severity how bad
     * @param id       check id
     * @param title    one line
     */
    public record FindingLine(Severity severity, String id, String title) {
    }

    public ResultSummary {
        verdict = verdict == null ? Verdict.NOT_EVALUATED : verdict;
        gates = gates == null ? List.of() : List.copyOf(gates);
        topFindings = topFindings == null ? List.of() : List.copyOf(topFindings);
        EnumMap<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            Integer n = findings == null ? null : findings.get(s);
            counts.put(s, n == null ? 0 : n);
        }
        findings = java.util.Collections.unmodifiableMap(counts);
    }

    /** A summary without a resilience comparison (no attack ran), as summaries before it had one. */
    public ResultSummary(String runState, String runReason, String planName, String target, String startTime,
                         long durationMs, long samples, long errors, double errorRate, long p50Ms, long p95Ms,
                         long p99Ms, double throughput, Verdict verdict, boolean validatedBoth, String verdictLine,
                         List<GateLine> gates, Map<Severity, Integer> findings, List<FindingLine> topFindings) {
        this(runState, runReason, planName, target, startTime, durationMs, samples, errors, errorRate, p50Ms, p95Ms,
                p99Ms, throughput, verdict, validatedBoth, verdictLine, gates, findings, topFindings, null);
    }

    /** The failed and unstable gates as "expression (measured)", for messages. */
    public List<String> failedGates() {
        List<String> failed = new ArrayList<>();
        for (GateLine g : gates) {
            if ("FAILED".equals(g.status()) || "UNSTABLE".equals(g.status())) {
                failed.add(g.expression() + (g.measured() == null ? "" : " (measured " + g.measured() + ")")
                        + ("UNSTABLE".equals(g.status()) ? " [unstable]" : ""));
            }
        }
        return failed;
    }

    /** Findings of all severities. */
    public int findingsTotal() {
        return findings.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Reads the summary of a result document.
     *
     * @throws IOException when the file cannot be read, is too large, or is not a result document (one line)
     */
    public static ResultSummary read(Path resultFile) throws IOException {
        long size = Files.size(resultFile);
        if (size > MAX_RESULT_BYTES) {
            throw new IOException(resultFile + ": " + size + " bytes is larger than a result document can be ("
                    + MAX_RESULT_BYTES + "); not read");
        }
        try (InputStream in = Files.newInputStream(resultFile)) {
            return of(MAPPER.readTree(in), resultFile.toString());
        } catch (JacksonException e) {
            throw new IOException(resultFile + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The summary of a result document given as JSON text ({@code source} names it in messages). */
    public static ResultSummary ofJson(String json, String source) throws IOException {
        try {
            return of(MAPPER.readTree(json), source);
        } catch (JacksonException e) {
            throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ResultSummary of(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject() || !root.has("schemaVersion") || !root.path("result").isObject()) {
            throw new IOException(source + ": not a secperf result document");
        }
        JsonNode status = root.path("status");
        JsonNode run = root.path("run");
        JsonNode overall = root.path("result").path("overall");
        String runState = text(status, "state", "COMPLETE");
        List<GateLine> gates = new ArrayList<>();
        boolean anyFailed = false;
        boolean anyUnstable = false;
        boolean anyPassed = false;
        for (JsonNode g : root.path("gates")) {
            String outcome = gateStatus(g);
            anyFailed |= outcome.equals("FAILED");
            anyUnstable |= outcome.equals("UNSTABLE");
            anyPassed |= outcome.equals("PASSED");
            if (gates.size() < MAX_GATES) {
                gates.add(new GateLine(cut(text(g, "expression", "?")), outcome,
                        cut(firstText(g, "measured", "actual")), cut(text(g, "message", null))));
            }
        }
        JsonNode verdictNode = root.path("verdict");
        Verdict verdict;
        boolean validatedBoth;
        String verdictLine;
        if (verdictNode.isObject()) {
            verdict = Verdict.parse(text(verdictNode, "status", null));
            validatedBoth = verdictNode.path("validatedBoth").asBoolean(false);
            verdictLine = cut(text(verdictNode, "summary", null));
        } else {
            verdict = anyFailed ? Verdict.FAILED : anyUnstable ? Verdict.UNSTABLE
                    : anyPassed ? Verdict.PASSED : Verdict.NOT_EVALUATED;
            validatedBoth = false;
            verdictLine = null;
        }
        if ("FAILED".equals(runState)) {
            verdict = Verdict.FAILED;
            validatedBoth = false;
        }
        EnumMap<Severity, Integer> counts = new EnumMap<>(Severity.class);
        List<FindingLine> all = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            Severity severity = severity(text(f, "severity", "INFO"));
            counts.merge(severity, 1, Integer::sum);
            all.add(new FindingLine(severity, cut(text(f, "id", "?")), cut(text(f, "title", ""))));
        }
        all.sort(Comparator.comparing(FindingLine::severity).reversed());
        return new ResultSummary(runState, cut(text(status, "reason", null)), cut(text(run, "planName", null)),
                cut(text(run, "target", null)), text(run, "startTime", null), run.path("durationMs").asLong(0),
                overall.path("count").asLong(0), overall.path("errors").asLong(0),
                overall.path("errorRate").asDouble(0), overall.path("p50Ms").asLong(0),
                overall.path("p95Ms").asLong(0), overall.path("p99Ms").asLong(0),
                overall.path("throughput").asDouble(0), verdict, validatedBoth, verdictLine, gates, counts,
                all.subList(0, Math.min(MAX_TOP_FINDINGS, all.size())), resilience(root));
    }

    /** The impact of the attack on legitimate traffic; null without an attack or without a clean window. */
    private static ResilienceImpact resilience(JsonNode root) {
        JsonNode impact = root.path("security").path("resilience").path("impact");
        if (!impact.isObject()) {
            return null;
        }
        return new ResilienceImpact(impact.path("p95ChangePercent").asDouble(0),
                impact.path("p99ChangePercent").asDouble(0), impact.path("errorRateChangePoints").asDouble(0),
                impact.path("throughputChangePercent").asDouble(0));
    }

    /** The summary as compact JSON (what a CI server stores with the build). */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize summary: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static ResultSummary fromJson(String json) throws IOException {
        try {
            return MAPPER.readValue(json, ResultSummary.class);
        } catch (JacksonException e) {
            throw new IOException("stored secperf summary is damaged: " + e.getOriginalMessage(), e);
        }
    }

    /** The conventional result file inside an output directory. */
    public static String resultFileName() {
        return ResultDocuments.FILE_NAME;
    }

    private static String gateStatus(JsonNode g) {
        String s = firstText(g, "status", "verdict");
        if (s == null) {
            return "NOT_EVALUATED";
        }
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "PASSED", "PASS" -> "PASSED";
            case "UNSTABLE" -> "UNSTABLE";
            case "NOT_EVALUATED" -> "NOT_EVALUATED";
            default -> "FAILED";
        };
    }

    private static Severity severity(String text) {
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }

    private static String firstText(JsonNode node, String a, String b) {
        String first = text(node, a, null);
        return first != null ? first : text(node, b, null);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }
}
