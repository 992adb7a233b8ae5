package io.secperf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The directory a command writes into, checked before any load is sent: finding out after a 30-minute run that the
 * results cannot be written would lose the run.
 */
final class OutputDirectory {

    static final String RESULT_FILE = "secperf-result.json";
    static final String SUMMARY_FILE = "summary.txt";
    /** Names the command that owns a directory's results when that is {@code gate} (see {@link #claim}). */
    static final String OWNER_FILE = ".secperf-owner";

    private OutputDirectory() {
    }

    /**
     * Creates the directory if needed and proves it is writable, or fails with the infrastructure exit code. The
     * caller writes its results here: a {@code gate}'s ownership mark, if any, no longer holds.
     */
    static Path prepare(Path dir) {
        Path absolute = writable(dir);
        try {
            Files.deleteIfExists(absolute.resolve(OWNER_FILE));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                    "output directory " + absolute + " is not writable: " + describe(e));
        }
        return absolute;
    }

    /**
     * For {@code gate} and {@code report}, which write from results that already exist: a directory holding another
     * command's result (a secperf-result.json that is not one of the inputs and that an earlier {@code gate} did not
     * write) is refused unless {@code force}, so a run's outputs are never replaced silently.
     *
     * @param command the command, "gate" (it then owns the directory) or "report" (it writes next to a result)
     * @param inputs  the result files the command reads
     */
    static Path claim(Path dir, String command, Collection<Path> inputs, boolean force) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute.resolve(RESULT_FILE);
        boolean input = inputs.stream().anyMatch(in -> in.toAbsolutePath().normalize().equals(existing));
        if (!force && Files.isRegularFile(existing) && !input && !"gate".equals(owner(absolute))) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, absolute + " holds the results of another command ("
                    + RESULT_FILE + " and its report); write to another directory with --out DIR, or replace them"
                    + " with --force");
        }
        Path prepared = writable(dir);
        if ("gate".equals(command)) {
            try {
                Files.writeString(prepared.resolve(OWNER_FILE), command + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                        "output directory " + absolute + " is not writable: " + describe(e));
            }
        }
        return prepared;
    }

    private static String owner(Path dir) {
        try {
            return Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path writable(Path dir) {
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
