package io.secperf.gate;

import java.util.List;

import io.secperf.result.GateResult;
import io.secperf.result.GateVerdict;
import io.secperf.result.ResultDocument;

/**
 * What the evaluator says about one result: one outcome per gate, in the order of the gate list, and the verdict.
 *
 * @param results outcome per gate
 * @param verdict the verdict over all of them
 */
public record GateReport(List<GateResult> results, GateVerdict verdict) {

    public GateReport {
        results = List.copyOf(results);
    }

    /**
     * The report of a run that a {@code stop} gate ended early: that gate's outcome becomes the violation seen live
     * (unless the final evaluation found it violated too), and the verdict names it.
     */
    public GateReport stoppedBy(GateResult trigger) {
        List<GateResult> updated = new java.util.ArrayList<>();
        for (GateResult r : results) {
            boolean violated = r.status() == io.secperf.result.GateStatus.FAILED
                    || r.status() == io.secperf.result.GateStatus.UNSTABLE;
            updated.add(r.id().equals(trigger.id()) && !violated ? trigger : r);
        }
        return new GateReport(updated, GateEvaluator.verdict(updated, verdict.reference(), trigger.expression()));
    }

    /** The document with these gate outcomes and this verdict. */
    public ResultDocument applyTo(ResultDocument document) {
        return document.withGates(results, verdict);
    }
}
