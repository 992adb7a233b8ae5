package io.secperf.augment;

import java.util.Locale;

/**
 * What a failing preflight check does to the load test. The names are the command line's and the Jenkins steps'
 * ({@code --preflight abort|warn|off}), so they are parsed case-insensitively and never renamed.
 */
public enum PreflightMode {
    /** A failed preflight sample (a finding at or above its failure severity, CRITICAL by default) stops the test
     * before the load starts: performance is only measured on a target that passed its security preflight. */
    ABORT,
    /** The preflight runs and reports; the load runs whatever it found. */
    WARN,
    /** No preflight is injected. */
    OFF;

    /** The command-line spelling: {@code abort}, {@code warn} or {@code off}. */
    public String cliValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PreflightMode parse(String text) {
        if (text != null) {
            for (PreflightMode mode : values()) {
                if (mode.cliValue().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("preflight must be abort, warn or off, was '" + text + "'");
    }
}
