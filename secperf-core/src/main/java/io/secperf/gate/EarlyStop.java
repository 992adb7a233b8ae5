package io.secperf.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;

/**
 * Taurus-like early stop: the gates marked {@code stop}, checked while the load runs, so a hopeless run ends early.
 * The runner polls {@link #check} (about once a second) with a snapshot of the partial result.
 * <ul>
 *   <li>A gate with a {@code for} window stops the load once its condition has been violated for the whole window in
 *       the per-second series; the second still in progress is left out.</li>
 *   <li>A gate without a window is checked against the totals so far, starting {@link #WARM_UP} after the first
 *       sample, so one slow first request cannot end a run.</li>
 * </ul>
 */
public final class EarlyStop {

    /** How long gates without a window wait before they may stop a run. */
    public static final Duration WARM_UP = Duration.ofSeconds(10);

    private final List<Gate> gates = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private final GateEvaluator evaluator = new GateEvaluator();

    public EarlyStop(GateList list) {
        for (int i = 0; i < list.gates().size(); i++) {
            if (list.gates().get(i).stop()) {
                gates.add(list.gates().get(i));
                positions.add(i + 1);
            }
        }
    }

    /** True when there is at least one stop gate (otherwise polling is pointless). */
    public boolean active() {
        return !gates.isEmpty();
    }

    /**
     * Checks the stop gates against a partial result.
     *
     * @param partial what was measured so far (e.g. {@code ResultAggregator.snapshot()})
     * @param now     the current time
     * @return the outcome of the first violated stop gate, or empty to go on
     */
    public Optional<GateResult> check(RunResult partial, Instant now) {
        if (gates.isEmpty() || partial.overall().count() == 0) {
            return Optional.empty();
        }
        ResultDocument document = ResultDocument.of(null, RunStatus.partial("running"), null, partial);
        long completeUntil = now.getEpochSecond() - 1;
        boolean warm = now.toEpochMilli() - partial.overall().firstStartEpochMs() >= WARM_UP.toMillis();
        for (int i = 0; i < gates.size(); i++) {
            Gate gate = gates.get(i);
            if (gate.window() == null && !warm) {
                continue;
            }
            GateResult result = evaluator.evaluate(gate, positions.get(i), document, SecurityMeasurements.none(),
                    null, completeUntil);
            if (result.status() == GateStatus.FAILED || result.status() == GateStatus.UNSTABLE) {
                return Optional.of(new GateResult(result.id(), result.line(), result.expression(), result.metric(),
                        result.category(), result.criticality(), result.optional(), result.status(),
                        result.measured(), result.value(), result.unit(), result.threshold(), result.reference(),
                        "stopped the load: " + result.message()));
            }
        }
        return Optional.empty();
    }
}
