package io.secperf.ci;

import java.util.Locale;

/** What the security preflight does when it finds critical problems before any load is sent. */
public enum Preflight {
    /** Stop before load (exit code 3); the step reports a failed verdict. */
    ABORT,
    /** Report the problems and run the load anyway. */
    WARN,
    /** Skip the preflight. */
    OFF;

    /** The value the command line takes ({@code --preflight abort}). */
    public String cliValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "abort", "warn", "off" (any case); null or blank gives null (the command line's default). */
    public static Preflight parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preflight must be abort, warn or off, was '" + text.trim() + "'");
        }
    }
}
