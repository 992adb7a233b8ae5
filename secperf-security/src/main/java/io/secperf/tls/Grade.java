package io.secperf.tls;

import java.util.List;

/**
 * An SSL-Labs-style grade: a 0-100 score (protocol 30 %, key exchange 30 %, cipher strength 40 %) mapped to a
 * letter, then capped by rules. Letters from best to worst: A+, A, A-, B, C, D, E, F; T (certificate not trusted)
 * and M (certificate name mismatch) replace the letter whatever it was.
 *
 * @param letter              the final grade
 * @param score               the numeric score before caps
 * @param letterIgnoringTrust the grade if the certificate were trusted and matched (what SSL Labs shows next to T)
 * @param caps                every cap that applied, "B: TLS 1.0 accepted (SSL Labs 2020)" ...
 * @param warnings            issues that lower A to A- (SSL Labs "warnings")
 * @param provisional         the probe did not finish (the server left hellos unanswered, or a limit hit): the grade
 *                            rests on what was seen and may change once everything is answered
 */
public record Grade(String letter, int score, String letterIgnoringTrust, List<String> caps, List<String> warnings,
                    boolean provisional) {

    /** Grades in order from best to worst, T and M last: the order gates compare by. */
    public static final List<String> ORDER = List.of("A+", "A", "A-", "B", "C", "D", "E", "F", "M", "T");

    public Grade {
        caps = List.copyOf(caps);
        warnings = List.copyOf(warnings);
    }

    /** A final grade. */
    public Grade(String letter, int score, String letterIgnoringTrust, List<String> caps, List<String> warnings) {
        this(letter, score, letterIgnoringTrust, caps, warnings, false);
    }

    /** The same grade, marked provisional. */
    public Grade asProvisional() {
        return new Grade(letter, score, letterIgnoringTrust, caps, warnings, true);
    }

    /** "A", or "A (provisional)". */
    public String display() {
        return provisional ? letter + " (provisional)" : letter;
    }

    /** True if {@code letter} is at least as good as {@code other} in {@link #ORDER}. */
    public static boolean atLeast(String letter, String other) {
        return ORDER.indexOf(letter) >= 0 && ORDER.indexOf(letter) <= ORDER.indexOf(other);
    }
}
