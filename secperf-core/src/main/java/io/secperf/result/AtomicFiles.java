package io.secperf.result;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a torn file: the
 * content goes to a temporary file in the same directory, is forced to disk, and then atomically renamed. A failure
 * at any point leaves the old file untouched and removes the temporary file. The one write helper for every file
 * secperf writes (result, summary, JUnit XML, report, charts, JTL, history): a new file gets the mode the umask
 * gives, a replaced file keeps its mode (docs/cli.md, "Files and atomicity").
 */
public final class AtomicFiles {

    /** Produces the file content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Suffix of the temporary file of {@link #write}. */
    public static final String TEMP_SUFFIX = ".tmp";
    /** {@code .NAME.PID-RANDOM.tmp|partial}, or an older version's {@code .NAME.DIGITS.partial}. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.(\\d+)(?:-[0-9a-z]+\\.(?:tmp|partial)|\\.partial)");

    private AtomicFiles() {
    }

    /**
     * Atomically replaces {@code file} with the given content, creating missing parent directories.
     *
     * @throws IOException with a one-line message naming the file and the cause
     */
    public static void write(Path file, Content content) throws IOException {
        try (Pending pending = begin(file, TEMP_SUFFIX)) {
            try {
                content.writeTo(pending.stream());
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + describe(e), e);
            }
            pending.commit();
        }
    }

    /**
     * Starts writing {@code file} for content that arrives over time (a JTL during a run): the bytes go to a hidden
     * temporary file {@code .NAME.PID-RANDOM.SUFFIX} next to it, created like any new file (its mode follows the
     * umask; a file being replaced keeps its mode), and reach the name only on {@link Pending#commit()}. The PID in
     * the name lets a later run remove what a killed one left ({@link #removeStale}).
     *
     * @param suffix {@code .tmp} or {@code .partial}
     * @throws IOException with a one-line message naming the file and the cause
     */
    public static Pending begin(Path file, String suffix) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemp(dir, target.getFileName().toString(), suffix);
            keepPermissions(temp, target);
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return new PendingFile(file, target, temp, channel);
        } catch (IOException e) {
            if (temp != null) {
                deleteQuietly(temp);
            }
            throw new IOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /**
     * Removes temporary files that secperf processes which no longer run left in {@code dir} (a SIGKILL gives no
     * chance to clean up): names {@code .NAME.PID-RANDOM.tmp|partial} whose PID is not a live process, and the
     * {@code .NAME.DIGITS.partial} files of earlier versions. Never touches anything else.
     *
     * @return the files removed
     */
    public static List<Path> removeStale(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*")) {
            for (Path entry : entries) {
                Matcher m = TEMP_NAME.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !alive(m.group(1))) {
                    try {
                        Files.deleteIfExists(entry);
                        removed.add(entry);
                    } catch (IOException ignored) {
                        // not ours to fight over: left for the user
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable directory has nothing we could remove
        }
        return removed;
    }

    private static boolean alive(String pidText) {
        try {
            long pid = Long.parseLong(pidText);
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false; // an old random number, not a process id
        }
    }

    /**
     * A file being written ({@link #begin}): a handle on a temporary file, not a value. {@link #close()} without
     * {@link #commit()} removes the temporary file.
     */
    public interface Pending extends Closeable {

        /** Where the content goes until {@link #commit()}; not buffered. */
        OutputStream stream();

        /** The hidden temporary file {@code .NAME.PID-RANDOM.SUFFIX}. */
        Path temp();

        /** Forces the content to disk and atomically renames it to the file's name, replacing an existing file. */
        void commit() throws IOException;

        /**
         * As {@link #commit()}, but only when no file of that name exists (a hard link, so two writers never
         * overwrite each other).
         *
         * @return false, with the temporary file removed, when the name was taken
         */
        boolean commitIfAbsent() throws IOException;

        /** Removes the temporary file unless committed. Idempotent. */
        @Override
        void close();
    }

    private static final class PendingFile implements Pending {
        private final Path file;
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream stream;
        private boolean done;

        private PendingFile(Path file, Path target, Path temp, FileChannel channel) {
            this.file = file;
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.stream = Channels.newOutputStream(channel);
        }

        /** Where the content goes until {@link #commit()}; not buffered. */
        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public Path temp() {
            return temp;
        }

        /** Forces the content to disk and atomically renames it to the file's name, replacing an existing file. */
        @Override
        public void commit() throws IOException {
            publish(true);
        }

        /**
         * As {@link #commit()}, but only when no file of that name exists (a hard link, so two writers never
         * overwrite each other).
         *
         * @return false, with the temporary file removed, when the name was taken
         */
        @Override
        public boolean commitIfAbsent() throws IOException {
            return publish(false);
        }

        private boolean publish(boolean replace) throws IOException {
            try {
                stream.flush();
                channel.force(true);
                channel.close();
                if (replace) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    try {
                        Files.createLink(target, temp);
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    } catch (UnsupportedOperationException | IOException e) {
                        if (Files.exists(target)) {
                            return false;
                        }
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                        done = true;
                        return true;
                    }
                    deleteQuietly(temp);
                }
                done = true;
                return true;
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + describe(e), e);
            }
        }

        /** Removes the temporary file unless committed. Idempotent. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the temporary file goes anyway
                }
                deleteQuietly(temp);
            }
        }
    }

    /**
     * A temporary file next to the target, created like any new file (its mode follows the user's umask, as a plain
     * {@code >} redirect would; {@code Files.createTempFile} would make it 0600 whatever the umask).
     */
    private static Path createTemp(Path dir, String name, String suffix) throws IOException {
        String prefix = "." + name + "." + ProcessHandle.current().pid() + "-";
        for (int attempt = 1; ; attempt++) {
            Path candidate = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** The file being replaced keeps its permissions. No-op without POSIX permissions or without an old file. */
    private static void keepPermissions(Path temp, Path target) throws IOException {
        if (Files.exists(target)
                && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory (" + n.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException f) {
            return (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason()) + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
