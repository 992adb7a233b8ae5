package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory a command writes into, checked before any load is sent: finding out after a 30-minute run that the
 * results cannot be written would lose the run.
 */
final class OutputDirectory {

    static final String RESULT_FILE = "secperf-result.json";
    static final String SUMMARY_FILE = "summary.txt";

    private OutputDirectory() {
    }

    /** Creates the directory if needed and proves it is writable, or fails with the infrastructure exit code. */
    static Path prepare(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".secperf-write-check", ".tmp");
            Files.delete(probe);
            return absolute;
        } catch (IOException | SecurityException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                    "output directory " + absolute + " is not writable: " + describe(e));
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
