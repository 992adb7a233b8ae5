package io.secperf.gate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.secperf.result.ErrorClass;
import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.LabelStats;
import io.secperf.result.RunResult;
import io.secperf.result.SecondBucket;

/**
 * The metric catalogue: every name a gate may use, with its unit, whether it judges performance or security, which
 * component produces it, and how to read its value. An unknown name is a syntax error, never a silently passing
 * gate. docs/gates.md lists the same catalogue (a test keeps them in sync).
 */
public enum Metric {
    P50("p50", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "50th percentile (median) response time",
            List.of("median"), Selector.Key.LABEL, stats(LabelStats::p50Ms), (b, w) -> b.p50Ms()),
    P90("p90", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "90th percentile response time",
            List.of(), Selector.Key.LABEL, stats(LabelStats::p90Ms), null),
    P95("p95", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "95th percentile response time",
            List.of(), Selector.Key.LABEL, stats(LabelStats::p95Ms), (b, w) -> b.p95Ms()),
    P99("p99", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "99th percentile response time",
            List.of(), Selector.Key.LABEL, stats(LabelStats::p99Ms), null),
    P999("p99.9", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "99.9th percentile response time",
            List.of("p999"), Selector.Key.LABEL, stats(LabelStats::p999Ms), null),
    MAX("max", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "longest response time",
            List.of(), Selector.Key.LABEL, stats(LabelStats::maxMs), null),
    MEAN("mean", UnitKind.DURATION, GateCategory.PERFORMANCE, false, "mean response time",
            List.of("avg", "average"), Selector.Key.LABEL, stats(LabelStats::meanMs), null),
    ERRORS("errors", UnitKind.PERCENT, GateCategory.PERFORMANCE, false,
            "share of failed samples in % (with class=...: failed with that error class)",
            List.of("error.rate", "errorRate"), Selector.Key.CLASS, Metric::errorRate,
            (b, w) -> b.count() == 0 ? 0 : 100.0 * b.errors() / b.count()),
    ERRORS_COUNT("errors.count", UnitKind.COUNT, GateCategory.PERFORMANCE, false,
            "number of failed samples (with class=...: of that error class)",
            List.of(), Selector.Key.CLASS, Metric::errorCount, null),
    THROUGHPUT("throughput", UnitKind.RATE, GateCategory.PERFORMANCE, true,
            "samples per second over the run (first start to last end)",
            List.of("rps"), Selector.Key.LABEL, stats(LabelStats::throughput),
            (b, w) -> (double) b.count() / w),
    SAMPLES("samples", UnitKind.COUNT, GateCategory.PERFORMANCE, true, "number of samples",
            List.of("count"), Selector.Key.LABEL, stats(LabelStats::count), null),

    TLS_GRADE("tls.grade", UnitKind.GRADE, GateCategory.SECURITY, true,
            "SSL-Labs-style grade of the target's TLS configuration (M < T < F < E < D < C < B < A- < A < A+)",
            List.of(), null, value("no TLS probe ran"), null),
    TLS_PROTOCOL_MIN("tls.protocol.min", UnitKind.PROTOCOL, GateCategory.SECURITY, true,
            "oldest protocol version the target accepts (SSLv2 < SSLv3 < TLSv1 < TLSv1.1 < TLSv1.2 < TLSv1.3)",
            List.of(), null, value("no TLS probe ran"), null),
    TLS_CERT_DAYS_LEFT("tls.cert.daysLeft", UnitKind.DAYS, GateCategory.SECURITY, true,
            "days until the target's certificate expires (negative when expired)",
            List.of(), null, value("no TLS probe ran"), null),
    AUTH_BYPASS("auth.bypass", UnitKind.COUNT, GateCategory.SECURITY, false,
            "protected requests that were answered 2xx without valid credentials",
            List.of(), null, unlessIncomplete("auth", countOrValue("auth", "auth.bypass", "no authentication checks ran")),
            null),
    FUZZ_SERVER_ERRORS("fuzz.serverErrors", UnitKind.COUNT, GateCategory.SECURITY, false,
            "malformed requests the target answered with 5xx, a stack trace or a hang",
            List.of(), null, countOrValue("fuzz", "fuzz.server-error", "no fuzzing ran"), null),
    FINDINGS("findings", UnitKind.COUNT, GateCategory.SECURITY, false,
            "number of security findings (with severity>=high, id=\"tls.*\": of that kind)",
            List.of(), Selector.Key.SEVERITY, Metric::findingCount, null),
    RESILIENCE_P95_IMPACT("resilience.p95Impact", UnitKind.PERCENT, GateCategory.SECURITY, false,
            "how much legitimate traffic's p95 grew during attack traffic, in % of the clean window",
            List.of(), null, value(Metric.NO_RESILIENCE), null),
    RESILIENCE_P99_IMPACT("resilience.p99Impact", UnitKind.PERCENT, GateCategory.SECURITY, false,
            "how much legitimate traffic's p99 grew during attack traffic, in % of the clean window",
            List.of(), null, value(Metric.NO_RESILIENCE), null),
    RESILIENCE_ERROR_RATE_CHANGE("resilience.errorRateChange", UnitKind.PERCENT, GateCategory.SECURITY, false,
            "legitimate traffic's error rate in the attack window minus the clean window's, in percentage points",
            List.of(), null, value(Metric.NO_RESILIENCE), null),
    RESILIENCE_THROUGHPUT_IMPACT("resilience.throughputImpact", UnitKind.PERCENT, GateCategory.SECURITY, true,
            "change of legitimate req/s in the attack window, in % of the clean window (negative: fewer served)",
            List.of(), null, value(Metric.NO_RESILIENCE), null);

