package io.secperf.trend;

import io.secperf.result.ResilienceImpact;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.secperf.result.Finding;
import io.secperf.result.GateResult;
import io.secperf.result.GateVerdict;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunState;
import io.secperf.result.Severity;

/**
 * The few numbers of one build that trends need, and nothing else: a few hundred bytes instead of a result document
 * with histograms. A history directory ({@link History}) and the Jenkins plugin store one per build; trend series and
 * charts take a list of them and do not care where they came from.
 *
 * @param schemaVersion  {@value #SCHEMA_VERSION}; readers reject other versions
 * @param build          what the x-axis of a trend shows for this build, e.g. "17" or "#17"
 * @param startTime      run start; null when unknown
 * @param runState       whether the run completed, stopped early or failed
 * @param verdict        outcome of the gates (FAILED also when the run failed)
 * @param validatedBoth  at least one performance and one security gate were evaluated and all evaluated gates passed
 * @param samples        samples measured
 * @param p50Ms          overall median response time
 * @param p95Ms          overall 95th percentile
 * @param p99Ms          overall 99th percentile
 * @param throughput     overall requests per second
 * @param errorRate      failed samples / samples, 0..1
 * @param findings       security findings per severity (every severity present, 0 when none)
 * @param gates          gate outcomes
 * @param resilience     impact of the attack traffic on legitimate traffic; null when the run had no attack window
 */
public record BuildSummary(int schemaVersion, String build, Instant startTime, RunState runState,
                           BuildVerdict verdict, boolean validatedBoth, long samples,
                           long p50Ms, long p95Ms, long p99Ms, double throughput, double errorRate,
                           Map<Severity, Integer> findings, GateCounts gates, ResilienceImpact resilience) {

    public static final int SCHEMA_VERSION = 1;

    public BuildSummary {
        build = build == null ? "" : build;
        runState = runState == null ? RunState.COMPLETE : runState;
        verdict = verdict == null ? BuildVerdict.NOT_EVALUATED : verdict;
        EnumMap<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            Integer value = findings == null ? null : findings.get(severity);
            counts.put(severity, value == null ? 0 : value);
        }
        findings = Collections.unmodifiableMap(counts);
        gates = gates == null ? GateCounts.NONE : gates;
    }

    /**
     * The summary of a result document, with the verdict, validatedBoth and gate counts taken from the gate verdict
     * stored in it. Without a stored verdict the gate results are counted (any failed gate makes FAILED, any unstable
     * one UNSTABLE, passed ones PASSED) and validatedBoth is false; without gates the verdict is NOT_EVALUATED. A
     * failed run is always FAILED.
     */
    public static BuildSummary of(String build, ResultDocument document) {
        GateVerdict stored = document.verdict();
        if (stored != null) {
            BuildVerdict verdict = switch (stored.status()) {
                case PASSED -> BuildVerdict.PASSED;
                case UNSTABLE -> BuildVerdict.UNSTABLE;
                case FAILED -> BuildVerdict.FAILED;
            };
            return of(build, document, verdict, stored.validatedBoth(),
                    new GateCounts(stored.passed(), stored.unstable(), stored.failed(), stored.notEvaluated()), null);
        }
        int passed = 0;
        int unstable = 0;
        int failed = 0;
        int notEvaluated = 0;
        for (GateResult gate : document.gates()) {
            switch (gate.status()) {
                case PASSED -> passed++;
                case UNSTABLE -> unstable++;
                case FAILED -> failed++;
                case NOT_EVALUATED -> notEvaluated++;
            }
        }
        BuildVerdict verdict = failed > 0 ? BuildVerdict.FAILED : unstable > 0 ? BuildVerdict.UNSTABLE
                : passed > 0 ? BuildVerdict.PASSED : BuildVerdict.NOT_EVALUATED;
        return of(build, document, verdict, false, new GateCounts(passed, unstable, failed, notEvaluated), null);
    }

    /**
     * The summary of a result document with an explicitly known verdict. A run that failed (status FAILED) is always
     * summarised as FAILED and never as validating both, whatever the verdict says. A null resilience impact is
     * taken from the document's resilience comparison (null when it had no attack or no clean window).
     */
    public static BuildSummary of(String build, ResultDocument document, BuildVerdict verdict, boolean validatedBoth,
                                  GateCounts gates, ResilienceImpact resilience) {
        LabelStats overall = document.result().overall();
        if (resilience == null && document.security().resilience() != null) {
            resilience = document.security().resilience().impact();
        }
        RunState state = document.status().state();
        boolean runFailed = state == RunState.FAILED;
        return new BuildSummary(SCHEMA_VERSION, build, document.run().startTime(), state,
                runFailed ? BuildVerdict.FAILED : verdict, validatedBoth && !runFailed, overall.count(),
                overall.p50Ms(), overall.p95Ms(), overall.p99Ms(), overall.throughput(), overall.errorRate(),
                countBySeverity(document.findings()), gates, resilience);
    }

    /** The same summary shown under another build label. */
    public BuildSummary withBuild(String newBuild) {
        return new BuildSummary(schemaVersion, newBuild, startTime, runState, verdict, validatedBoth, samples,
                p50Ms, p95Ms, p99Ms, throughput, errorRate, findings, gates, resilience);
    }

    /** True when the build failed: a failing gate or a failed run. Trend charts mark these builds. */
    public boolean failed() {
        return verdict == BuildVerdict.FAILED || runState == RunState.FAILED;
    }

    /** Findings of all severities together. */
    public int findingsTotal() {
        int total = 0;
        for (int count : findings.values()) {
            total += count;
        }
        return total;
    }

    private static Map<Severity, Integer> countBySeverity(List<Finding> findings) {
        EnumMap<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding finding : findings) {
            Severity severity = finding.severity() == null ? Severity.INFO : finding.severity();
            counts.merge(severity, 1, Integer::sum);
        }
        return counts;
    }
}
