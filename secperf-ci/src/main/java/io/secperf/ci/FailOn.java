package io.secperf.ci;

import java.util.Locale;

/**
 * From which verdict a CI step fails (and stops the pipeline, blocking the release). Warnings NG-like semantics: an
 * unstable verdict never hides a failure, and NEVER only records.
 */
public enum FailOn {
    /** Failed gates fail the step; unstable gates mark the build and stage UNSTABLE. The default. */
    FAILURE,
    /** Failed or unstable gates fail the step. */
    UNSTABLE,
    /** Never fail or mark the build because of gates: only record the verdict. */
    NEVER;

    /** Parses "FAILURE", "unstable", "never"; null or blank gives the default FAILURE. */
    public static FailOn parse(String text) {
        if (text == null || text.isBlank()) {
            return FAILURE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failOn must be FAILURE, UNSTABLE or NEVER, was '" + text.trim() + "'");
        }
    }
}
