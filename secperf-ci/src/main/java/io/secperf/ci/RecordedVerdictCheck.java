package io.secperf.ci;

import java.util.Optional;

/**
 * The release guard's decision over a recorded verdict: may the pipeline go on to deploy? Fails with one line that
 * names the build the verdict came from and its failed gates, so whoever reads the blocked deploy knows where to look.
 */
public final class RecordedVerdictCheck {

    private RecordedVerdictCheck() {
    }

    /**
     * @param requirement what the verdict must show
     * @param summary     the recorded summary, null when the build recorded none
     * @param buildName   e.g. "perf/checkout #42", used in the message
     * @return empty when the guard lets the pipeline go on, else the reason it is blocked
     */
    public static Optional<String> check(GateStepParameters.Requirement requirement, ResultSummary summary,
                                         String buildName) {
        if (summary == null) {
            return Optional.of("release blocked: " + buildName + " recorded no secperf result");
        }
        if (summary.verdict() != Verdict.PASSED) {
            String gates = summary.failedGates().isEmpty() ? ""
                    : "; failed gates: " + String.join("; ", summary.failedGates());
            String why = summary.verdict() == Verdict.NOT_EVALUATED ? " (no gates were evaluated)" : "";
            return Optional.of("release blocked: secperf verdict of " + buildName + " is " + summary.verdict()
                    + why + gates);
        }
        if (requirement == GateStepParameters.Requirement.VALIDATED_BOTH && !summary.validatedBoth()) {
            return Optional.of("release blocked: " + buildName + " passed, but did not validate both performance "
                    + "and security (at least one gate of each kind must be evaluated)");
        }
        return Optional.empty();
    }
}
