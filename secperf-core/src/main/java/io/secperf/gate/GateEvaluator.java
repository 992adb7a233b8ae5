package io.secperf.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.GateVerdict;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunResult;
import io.secperf.result.VerdictStatus;

/**
 * Judges a gate list over a result document (and a reference result for relative gates). No data is not a pass: a
 * run without samples violates every performance gate, optional or not, and a metric that was not measured violates
 * its gate unless the gate is optional. Stateless and thread-safe.
 */
public final class GateEvaluator {

    /** What a relative gate does when there is no reference result (or the reference lacks the value). */
    public enum MissingReference {
        /** Reported as not evaluated, with a message (the default: the first good build becomes the reference). */
        NOT_EVALUATED,
        /** Violated, like any other unmet gate. */
        FAIL
    }

    private final MissingReference missingReference;

    public GateEvaluator() {
        this(MissingReference.NOT_EVALUATED);
    }

    public GateEvaluator(MissingReference missingReference) {
        this.missingReference = missingReference;
    }

    /** Evaluates every gate over the document; security values come from the document ({@link SecurityMeasurements#of}). */
    public GateReport evaluate(GateList gates, ResultDocument document, GateReference reference) {
        return evaluate(gates, document, SecurityMeasurements.of(document), reference);
    }

    /**
     * Evaluates every gate.
     *
     * @param reference the reference result for relative gates, or null when there is none
     */
    public GateReport evaluate(GateList gates, ResultDocument document, SecurityMeasurements security,
                               GateReference reference) {
        List<GateResult> results = new ArrayList<>();
        for (int i = 0; i < gates.gates().size(); i++) {
            results.add(evaluate(gates.gates().get(i), i + 1, document, security, reference, Long.MAX_VALUE));
        }
        return new GateReport(results, verdict(results, reference == null ? null : reference.source(), null));
    }

    /**
     * One gate. {@code untilSecond} limits windows to buckets that ended by then (live checks); Long.MAX_VALUE for a
     * finished run.
     */
    GateResult evaluate(Gate gate, int position, ResultDocument document, SecurityMeasurements security,
                        GateReference reference, long untilSecond) {
        String id = Integer.toString(position);
        Subject current = new Subject(document, security, gate.metric());
        if (gate.window() != null) {
            return window(gate, id, document.result(), untilSecond);
        }
        if (gate.relative()) {
            return relative(gate, id, current, reference);
        }
        Measurement m = gate.metric().measure(current, gate.selector());
        if (!m.present()) {
            return missing(gate, id, m, subject(gate));
        }
        UnitKind kind = gate.metric().kind();
        double threshold = gate.threshold().value();
        boolean ok = gate.operator().test(m.value(), threshold);
        String measured = kind.format(m.value());
        String relation = ok ? gate.operator().passedWord() : gate.operator().violatedWord(m.value(), threshold);
        return result(gate, id, ok ? GateStatus.PASSED : violated(gate), measured, m.value(), kind.unit(), null,
                subject(gate) + " is " + measured + ", " + relation + " " + gate.threshold().display());
    }

    private GateResult window(Gate gate, String id, RunResult result, long untilSecond) {
        if (result.overall().count() == 0) {
            return missing(gate, id, Measurement.noData("the run has no samples"), subject(gate));
        }
        SeriesWindow.Streak streak = SeriesWindow.longest(gate, result.timeSeries(), untilSecond);
        long window = gate.window().toSeconds();
        boolean ok = streak.seconds() < window;
        String condition = subject(gate) + " was " + gate.operator().windowViolatedWord() + " "
                + gate.threshold().display();
        int width = result.timeSeries().bucketSeconds();
        String resolution = width > 1 ? ", " + width + " s buckets" : "";
        String message;
        if (streak.seconds() == 0) {
            message = subject(gate) + " was never " + gate.operator().windowViolatedWord() + " "
                    + gate.threshold().display() + " (window " + window + " s" + resolution + ")";
        } else if (ok) {
            message = condition + " for at most " + streak.seconds() + " s in a row (window " + window + " s"
                    + resolution + ")";
        } else {
            message = condition + " for " + streak.seconds() + " s in a row from "
                    + Instant.ofEpochSecond(streak.startSecond()) + ", reaching "
                    + gate.metric().kind().format(streak.worst()) + " (window " + window + " s" + resolution + ")";
        }
        return result(gate, id, ok ? GateStatus.PASSED : violated(gate), UnitKind.SECONDS.format(streak.seconds()),
                (double) streak.seconds(), UnitKind.SECONDS.unit(), null, message);
    }

