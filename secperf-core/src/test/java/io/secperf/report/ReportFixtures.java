package io.secperf.report;

import io.secperf.result.WindowStats;
import io.secperf.result.ResilienceComparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.secperf.result.AttackWindow;
import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.GateVerdict;
import io.secperf.result.VerdictStatus;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunState;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.BuildVerdict;
import io.secperf.trend.GateCounts;
import io.secperf.result.ResilienceImpact;

/**
 * A realistic run for report and chart tests: 90 seconds of load on four labels (two of them hostile HTML), a slower
 * attack window from 40 s to 60 s with server errors and timeouts, findings and gates whose texts are hostile too,
 * and a history of 12 builds with every verdict.
 */
public final class ReportFixtures {

    public static final long START_MS = 1_750_000_000_000L;
    public static final String SCRIPT_LABEL = "<script>alert(1)</script>";
    public static final String IMG_LABEL = "\"><img src=x onerror=alert(2)>";
    public static final Instant ATTACK_START = Instant.ofEpochMilli(START_MS + 40_000);
    public static final Instant ATTACK_END = Instant.ofEpochMilli(START_MS + 60_000);

    private ReportFixtures() {
    }

    private static ResultDocument document;

    /** The run, with hostile labels and texts (built once; documents are immutable). */
    public static synchronized ResultDocument document() {
        if (document == null) {
            document = buildDocument(true);
        }
        return document;
    }

    /** The same run with ordinary labels and texts, for the sample report in docs/. */
    public static ResultDocument plainDocument() {
        return buildDocument(false);
    }

