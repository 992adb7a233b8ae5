package io.secperf.gate;

import java.time.Duration;

import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;

/**
 * One definition-of-done criterion, as data: the gate language ({@link GateList#parse}) and structured input
 * ({@link GateList#fromData}) both produce this, and {@link GateEvaluator} judges it.
 *
 * @param metric      what is measured
 * @param selector    which part of it (label, error class, severity, finding id); {@link Selector#NONE} for all
 * @param relative    true for {@code metric regression op N%}: compares the change against the reference result
 * @param operator    comparison; the gate passes when {@code measured operator threshold}
 * @param threshold   the limit
 * @param window      {@code for 30s}: fails only when violated continuously this long in the per-second series;
 *                    null to judge the whole run's value
 * @param criticality what a violation does: FAILURE (default) or UNSTABLE
 * @param optional    a metric that was not measured leaves the gate NOT_EVALUATED instead of violated
 * @param stop        abort the load as soon as the gate is violated (its window, if any, included)
 * @param line        line in the source text (1-based); 0 for structured input
 */
public record Gate(Metric metric, Selector selector, boolean relative, Operator operator, Threshold threshold,
                   Duration window, GateCriticality criticality, boolean optional, boolean stop, int line) {

    public Gate {
        if (metric == null || operator == null || threshold == null) {
            throw new IllegalArgumentException("a gate needs a metric, an operator and a threshold");
        }
        selector = selector == null ? Selector.NONE : selector;
        criticality = criticality == null ? GateCriticality.FAILURE : criticality;
    }

    public GateCategory category() {
        return metric.category();
    }

    /** The gate in canonical gate-language form; parsing it gives an equal gate (apart from {@code line}). */
    public String text() {
        StringBuilder sb = new StringBuilder(metric.metricName());
        if (!selector.isEmpty()) {
            sb.append('(').append(selector.text()).append(')');
        }
        if (relative) {
            sb.append(" regression");
        }
        sb.append(' ').append(operator.symbol()).append(' ').append(threshold.text());
        if (window != null) {
            sb.append(" for ").append(window.toSeconds()).append('s');
        }
        if (criticality == GateCriticality.UNSTABLE) {
            sb.append(" as unstable");
        }
        if (optional) {
            sb.append(" optional");
        }
        if (stop) {
            sb.append(" stop");
        }
        return sb.toString();
    }

    /** The same gate at another source line. */
    Gate atLine(int newLine) {
        return new Gate(metric, selector, relative, operator, threshold, window, criticality, optional, stop, newLine);
    }

    @Override
    public String toString() {
        return text();
    }
}
