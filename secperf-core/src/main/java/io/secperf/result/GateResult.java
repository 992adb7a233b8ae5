package io.secperf.result;

/**
 * Outcome of one definition-of-done gate, as stored in the {@code gates} list of a {@link ResultDocument} and shown
 * in the console table and the JUnit XML. Text fields are ready to show; {@code value} is the number behind
 * {@code measured} for trends.
 *
 * @param id          position of the gate in its list, "1" for the first
 * @param line        line of the gate in its source text; 0 for gates given as structured data
 * @param expression  the gate in canonical gate-language form, e.g. {@code p99(label="Checkout") < 1.5s}
 * @param metric      metric name, e.g. "p99"
 * @param category    PERFORMANCE or SECURITY
 * @param criticality what a violation does: FAILURE or UNSTABLE
 * @param optional    whether a metric that was not measured leaves the gate NOT_EVALUATED instead of violated
 * @param status      PASSED, UNSTABLE, FAILED or NOT_EVALUATED
 * @param measured    the compared value with its unit ("912 ms"); null when not measured
 * @param value       {@code measured} as a number in {@code unit}; null when not measured or not finite
 * @param unit        unit of {@code value}: "ms", "%", "/s", "s", "days", "grade", "protocol" or "" for counts
 * @param threshold   operator and limit, e.g. "< 800 ms"
 * @param reference   for relative gates: the reference value with its unit; else null
 * @param message     one line for people, e.g. "p95 of Checkout is 912 ms, above 800 ms"
 */
public record GateResult(String id, int line, String expression, String metric, GateCategory category,
                         GateCriticality criticality, boolean optional, GateStatus status, String measured,
                         Double value, String unit, String threshold, String reference, String message) {

    public GateResult {
        if (status == null) {
            throw new IllegalArgumentException("gate status is required");
        }
        category = category == null ? GateCategory.PERFORMANCE : category;
        criticality = criticality == null ? GateCriticality.FAILURE : criticality;
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
    }

    /** True when the gate was evaluated (it passed or was violated). */
    public boolean evaluated() {
        return status != GateStatus.NOT_EVALUATED;
    }
}
