package io.secperf.gate;

import java.util.Locale;

/**
 * SSL-Labs-style TLS grades, ordered from worst to best so that {@code tls.grade >= A} reads naturally. T (certificate
 * not trusted) and M (certificate name mismatch) rank below F: clients refuse such a server outright.
 */
public enum Grade {
    M("M"), T("T"), F("F"), E("E"), D("D"), C("C"), B("B"), A_MINUS("A-"), A("A"), A_PLUS("A+");

    private final String text;

    Grade(String text) {
        this.text = text;
    }

    /** The grade as written, e.g. "A-". */
    public String text() {
        return text;
    }

    /** Position in the order (0 = M, 9 = A+); the number gates compare. */
    public int rank() {
        return ordinal();
    }

    /** The grade written as text (case-insensitive), or null when it is not a grade. */
    public static Grade parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (Grade grade : values()) {
            if (grade.text.equals(upper)) {
                return grade;
            }
        }
        return null;
    }

    static Grade ofRank(double rank) {
        int index = (int) Math.round(rank);
        return index >= 0 && index < values().length && index == rank ? values()[index] : null;
    }

    /** All grades as written, best first, for error messages. */
    static String list() {
        StringBuilder sb = new StringBuilder();
        for (int i = values().length - 1; i >= 0; i--) {
            sb.append(values()[i].text).append(i > 0 ? ", " : "");
        }
        return sb.toString();
    }
}
