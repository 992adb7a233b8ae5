package io.secperf.ci;

import java.util.List;
import java.util.Optional;

/**
 * Picks the reference build for relative gates ({@code p95 regression < 10%}): the newest earlier build whose verdict
 * PASSED. As in Warnings NG, a failing build never becomes the baseline, so a slow regression cannot lower the bar a
 * build at a time.
 */
public final class ReferenceSelection {

    /** Older builds than this are not searched (each look costs reading a small summary). */
    public static final int MAX_SEARCH = 50;

    /**
     * @param buildNumber the build
     * @param verdict     its recorded verdict
     */
    public record Candidate(int buildNumber, Verdict verdict) {
    }

    private ReferenceSelection() {
    }

    /** @param newestFirst earlier builds that recorded a result, newest first */
    public static Optional<Candidate> pick(List<Candidate> newestFirst) {
        int seen = 0;
        for (Candidate c : newestFirst) {
            if (++seen > MAX_SEARCH) {
                break;
            }
            if (c.verdict() == Verdict.PASSED) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
