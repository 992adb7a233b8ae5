package io.secperf.gate;

/**
 * What a metric extractor found: a value, or why there is none. "Not measured" (e.g. no TLS probe ran) violates a
 * gate unless it is optional; "no data" (a run without samples) violates every gate that needs samples, optional
 * or not, so an empty run can never pass.
 *
 * @param value   the value in the metric's canonical unit; NaN when absent
 * @param missing why there is no value; null when there is one
 * @param noData  the run itself has no samples
 */
public record Measurement(double value, String missing, boolean noData) {

    public static Measurement of(double value) {
        return new Measurement(value, null, false);
    }

    public static Measurement notMeasured(String why) {
        return new Measurement(Double.NaN, why, false);
    }

    public static Measurement noData(String why) {
        return new Measurement(Double.NaN, why, true);
    }

    public boolean present() {
        return missing == null;
    }
}
