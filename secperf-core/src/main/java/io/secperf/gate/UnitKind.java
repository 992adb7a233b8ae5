package io.secperf.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What kind of quantity a metric measures. Decides which threshold units the gate language accepts, the canonical
 * unit values are compared in, and how values are shown.
 */
public enum UnitKind {
    /** Milliseconds; thresholds in ms, s or m. */
    DURATION("ms", "a time such as 800ms or 1.5s"),
    /** Percent; thresholds like 1% or 0.5%. */
    PERCENT("%", "a percentage such as 1%"),
    /** Per second; thresholds like 100/s or 600/m. */
    RATE("/s", "a rate such as 100/s"),
    /** A plain count. */
    COUNT("", "a number such as 0"),
    /** Days; thresholds as a plain number or with d/days. */
    DAYS("days", "a number of days such as 30"),
    /** A {@link Grade}, compared by rank. */
    GRADE("grade", "a grade (" + Grade.list() + ")"),
    /** A {@link TlsProtocol}, compared by rank. */
    PROTOCOL("protocol", "a TLS protocol version (" + TlsProtocol.list() + ")"),
    /** Seconds: how long a window condition was violated. Not a threshold kind. */
    SECONDS("s", "a number of seconds");

    private final String unit;
    private final String expected;

    UnitKind(String unit, String expected) {
        this.unit = unit;
        this.expected = expected;
    }

    /** Unit of values of this kind as stored in {@code GateResult.unit}. */
    public String unit() {
        return unit;
    }

    /** What a threshold of this kind looks like, for syntax errors. */
    String expected() {
        return expected;
    }

    /** The value with its unit, for people: "912 ms", "1.62 s", "0.52%", "120.3/s", "A-", "TLSv1.2". */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "infinite" : "-infinite";
        }
        return switch (this) {
            case DURATION -> Math.abs(value) >= 1000 ? decimals(value / 1000, 3) + " s"
                    : decimals(value, value == Math.rint(value) ? 0 : 1) + " ms";
            case PERCENT -> percent(value, false);
            case RATE -> decimals(value, Math.abs(value) >= 100 ? 1 : 2) + "/s";
            case COUNT -> decimals(value, 2);
            case DAYS -> decimals(value, 1) + (value == 1 ? " day" : " days");
            case GRADE -> {
                Grade grade = Grade.ofRank(value);
                yield grade == null ? decimals(value, 2) : grade.text();
            }
            case PROTOCOL -> {
                TlsProtocol protocol = TlsProtocol.ofRank(value);
                yield protocol == null ? decimals(value, 2) : protocol.text();
            }
            case SECONDS -> decimals(value, 0) + " s";
        };
    }

    /** A percentage; with {@code signed} a "+" for positive values (regressions). */
    static String percent(double value, boolean signed) {
        if (Double.isInfinite(value)) {
            return (value > 0 ? (signed ? "+" : "") : "-") + "infinite";
        }
        double abs = Math.abs(value);
        int scale = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
        return (signed && value > 0 ? "+" : "") + decimals(value, scale) + "%";
    }

    /** At most {@code scale} decimals, trailing zeros dropped, never exponent notation. */
    static String decimals(double value, int scale) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        String text = rounded.toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