    private static final String NO_RESILIENCE = "no attack traffic ran, or no clean window before it";

    /** Reads the value of a metric from what was measured. */
    @FunctionalInterface
    interface Extractor {
        Measurement measure(Subject subject, Selector selector);
    }

    /** Reads the value of a metric from one bucket of the per-second series of the given width. */
    @FunctionalInterface
    interface SeriesValue {
        double of(SecondBucket bucket, int bucketSeconds);
    }

    private final String metricName;
    private final UnitKind kind;
    private final GateCategory category;
    private final boolean higherIsBetter;
    private final String meaning;
    private final List<String> aliases;
    private final Set<Selector.Key> selectorKeys;
    private final Extractor extractor;
    private final SeriesValue seriesValue;

    Metric(String metricName, UnitKind kind, GateCategory category, boolean higherIsBetter, String meaning,
           List<String> aliases, Selector.Key extraKey, Extractor extractor, SeriesValue seriesValue) {
        this.metricName = metricName;
        this.kind = kind;
        this.category = category;
        this.higherIsBetter = higherIsBetter;
        this.meaning = meaning;
        this.aliases = aliases;
        EnumSet<Selector.Key> keys = EnumSet.noneOf(Selector.Key.class);
        if (category == GateCategory.PERFORMANCE) {
            keys.add(Selector.Key.LABEL);
        }
        if (extraKey != null) {
            keys.add(extraKey);
            if (extraKey == Selector.Key.SEVERITY) {
                keys.add(Selector.Key.ID);
            }
        }
        this.selectorKeys = keys;
        this.extractor = extractor;
        this.seriesValue = seriesValue;
    }

    /** The name written in gates, e.g. "p99.9" or "tls.cert.daysLeft". */
    public String metricName() {
        return metricName;
    }

    public UnitKind kind() {
        return kind;
    }

    public GateCategory category() {
        return category;
    }

    /** True for metrics where a larger value is better (throughput, grades); decides what "regression" means. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** One line for the catalogue. */
    public String meaning() {
        return meaning;
    }

    /** Other accepted names, e.g. "median" for p50. */
    public List<String> aliases() {
        return aliases;
    }

    /** The selector keys this metric accepts. */
    public Set<Selector.Key> selectorKeys() {
        return selectorKeys;
    }

    /** Which component produces the metric. */
    public String producer() {
        return switch (this) {
            case TLS_GRADE, TLS_PROTOCOL_MIN, TLS_CERT_DAYS_LEFT -> "TLS probe (security samplers)";
            case AUTH_BYPASS -> "auth checks (security samplers)";
            case FUZZ_SERVER_ERRORS -> "fuzz sampler (security samplers)";
            case FINDINGS -> "every security check";
            case RESILIENCE_P95_IMPACT, RESILIENCE_P99_IMPACT, RESILIENCE_ERROR_RATE_CHANGE,
                 RESILIENCE_THROUGHPUT_IMPACT -> "attack traffic: clean window vs attack window";
            default -> "load run or JTL ingest (result aggregator)";
        };
    }

    /** True when the metric exists in the per-second series, so {@code for} windows and live stops work. */
    public boolean inSeries() {
        return seriesValue != null;
    }

    Measurement measure(Subject subject, Selector selector) {
        return extractor.measure(subject, selector);
    }

    double seriesValue(SecondBucket bucket, int bucketSeconds) {
        return seriesValue.of(bucket, bucketSeconds);
    }

    /** The metric with this name or alias (case-insensitive), or null. */
    public static Metric byName(String name) {
        for (Metric metric : values()) {
            if (metric.metricName.equalsIgnoreCase(name)) {
                return metric;
            }
        }
        for (Metric metric : values()) {
            for (String alias : metric.aliases) {
                if (alias.equalsIgnoreCase(name)) {
                    return metric;
                }
            }
        }
        return null;
    }

