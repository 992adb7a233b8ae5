package io.secperf.result;

import java.time.Instant;

/**
 * When one bounded attack routine ran during a load (one sample of secperf's attack sampler: its start and end), so
 * the resilience comparison knows which seconds of legitimate traffic were under attack and the run charts can shade
 * them. Stored in the result document ({@code security.attackWindows}); merged documents keep every window.
 *
 * @param start          first instant of attack traffic
 * @param end            last instant of attack traffic
 * @param kind           which attack: {@code sessions}, {@code flood}, {@code slowHeaders}, or the sample's label
 * @param handshakes     TLS handshakes the attack made (session flood only); null when not measured
 * @param handshakeCpuMs client CPU time spent in those handshakes, ms; null when not measured
 */
public record AttackWindow(Instant start, Instant end, String kind, Long handshakes, Double handshakeCpuMs) {

    public AttackWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("attack window needs a start and an end");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("attack window ends (" + end + ") before it starts (" + start + ")");
        }
        kind = kind == null || kind.isBlank() ? "attack" : kind;
        // Jackson would write NaN or Infinity as a string where the schema promises a number
        if (handshakes != null && handshakes < 0) {
            throw new IllegalArgumentException("attack window: handshakes must not be negative, was " + handshakes);
        }
        if (handshakeCpuMs != null && !(handshakeCpuMs >= 0 && handshakeCpuMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("attack window: handshakeCpuMs must be a finite number >= 0, was "
                    + handshakeCpuMs);
        }
    }

    /** A window of unknown kind without handshake measurements. */
    public AttackWindow(Instant start, Instant end) {
        this(start, end, null, null, null);
    }

    /** A window of the given kind without handshake measurements. */
    public AttackWindow(Instant start, Instant end, String kind) {
        this(start, end, kind, null, null);
    }
}