    private static ResultDocument buildDocument(boolean hostile) {
        ResultAggregator aggregator = new ResultAggregator();
        Random random = new Random(42);
        String[] labels = hostile ? new String[] {"GET /api/items", "POST /login", SCRIPT_LABEL, IMG_LABEL}
                : new String[] {"GET /api/items", "POST /login", "GET /api/items/{id}", "POST /api/orders"};
        for (int second = 0; second < 90; second++) {
            boolean attack = second >= 40 && second < 60;
            int perSecond = attack ? 70 : 100;
            for (int i = 0; i < perSecond; i++) {
                long start = START_MS + second * 1000L + random.nextInt(1000);
                String label = labels[random.nextInt(labels.length)];
                long elapsed = (long) (Math.exp(random.nextGaussian() * 0.5 + (attack ? 4.6 : 3.7)));
                boolean error = random.nextInt(attack ? 15 : 200) == 0;
                String code = "200";
                String message = "OK";
                if (error) {
                    if (random.nextBoolean()) {
                        code = "500";
                        message = "Internal Server Error";
                    } else {
                        code = "Non HTTP response code: java.net.SocketTimeoutException";
                        message = "Non HTTP response message: Read timed out";
                        elapsed = 5000;
                    }
                }
                aggregator.accept(new Sample(start, elapsed, label, code, message, !error, "", 1200, 300,
                        elapsed / 2, 1, 8));
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("threads", "8");
        properties.put("password", "hunter2");
        properties.put("note", hostile ? "<b onmouseover=alert(4)>bold</b>" : "nightly");
        RunInfo run = RunInfo.of(hostile ? "checkout <i>plan</i>" : "checkout", "plans/checkout.jmx",
                hostile ? "https://shop.example.test/\"><script>alert(3)</script>" : "https://shop.example.test/",
                "5.6.3",
                Instant.ofEpochMilli(START_MS), Instant.ofEpochMilli(START_MS + 90_000), properties);
        ResultDocument document = ResultDocument.of(run, RunStatus.complete(), IngestInfo.live(0),
                aggregator.finish());
        return document.withFindings(List.of(
                new Finding("tls.protocol.tls10", Severity.HIGH, "TLS 1.0 is accepted",
                        "ServerHello for TLSv1.0 with TLS_RSA_WITH_AES_128_CBC_SHA", "Disable TLS 1.0 and 1.1."),
                new Finding("fuzz.stacktrace", Severity.MEDIUM, "Stack trace in a 500 response"
                        + (hostile ? " <script>x()</script>" : ""),
                        (hostile ? "<html><script>alert('evidence')</script>" : "<html><body><pre>")
                                + "\njava.lang.NullPointerException\n\tat shop.Checkout.pay(Checkout.java:42)</html>",
                        "Return a generic error page; log the trace on the server only."),
                new Finding("tls.hsts.missing", Severity.LOW, "No Strict-Transport-Security header",
                        "GET / returned no HSTS header", "Send Strict-Transport-Security: max-age=31536000."),
                new Finding("auth.bypass", Severity.CRITICAL, "Token with alg:none accepted",
                        "POST /api/orders with alg=none token → 201 Created", "Reject unsigned tokens.")))
                .withGates(List.of(
                        gate("1", "p95 < 800ms", "p95", GateCategory.PERFORMANCE, GateStatus.PASSED, "312 ms",
                                "< 800 ms", null, "p95 is 312 ms, below 800 ms"),
                        gate("2", "errors < 1%", "errors", GateCategory.PERFORMANCE, GateStatus.FAILED, "1.4 %",
                                "< 1 %", null, "errors 1.4 % not < 1 %" + (hostile ? " <img src=x onerror=alert(5)>" : "")),
                        gate("3", "findings(severity>=high) == 0", "findings", GateCategory.SECURITY,
                                GateStatus.FAILED, "2", "== 0", null, "2 findings of severity high or worse"),
                        gate("4", "p95 regression < 10%", "p95 regression", GateCategory.PERFORMANCE,
                                GateStatus.NOT_EVALUATED, null, "< 10 %", null, "no reference build yet")),
                        new GateVerdict(VerdictStatus.FAILED, false, 4, 1, 0, 2, 1, null, null,
                                "FAILED: 2 of 4 gates failed"));
    }

    static GateResult gate(String id, String expression, String metric, GateCategory category, GateStatus status,
                           String measured, String threshold, String reference, String message) {
        return new GateResult(id, Integer.parseInt(id), expression, metric, category, GateCriticality.FAILURE, false,
                status, measured, null, "", threshold, reference, message);
    }

    public static AttackWindow attackWindow() {
        return new AttackWindow(ATTACK_START, ATTACK_END);
    }

    public static ResilienceComparison resilience() {
        return new ResilienceComparison(new WindowStats(4000, 90, 140, 0.005, 100),
                new WindowStats(1400, 210, 330, 0.066, 70));
    }

    /** Builds 1..count with a slow drift, some failed, unstable and partial builds, rising adoption. */
    public static List<BuildSummary> history(int count) {
        List<BuildSummary> builds = new ArrayList<>(count);
        Random random = new Random(7);
        for (int i = 1; i <= count; i++) {
            BuildVerdict verdict = i % 9 == 4 ? BuildVerdict.FAILED : i % 7 == 3 ? BuildVerdict.UNSTABLE
                    : i < 3 ? BuildVerdict.NOT_EVALUATED : BuildVerdict.PASSED;
            boolean both = verdict == BuildVerdict.PASSED && i > 4 && random.nextInt(4) != 0;
            EnumMap<Severity, Integer> findings = new EnumMap<>(Severity.class);
            findings.put(Severity.HIGH, verdict == BuildVerdict.FAILED ? 2 : 0);
            findings.put(Severity.MEDIUM, random.nextInt(3));
            findings.put(Severity.LOW, 1 + random.nextInt(3));
            findings.put(Severity.INFO, random.nextInt(2));
            GateCounts gates = switch (verdict) {
                case PASSED -> new GateCounts(6, 0, 0, 0);
                case UNSTABLE -> new GateCounts(5, 1, 0, 0);
                case FAILED -> new GateCounts(4, 0, 2, 0);
                case NOT_EVALUATED -> GateCounts.NONE;
            };
            long p50 = 40 + random.nextInt(10) + i / 3;
            ResilienceImpact impact = i > 5 ? new ResilienceImpact(20 + random.nextInt(40), 30 + random.nextInt(50),
                    random.nextDouble() * 3, -10 - random.nextInt(25)) : null;
            builds.add(new BuildSummary(BuildSummary.SCHEMA_VERSION, Integer.toString(i),
                    Instant.ofEpochMilli(START_MS + i * 3_600_000L), i == 6 ? RunState.PARTIAL : RunState.COMPLETE,
                    verdict, both, 9000 + random.nextInt(500), p50, p50 * 3 + random.nextInt(30),
                    p50 * 5 + random.nextInt(80), 100 + random.nextGaussian() * 5,
                    verdict == BuildVerdict.FAILED ? 0.03 : random.nextDouble() * 0.006, findings, gates, impact));
        }
        return builds;
    }

    /** The whole report input: document, summary with a FAILED verdict, resilience, attack window, history. */
    public static ReportInput input() {
        return input(document());
    }

    /** The whole report input around this document. */
    public static ReportInput input(ResultDocument document) {
        List<BuildSummary> history = history(12);
        BuildSummary summary = BuildSummary.of("12", document, BuildVerdict.FAILED, false, new GateCounts(1, 0, 2, 1),
                resilience().impact());
        history.set(history.size() - 1, summary);
        return ReportInput.of(document).withSummary(summary).withHistory(history).withResilience(resilience())
                .withAttackWindow(attackWindow());
    }
}