    /** Every name and alias, for "did you mean". */
    static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (Metric metric : values()) {
            names.add(metric.metricName);
        }
        for (Metric metric : values()) {
            names.addAll(metric.aliases);
        }
        return names;
    }

    static String list() {
        StringBuilder sb = new StringBuilder();
        for (Metric metric : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(metric.metricName);
        }
        return sb.toString();
    }

    /** Why a window does not work here, or null when it does. */
    String windowProblem(Selector selector, boolean relative) {
        if (!inSeries()) {
            return "'for' windows work with p50, p95, errors and throughput (the per-second series holds only "
                    + "these), not with " + metricName;
        }
        if (selector.label() != null || selector.errorClass() != null) {
            return "'for' windows use the overall per-second series; remove the selector or the window";
        }
        if (relative) {
            return "'for' windows cannot be combined with 'regression'";
        }
        return null;
    }

    /** Why {@code stop} does not work here, or null when it does. */
    String stopProblem(boolean relative) {
        if (category != GateCategory.PERFORMANCE) {
            return "'stop' works with performance metrics measured during the load, not with " + metricName;
        }
        if (relative) {
            return "'stop' cannot be combined with 'regression'";
        }
        return null;
    }

    /** Why {@code regression} does not work here, or null when it does. */
    String regressionProblem() {
        if (kind == UnitKind.GRADE || kind == UnitKind.PROTOCOL) {
            return "'regression' needs a numeric metric; " + metricName + " is a " + kind.name().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    // ---- extractors

    private static Extractor stats(ToDoubleFunction<LabelStats> value) {
        return (subject, selector) -> {
            LabelStats stats = labelStats(subject, selector);
            return stats == null ? missingLabel(subject, selector) : Measurement.of(value.applyAsDouble(stats));
        };
    }

    private static Measurement errorRate(Subject subject, Selector selector) {
        LabelStats stats = labelStats(subject, selector);
        if (stats == null) {
            return missingLabel(subject, selector);
        }
        if (selector.errorClass() == null) {
            return Measurement.of(100.0 * stats.errors() / stats.count());
        }
        return Measurement.of(100.0 * stats.errorsByClass().getOrDefault(selector.errorClass(), 0L) / stats.count());
    }

    private static Measurement errorCount(Subject subject, Selector selector) {
        LabelStats stats = labelStats(subject, selector);
        if (stats == null) {
            return missingLabel(subject, selector);
        }
        ErrorClass errorClass = selector.errorClass();
        return Measurement.of(errorClass == null ? stats.errors() : stats.errorsByClass().getOrDefault(errorClass, 0L));
    }

    /** Statistics of the selected label (or overall); null when absent. Callers check the empty run first. */
    private static LabelStats labelStats(Subject subject, Selector selector) {
        RunResult result = subject.document().result();
        if (result.overall().count() == 0) {
            return null;
        }
        return selector.label() == null ? result.overall() : result.label(selector.label());
    }

    private static Measurement missingLabel(Subject subject, Selector selector) {
        RunResult result = subject.document().result();
        if (result.overall().count() == 0) {
            return Measurement.noData("the run has no samples");
        }
        List<String> labels = new ArrayList<>();
        for (LabelStats s : result.labels()) {
            if (labels.size() == 10) {
                labels.add("...");
                break;
            }
            labels.add(s.label());
        }
        return Measurement.notMeasured("no samples with label '" + selector.label() + "' (labels: "
                + String.join(", ", labels) + ")");
    }

    private static Extractor value(String whyMissing) {
        return (subject, selector) -> namedValue(subject, whyMissing);
    }

    /**
     * A metric whose check cannot vouch for it when it did not do all its planned work (the auth check without a
     * valid token never tried the token-based probes): then the metric is not measured, so the gate fails (or, when
     * optional, is not evaluated) instead of passing on the probes that did run.
     */
    private static Extractor unlessIncomplete(String family, Extractor extractor) {
        return (subject, selector) -> {
            String reason = subject.security().incomplete().get(family);
            if (reason != null) {
                return Measurement.notMeasured("the " + family + " check was incomplete (" + reason + ")");
            }
            return extractor.measure(subject, selector);
        };
    }

    private static Extractor countOrValue(String family, String idPrefix, String whyMissing) {
        return (subject, selector) -> {
            SecurityMeasurements security = subject.security();
            if (security.values().containsKey(subject.metric().metricName)) {
                return namedValue(subject, whyMissing);
            }
            if (!security.checks().contains(family)) {
                return Measurement.notMeasured(whyMissing);
            }
            long count = security.findings().stream()
                    .filter(f -> f.id() != null && f.id().startsWith(idPrefix)).count();
            return Measurement.of(count);
        };
    }

    private static Measurement namedValue(Subject subject, String whyMissing) {
        Metric metric = subject.metric();
        String text = subject.security().values().get(metric.metricName);
        if (text == null) {
            return Measurement.notMeasured(whyMissing);
        }
        try {
            return Measurement.of(GateParser.parseThreshold(metric, false, text, "measurement").value());
        } catch (GateSyntaxException e) {
            return Measurement.notMeasured("the measured value '" + text + "' is not " + metric.kind.expected());
        }
    }

    private static Measurement findingCount(Subject subject, Selector selector) {
        SecurityMeasurements security = subject.security();
        if (!security.anyCheckRan()) {
            return Measurement.notMeasured("no security checks ran");
        }
        long count = 0;
        for (Finding finding : security.findings()) {
            if (selector.matches(finding)) {
                count++;
            }
        }
        return Measurement.of(count);
    }
}
