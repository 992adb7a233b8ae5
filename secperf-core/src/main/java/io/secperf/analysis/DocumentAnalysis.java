package io.secperf.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.secperf.gate.Metric;
import io.secperf.result.Finding;
import io.secperf.result.PostTestReport;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResilienceImpact;
import io.secperf.result.ResultDocument;
import io.secperf.result.SecurityData;
import io.secperf.result.ServerLogScan;
import io.secperf.result.Severity;

/**
 * The analysis stage between "the run is over" and "the gates are evaluated": computes the resilience comparison and
 * the post-test analysis of a result document and writes them, their gate measurements ({@code resilience.*},
 * {@code posttest.*}) and their findings ({@code posttest.*}) into it. Idempotent: what an earlier call derived is
 * replaced, never duplicated, so it runs again on a merged document (whose derived values {@code merge} dropped) and
 * {@code secperf gate} / {@code secperf report} see the same numbers as the run.
 */
public final class DocumentAnalysis {

    /** Prefix of the post-test measurements and finding ids. */
    public static final String POSTTEST = SecurityData.POSTTEST_PREFIX;

    private DocumentAnalysis() {
    }

    /**
     * The document with resilience, post-test analysis, their measurements and findings.
     *
     * @param serverLogs the scan of the server's logs, or null to keep the one the document already has (if any)
     */
    public static ResultDocument complete(ResultDocument document, ServerLogScan serverLogs) {
        SecurityData security = document.security();
        ServerLogScan logs = serverLogs != null ? serverLogs
                : security.analysis() == null ? null : security.analysis().serverLogs();
        ResilienceComparison resilience = ResilienceAnalysis.compare(document.result().timeSeries(),
                security.attackWindows());
        PostTestReport analysis = PostTestAnalysis.analyse(document.result(), security.attackWindows(), logs);

        Map<String, String> measurements = new LinkedHashMap<>();
        security.measurements().forEach((k, v) -> {
            if (!k.startsWith(SecurityData.RESILIENCE_PREFIX) && !k.startsWith(POSTTEST)) {
                measurements.put(k, v);
            }
        });
        if (resilience != null && resilience.impact() != null) {
            ResilienceImpact impact = resilience.impact();
            measurements.put(Metric.RESILIENCE_P95_IMPACT.metricName(), percent(impact.p95ChangePercent()));
            measurements.put(Metric.RESILIENCE_P99_IMPACT.metricName(), percent(impact.p99ChangePercent()));
            measurements.put(Metric.RESILIENCE_ERROR_RATE_CHANGE.metricName(),
                    percent(impact.errorRateChangePoints()));
            measurements.put(Metric.RESILIENCE_THROUGHPUT_IMPACT.metricName(),
                    percent(impact.throughputChangePercent()));
        }
        measurements.put(POSTTEST + "connectionResets", Long.toString(analysis.connectionResets()));
        measurements.put(POSTTEST + "tlsHandshakeFailures", Long.toString(analysis.tlsHandshakeFailures()));
        measurements.put(POSTTEST + "authRejected", Long.toString(analysis.authRejected()));
        if (analysis.authBursts() != null) {
            measurements.put(POSTTEST + "authBursts", Integer.toString(analysis.authBursts().size()));
        }
        measurements.put(POSTTEST + "latencySpikes", Long.toString(analysis.latencySpikeCount()));
        if (analysis.handshakeCpuMs() != null) {
            measurements.put(POSTTEST + "handshakeCpuMs", number(analysis.handshakeCpuMs()));
        }
        if (logs != null) {
            measurements.put(POSTTEST + "serverLog.stackTraces", Long.toString(logs.stackTraces()));
            measurements.put(POSTTEST + "serverLog.authFailures", Long.toString(logs.authFailures()));
        }

        List<Finding> findings = new ArrayList<>();
        for (Finding f : document.findings()) {
            if (f.id() == null || !f.id().startsWith(POSTTEST)) {
                findings.add(f);
            }
        }
        findings.addAll(findings(analysis, resilience));
        return document.withFindings(findings)
                .withSecurity(security.withAnalysis(resilience, analysis, measurements));
    }

    private static List<Finding> findings(PostTestReport a, ResilienceComparison resilience) {
        List<Finding> findings = new ArrayList<>();
        if (a.connectionResets() > 0 || a.tlsHandshakeFailures() > 0) {
            findings.add(new Finding(POSTTEST + "connection-failures", Severity.MEDIUM,
                    "Legitimate requests lost their connection",
                    a.connectionResets() + " connection resets and " + a.tlsHandshakeFailures()
                            + " TLS handshake failures among legitimate requests"
                            + (resilience != null ? " (the run had attack traffic)" : ""),
                    "Check the server's connection and accept-queue limits, TLS session cache and worker pool; "
                            + "limit hostile clients before they exhaust what legitimate clients need"));
        }
        if (a.authBursts() != null && !a.authBursts().isEmpty()) {
            PostTestReport.Burst first = a.authBursts().get(0);
            findings.add(new Finding(POSTTEST + "auth-bursts", Severity.LOW, "Bursts of 401/403 answers",
                    a.authBursts().size() + " burst(s); the first from " + Instant.ofEpochSecond(first.fromSecond())
                            + " for " + (first.toSecond() - first.fromSecond()) + " s: " + first.authRejected()
                            + " of " + first.samples() + " requests rejected",
                    "Expired or revoked tokens, a lockout or a misconfigured authorization rule: check the server's "
                            + "authentication log for the same seconds"));
        }
        if (a.latencySpikeCount() > 0) {
            findings.add(new Finding(POSTTEST + "latency-spikes", Severity.INFO, "Latency spikes",
                    a.latencySpikeCount() + " second(s) with a p95 above " + number(a.spikeFactor()) + " × the "
                            + "median per-second p95 (" + a.medianSecondP95Ms() + " ms)",
                    "Compare the seconds with the attack windows, garbage collection and the server's logs"));
        }
        ServerLogScan logs = a.serverLogs();
        if (logs != null && logs.stackTraces() > 0) {
            findings.add(new Finding(POSTTEST + "server-stack-traces", Severity.MEDIUM,
                    "The server logged stack traces during the run",
                    logs.stackTraces() + " stack trace(s) " + logs.stackTracesByTechnology()
                            + (logs.evidence().isEmpty() ? "" : "; first: " + logs.evidence().get(0)),
                    "Unhandled exceptions under load: fix the code path, and make sure the client never sees the "
                            + "trace"));
        }
        return findings;
    }

    /** Gate-language percentage with two decimals, e.g. "12.50%", "-8.00%". */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
