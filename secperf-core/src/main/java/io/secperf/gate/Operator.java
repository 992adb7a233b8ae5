package io.secperf.gate;

/** Comparison of a measured value with a gate's threshold: the gate passes when {@code measured op threshold}. */
public enum Operator {
    LT("<", "below", "at or above"),
    LE("<=", "at most", "above"),
    GT(">", "above", "at or below"),
    GE(">=", "at least", "below"),
    EQ("==", "equal to", "not equal to"),
    NE("!=", "not equal to", "equal to");

    private final String symbol;
    private final String passedWord;
    private final String violatedWord;

    Operator(String symbol, String passedWord, String violatedWord) {
        this.symbol = symbol;
        this.passedWord = passedWord;
        this.violatedWord = violatedWord;
    }

    public String symbol() {
        return symbol;
    }

    /** True when {@code measured op threshold} holds. */
    public boolean test(double measured, double threshold) {
        return switch (this) {
            case LT -> measured < threshold;
            case LE -> measured <= threshold;
            case GT -> measured > threshold;
            case GE -> measured >= threshold;
            case EQ -> measured == threshold;
            case NE -> measured != threshold;
        };
    }

    /** How a passing value relates to the threshold ("below 800 ms"). */
    String passedWord() {
        return passedWord;
    }

    /** How a violating value relates to the threshold ("above 800 ms"). */
    String violatedWord(double measured, double threshold) {
        return switch (this) {
            case LT -> measured == threshold ? "equal to" : "above";
            case GT -> measured == threshold ? "equal to" : "below";
            default -> violatedWord;
        };
    }

    /** Word for a value that violates in a window ("above" for {@code <}), independent of one value. */
    String windowViolatedWord() {
        return violatedWord;
    }

    /** The operator with this symbol or word (lt, le, gt, ge, eq, ne), or null. */
    static Operator parse(String text) {
        String t = text.trim();
        for (Operator op : values()) {
            if (op.symbol.equals(t) || op.name().equalsIgnoreCase(t)) {
                return op;
            }
        }
        return null;
    }

    static String list() {
        return "<, <=, >, >=, ==, !=";
    }
}
