package io.secperf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.secperf.logscan.ServerLogScanner;
import io.secperf.result.ServerLogScan;
import picocli.CommandLine.Option;

/**
 * {@code --server-log GLOB}: the target's log files to scan after the run (post-test analysis: stack traces and
 * authentication failures). Globs are relative to the working directory and may not leave it; they are checked
 * before the run, so a typo costs no load test.
 */
final class ServerLogOptions {

    @Option(names = "--server-log", paramLabel = "GLOB",
            description = "after the run, scan these server log files (relative to the working directory, e.g. "
                    + "'logs/*.log'; repeatable) for stack traces and authentication failures")
    List<String> globs = new ArrayList<>();

    /** Refuses globs that leave the working directory; call before the run. */
    void check() {
        try {
            scanner().checkGlobs(globs);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--server-log: " + e.getMessage());
        }
    }

    /** The scan, or null when no globs were given. */
    ServerLogScan scan() {
        return globs.isEmpty() ? null : scanner().scan(globs);
    }

    private static ServerLogScanner scanner() {
        return new ServerLogScanner(Path.of("").toAbsolutePath());
    }
}
