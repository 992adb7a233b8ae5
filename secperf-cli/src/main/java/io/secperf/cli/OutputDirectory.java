package io.secperf.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    /** Holds the PID of the run writing the directory (empty when none). */
    static final String LOCK_FILE = ".secperf.lock";

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

    /**
     * Takes the output directory for this process: two runs writing the same directory would overwrite each other's
     * results silently and mix their jmeter.log. The lock is the operating system's ({@code .secperf.lock}, holding
     * the PID), so a killed run's lock is released with it and the next run takes it over, saying so on {@code out}.
     *
     * @throws CommandFailure (usage) naming the PID of the run that holds the directory
     */
    static Lock lock(Path dir, java.io.PrintStream out) {
        Path file = dir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it already (tests running two commands at once)
            }
            String previous = read(channel);
            if (lock == null) {
                channel.close();
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "output directory " + dir + " is in use by another "
                        + "secperf run (PID " + (previous.isEmpty() ? "unknown" : previous) + "); wait for it to end "
                        + "or give this run another --out");
            }
            if (!previous.isEmpty() && !previous.equals(Long.toString(ProcessHandle.current().pid()))) {
                out.println("secperf: note: " + dir + " was locked by PID " + previous + ", which no longer runs; "
                        + "taking it over");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new Lock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "cannot lock output directory " + dir + ": "
                    + describe(e), e);
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }

    /** The held lock; {@link #close()} empties the lock file (a clean end leaves no PID) and releases it. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                channel.truncate(0);
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases the lock anyway
            }
            closeQuietly(channel);
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
