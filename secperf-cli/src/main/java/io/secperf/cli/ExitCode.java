package io.secperf.cli;

/**
 * The documented process exit codes of {@code secperf}. CI systems and the Jenkins steps branch on them, so each
 * outcome has its own code and the numbers never change meaning (docs/cli.md lists them).
 */
public enum ExitCode {
    /** The command did what was asked; for runs with gates: all gates passed. */
    OK(0),
    /** At least one gate with criticality "failure" failed: the release is blocked. */
    GATES_FAILED(1),
    /** Only gates marked "as unstable" failed. */
    GATES_UNSTABLE(2),
    /** The security preflight found critical problems and {@code preflight: abort} stopped the run before load. */
    PREFLIGHT_ABORTED(3),
    /** Bad usage or bad input: unknown option, missing or malformed plan, unreadable JTL, gate syntax error. */
    USAGE_OR_INPUT(4),
    /** Infrastructure: target unreachable, runner crashed, output directory not writable. */
    INFRASTRUCTURE(5),
    /** Stopped by Ctrl-C / SIGTERM; the results measured so far were written. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
