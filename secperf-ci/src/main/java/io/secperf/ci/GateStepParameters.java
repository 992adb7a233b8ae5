package io.secperf.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of {@code secPerfGate}, the release guard, in its two forms: re-check a recorded verdict
 * ({@code require}, optional {@code build}), or merge result files from the workspace and evaluate gates over them
 * ({@code results}, {@code gates}).
 *
 * @param require  "passed" or "validatedBoth": what a recorded verdict must show
 * @param build    which build's verdict: "job/path" (its last completed build) or "job/path#42"; default this build
 * @param results  Ant glob(s) of result files in the workspace, comma separated
 * @param gates    gate list for the merged results (required with {@code results})
 * @param failOn   FAILURE (default), UNSTABLE or NEVER, for the merged form
 * @param out      workspace directory for the merged result; default {@value #DEFAULT_OUT}
 * @param jdk      JDK tool name for the runner (merged form); optional
 */
public record GateStepParameters(String require, String build, String results, String gates, String failOn,
                                 String out, String jdk) {

    public static final String FUNCTION = "secPerfGate";
    public static final Set<String> NAMES = Set.of("require", "build", "results", "gates", "failOn", "out", "jdk");
    public static final String DEFAULT_OUT = "secperf-merged";

    public GateStepParameters {
        require = TestStepParameters.blankToNull(require);
        build = TestStepParameters.blankToNull(build);
        results = TestStepParameters.blankToNull(results);
        gates = TestStepParameters.blankToNull(gates);
        failOn = TestStepParameters.blankToNull(failOn);
        out = TestStepParameters.blankToNull(out) == null ? DEFAULT_OUT : out.strip();
        jdk = TestStepParameters.blankToNull(jdk);
    }

    /** True for the form that merges result files and evaluates gates on the agent. */
    public boolean mergesResults() {
        return results != null;
    }

    public List<Check> checkAll() {
        List<Check> checks = new ArrayList<>();
        if (results == null && require == null) {
            checks.add(Check.error("give require: 'passed' or 'validatedBoth' (re-check a recorded verdict), or results "
                    + "and gates (merge result files and evaluate)"));
        }
        if (results != null && require != null) {
            checks.add(Check.error("give either require (recorded verdict) or results (merge and evaluate), not both"));
        }
        if (results != null) {
            checks.add(WorkspacePaths.checkPattern(results, "results"));
            checks.add(gates == null ? Check.error("results needs gates to evaluate over the merged result")
                    : TestStepParameters.checkGates(gates));
            checks.add(TestStepParameters.checkOut(out));
        } else {
            if (gates != null) {
                checks.add(Check.error("gates are evaluated only with results; a recorded verdict is re-checked as is"));
            }
            checks.add(checkRequire(require));
            checks.add(checkBuild(build));
        }
        checks.add(TestStepParameters.checkFailOn(failOn));
        return checks.stream().filter(c -> c.level() != Check.Level.OK).toList();
    }

    public String errors() {
        List<String> errors = checkAll().stream().filter(Check::isError).map(Check::message).toList();
        return errors.isEmpty() ? null : FUNCTION + ": " + String.join("; ", errors);
    }

    public static Check checkRequire(String require) {
        if (TestStepParameters.blankToNull(require) == null) {
            return Check.ok();
        }
        try {
            Requirement.parse(require);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(e.getMessage());
        }
    }

    public static Check checkBuild(String build) {
        if (TestStepParameters.blankToNull(build) == null) {
            return Check.ok();
        }
        try {
            BuildReference.parse(build);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(e.getMessage());
        }
    }

    /** What a recorded verdict must show for {@code secPerfGate} to let the pipeline go on. */
    public enum Requirement {
        /** The verdict is PASSED. */
        PASSED,
        /** The verdict is PASSED and at least one performance and one security gate were evaluated. */
        VALIDATED_BOTH;

        public static Requirement parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "passed" -> PASSED;
                case "validatedboth", "validated_both", "validated-both" -> VALIDATED_BOTH;
                default -> throw new IllegalArgumentException("require must be 'passed' or 'validatedBoth', was '"
                        + (text == null ? "" : text.strip()) + "'");
            };
        }
    }
}
