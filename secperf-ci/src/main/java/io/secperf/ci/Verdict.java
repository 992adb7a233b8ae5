package io.secperf.ci;

import java.util.Locale;

/**
 * The gate verdict as CI sees it. Read from the result document by name (its gate model may grow), so a document of
 * a newer secperf still maps: an unknown name counts as FAILED, never as a pass.
 */
public enum Verdict {
    PASSED, UNSTABLE, FAILED, NOT_EVALUATED;

    /** The verdict with this name; null or blank gives NOT_EVALUATED; anything unknown gives FAILED. */
    public static Verdict parse(String text) {
        if (text == null || text.isBlank()) {
            return NOT_EVALUATED;
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "PASSED", "PASS" -> PASSED;
            case "UNSTABLE" -> UNSTABLE;
            case "NOT_EVALUATED" -> NOT_EVALUATED;
            default -> FAILED;
        };
    }
}
