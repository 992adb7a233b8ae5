package io.secperf.result;

/**
 * The verdict of a gate list over one result: what a CI build maps to success, unstable or failure, and what the
 * trend "share of builds validating both performance and security criteria" counts.
 *
 * @param status        PASSED, UNSTABLE or FAILED (a failure is never downgraded by an unstable gate)
 * @param validatedBoth at least one performance and one security gate were evaluated, and every evaluated gate passed
 * @param gates         number of gates
 * @param passed        gates that passed
 * @param unstable      gates violated with criticality "unstable"
 * @param failed        gates violated with criticality "failure"
 * @param notEvaluated  gates that could not be evaluated (no reference, optional metric not measured)
 * @param reference     the reference result relative gates compared against, as a path or name; null if none
 * @param stoppedBy     the gate that stopped the load early, in canonical form; null when no gate stopped it
 * @param summary       one line for people, e.g. "FAILED: 1 of 5 gates failed (p95 < 800ms)"
 */
public record GateVerdict(VerdictStatus status, boolean validatedBoth, int gates, int passed, int unstable,
                          int failed, int notEvaluated, String reference, String stoppedBy, String summary) {

    public GateVerdict {
        if (status == null) {
            throw new IllegalArgumentException("verdict status is required");
        }
    }
}
