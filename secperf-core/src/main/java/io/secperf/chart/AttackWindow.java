package io.secperf.chart;

import java.time.Instant;

/**
 * When attack traffic ran during a run, so per-run charts can shade it. The result document does not carry it yet
 * (the security samplers will add it); until then callers pass null.
 *
 * @param start first instant of attack traffic
 * @param end   last instant of attack traffic
 */
public record AttackWindow(Instant start, Instant end) {

    public AttackWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("attack window needs a start and an end");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("attack window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