    private GateResult relative(Gate gate, String id, Subject current, GateReference reference) {
        String name = subject(gate) + " regression";
        Measurement now = gate.metric().measure(current, gate.selector());
        if (!now.present()) {
            return missing(gate, id, now, name);
        }
        if (reference == null) {
            return noReference(gate, id, name, "no reference result yet (the last result that passed all its gates "
                    + "becomes the reference)");
        }
        Subject then = new Subject(reference.document(), reference.security(), gate.metric());
        Measurement base = gate.metric().measure(then, gate.selector());
        if (!base.present()) {
            return noReference(gate, id, name, "the reference " + reference.source() + " has no value: "
                    + base.missing());
        }
        double change = regression(gate.metric(), now.value(), base.value());
        UnitKind kind = gate.metric().kind();
        double threshold = gate.threshold().value();
        boolean ok = gate.operator().test(change, threshold);
        String measured = UnitKind.percent(change, true);
        String relation = ok ? gate.operator().passedWord() : gate.operator().violatedWord(change, threshold);
        return result(gate, id, ok ? GateStatus.PASSED : violated(gate), measured, change, UnitKind.PERCENT.unit(),
                kind.format(base.value()), name + " is " + measured + " (" + kind.format(now.value()) + ", reference "
                        + kind.format(base.value()) + "), " + relation + " " + gate.threshold().display());
    }

    /** Change in the "worse" direction in % of the reference: positive is a regression, negative an improvement. */
    static double regression(Metric metric, double now, double base) {
        double worse = metric.higherIsBetter() ? base - now : now - base;
        if (worse == 0) {
            return 0;
        }
        if (base == 0) {
            return worse > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return 100.0 * worse / Math.abs(base);
    }

    private GateResult noReference(Gate gate, String id, String name, String why) {
        if (missingReference == MissingReference.FAIL) {
            return result(gate, id, violated(gate), null, null, "%", null, name + " cannot be evaluated: " + why
                    + "; a reference is required");
        }
        return result(gate, id, GateStatus.NOT_EVALUATED, null, null, "%", null, name + " not evaluated: " + why);
    }

    private GateResult missing(Gate gate, String id, Measurement m, String name) {
        String unit = gate.relative() ? "%" : gate.metric().kind().unit();
        if (!m.noData() && gate.optional()) {
            return result(gate, id, GateStatus.NOT_EVALUATED, null, null, unit, null,
                    name + " not measured (" + m.missing() + "); optional, so not evaluated");
        }
        return result(gate, id, violated(gate), null, null, unit, null, name + " not measured: " + m.missing());
    }

    private static GateStatus violated(Gate gate) {
        return gate.criticality() == GateCriticality.UNSTABLE ? GateStatus.UNSTABLE : GateStatus.FAILED;
    }

    private static String subject(Gate gate) {
        return gate.metric().metricName() + gate.selector().describe();
    }

    private static GateResult result(Gate gate, String id, GateStatus status, String measured, Double value,
                                     String unit, String reference, String message) {
        return new GateResult(id, gate.line(), gate.text(), gate.metric().metricName(), gate.category(),
                gate.criticality(), gate.optional(), status, measured, value, unit,
                gate.operator().symbol() + " " + gate.threshold().display(), reference, message);
    }

    /**
     * The verdict over gate outcomes: FAILED if any failed, else UNSTABLE if any is unstable, else PASSED;
     * validatedBoth when a performance and a security gate were evaluated and every evaluated gate passed.
     */
    static GateVerdict verdict(List<GateResult> results, String reference, String stoppedBy) {
        int passed = 0;
        int unstable = 0;
        int failed = 0;
        int notEvaluated = 0;
        boolean performance = false;
        boolean security = false;
        List<String> failedGates = new ArrayList<>();
        List<String> unstableGates = new ArrayList<>();
        for (GateResult r : results) {
            switch (r.status()) {
                case PASSED -> passed++;
                case UNSTABLE -> {
                    unstable++;
                    unstableGates.add(r.expression());
                }
                case FAILED -> {
                    failed++;
                    failedGates.add(r.expression());
                }
                case NOT_EVALUATED -> notEvaluated++;
            }
            if (r.evaluated()) {
                performance |= r.category() == GateCategory.PERFORMANCE;
                security |= r.category() == GateCategory.SECURITY;
            }
        }
        VerdictStatus status = failed > 0 ? VerdictStatus.FAILED
                : unstable > 0 ? VerdictStatus.UNSTABLE : VerdictStatus.PASSED;
        boolean validatedBoth = performance && security && failed == 0 && unstable == 0;
        int total = results.size();
        String summary = switch (status) {
            case FAILED -> "FAILED: " + failed + " of " + total + " gates failed: " + list(failedGates)
                    + (unstable > 0 ? "; " + unstable + " unstable" : "");
            case UNSTABLE -> "UNSTABLE: " + unstable + " of " + total + " gates unstable: " + list(unstableGates);
            case PASSED -> "PASSED: " + passed + " of " + total + " gates passed";
        };
        if (notEvaluated > 0) {
            summary += "; " + notEvaluated + " not evaluated";
        }
        if (validatedBoth) {
            summary += "; performance and security validated";
        }
        if (stoppedBy != null) {
            summary += "; the load was stopped early by " + stoppedBy;
        }
        return new GateVerdict(status, validatedBoth, total, passed, unstable, failed, notEvaluated, reference,
                stoppedBy, summary);
    }

    private static String list(List<String> expressions) {
        if (expressions.size() <= 3) {
            return String.join("; ", expressions);
        }
        return String.join("; ", expressions.subList(0, 3)) + "; ...";
    }
}
