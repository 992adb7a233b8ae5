package io.secperf.ci;

/**
 * The documented exit codes of {@code secperf} (docs/cli.md), as the CI glue branches on them. Kept as numbers here
 * because the glue must not load the command line's classes; a test checks they match {@code io.secperf.cli.ExitCode}.
 */
public final class RunnerExit {
    public static final int OK = 0;
    public static final int GATES_FAILED = 1;
    public static final int GATES_UNSTABLE = 2;
    public static final int PREFLIGHT_ABORTED = 3;
    public static final int USAGE_OR_INPUT = 4;
    public static final int INFRASTRUCTURE = 5;
    public static final int INTERRUPTED = 130;
    public static final int TERMINATED = 143;

    private RunnerExit() {
    }

    /** One line saying what an exit code means, for the console and the step's error message. */
    public static String describe(int code) {
        return switch (code) {
            case OK -> "done";
            case GATES_FAILED -> "gates failed (release blocked)";
            case GATES_UNSTABLE -> "only gates marked 'as unstable' failed";
            case PREFLIGHT_ABORTED -> "the security preflight found critical problems and stopped the run before load";
            case USAGE_OR_INPUT -> "usage or input error (see the secperf: error: line above)";
            case INFRASTRUCTURE -> "infrastructure error: target unreachable, runner crashed or output not writable "
                    + "(see the secperf: error: line above)";
            case INTERRUPTED, TERMINATED -> "stopped; partial results were written";
            default -> "the runner ended with unexpected exit code " + code + " (killed or crashed JVM?)";
        };
    }
}
