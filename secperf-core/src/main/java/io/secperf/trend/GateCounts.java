package io.secperf.trend;

/**
 * How many gates of one build ended in each outcome; what the gate trend chart stacks per build.
 *
 * @param passed       gates that passed
 * @param unstable     gates marked "as unstable" that failed
 * @param failed       gates that failed with criticality failure
 * @param notEvaluated gates that could not be evaluated (e.g. no reference build yet)
 */
public record GateCounts(int passed, int unstable, int failed, int notEvaluated) {

    /** No gates. */
    public static final GateCounts NONE = new GateCounts(0, 0, 0, 0);

    public GateCounts {
        if (passed < 0 || unstable < 0 || failed < 0 || notEvaluated < 0) {
            throw new IllegalArgumentException("gate counts must not be negative");
        }
    }

    /** All gates together. */
    public int total() {
        return passed + unstable + failed + notEvaluated;
    }
}
