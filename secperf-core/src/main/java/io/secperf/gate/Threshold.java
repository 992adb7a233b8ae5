package io.secperf.gate;

/**
 * The limit a gate compares with.
 *
 * @param value the limit in the canonical unit of its kind (ms, %, per second, days, grade or protocol rank)
 * @param kind  what the value measures
 * @param text  the limit in canonical gate-language form, e.g. "800ms", "1.5s", "1%", "100/s", "A+", "TLSv1.2"
 */
public record Threshold(double value, UnitKind kind, String text) {

    public Threshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold must be a finite number, was " + value);
        }
    }

    /** For people: "800 ms", "1%", "A+". */
    public String display() {
        return kind.format(value);
    }
}
