package io.secperf.cli;

import java.time.Duration;
import java.util.Locale;

import io.secperf.security.Durations;

/**
 * The one duration syntax of the command line ({@code --duration}, {@code --warmup}): a whole number with a unit as in
 * security.yaml ({@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}), or a plain number of seconds. Rounded up to whole
 * seconds, because JMeter's thread groups count whole seconds (what is printed is what runs).
 */
final class DurationText {

    static final Duration MAX = Duration.ofHours(24 * 7);

    private DurationText() {
    }

    /** The duration, or a usage error naming the option and the accepted forms. */
    static Duration parse(String option, String text, boolean zeroAllowed) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Duration value;
        try {
            value = trimmed.matches("[0-9]{1,9}") ? Duration.ofSeconds(Long.parseLong(trimmed))
                    : Durations.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw usage(option, text, zeroAllowed);
        }
        Duration whole = Duration.ofSeconds((value.toMillis() + 999) / 1000);
        if (whole.compareTo(MAX) > 0 || (!zeroAllowed && whole.isZero())) {
            throw usage(option, text, zeroAllowed);
        }
        return whole;
    }

    private static CommandFailure usage(String option, String text, boolean zeroAllowed) {
        return new CommandFailure(ExitCode.USAGE_OR_INPUT, option + " must be a " + (zeroAllowed ? "" : "positive ")
                + "duration such as 300, 90s, 5m or 1h (a plain number is seconds; at most 7 days), was '" + text
                + "'");
    }
}
