package io.secperf.trend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import io.secperf.result.AtomicFiles;

/**
 * The build history outside Jenkins: a directory of small {@link BuildSummary} files named {@code <number>.json}
 * ({@code 1.json}, {@code 2.json}, ...). {@code secperf run --history DIR} appends one per run; trends read the last
 * N. Reading never touches result documents or samples, and only the newest N files are opened, so a long history
 * stays cheap.
 */
public final class History {

    /** How many builds trends show unless told otherwise. */
    public static final int DEFAULT_LIMIT = 50;

    /** A summary is a few hundred bytes; anything much larger in the directory is not one. */
    static final long MAX_SUMMARY_BYTES = 64 * 1024;

    private static final String SUFFIX = ".json";
    private static final int MAX_APPEND_ATTEMPTS = 1000;

    private final Path directory;

    /** A history in this directory (created by the first append). */
    public History(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /**
     * What {@link #last} found: the summaries, oldest first, and one line per file that had to be skipped (damaged,
     * unreadable, of another version), so one bad file does not hide the whole trend.
     */
    public record Entries(List<BuildSummary> builds, List<String> skipped) {
        public Entries {
            builds = List.copyOf(builds);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Stores the summary as the next build: number = highest number present + 1 (1 for an empty history), build
     * label = that number. The file appears complete or not at all, and an existing build is never overwritten, even
     * when two processes append at the same moment (each gets its own number).
     *
     * @return the stored summary (with its build label)
     * @throws IOException with a one-line message naming the directory and the cause
     */
    public BuildSummary append(BuildSummary summary) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create history directory " + directory + ": " + describe(e), e);
        }
        long number = highestNumber() + 1;
        for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++, number++) {
            BuildSummary numbered = summary.withBuild(Long.toString(number));
            if (publish(directory.resolve(number + SUFFIX), BuildSummaries.toJson(numbered))) {
                return numbered;
            }
        }
        throw new IOException("cannot append to history " + directory + ": no free build number after "
                + MAX_APPEND_ATTEMPTS + " attempts");
    }

    /**
     * The newest {@code limit} builds, oldest first. A missing directory is an empty history.
     *
     * @throws IllegalArgumentException when limit is not positive
     * @throws IOException              when the directory exists but cannot be listed
     */
    public Entries last(int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("the number of builds must be at least 1, was " + limit);
        }
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new IOException("history " + directory + " is not a directory");
            }
            return new Entries(List.of(), List.of());
        }
        PriorityQueue<Long> newest = new PriorityQueue<>();
        forEachNumber(number -> {
            newest.add(number);
            if (newest.size() > limit) {
                newest.poll();
            }
        });
        List<Long> numbers = new ArrayList<>(newest);
        numbers.sort(null);
        List<BuildSummary> builds = new ArrayList<>(numbers.size());
        List<String> skipped = new ArrayList<>();
        for (long number : numbers) {
            Path file = directory.resolve(number + SUFFIX);
            try {
                builds.add(read(file).withBuild(Long.toString(number)));
            } catch (IllegalArgumentException e) {
                skipped.add(e.getMessage());
            } catch (IOException e) {
                skipped.add(file + ": cannot read: " + describe(e));
            }
        }
        return new Entries(builds, skipped);
    }

    /** The newest {@value #DEFAULT_LIMIT} builds. */
    public Entries last() throws IOException {
        return last(DEFAULT_LIMIT);
    }

    private static BuildSummary read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_SUMMARY_BYTES + 1);
            if (bytes.length > MAX_SUMMARY_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_SUMMARY_BYTES
                        + " bytes, not a build summary");
            }
            return BuildSummaries.fromJson(bytes, file.toString());
        }
    }

    private long highestNumber() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long[] highest = {0};
        forEachNumber(number -> highest[0] = Math.max(highest[0], number));
        return highest[0];
    }

    private interface NumberConsumer {
        void accept(long number);
    }

    private void forEachNumber(NumberConsumer consumer) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path entry : entries) {
                long number = buildNumber(entry.getFileName().toString());
                if (number > 0) {
                    consumer.accept(number);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list history " + directory + ": " + describe(e), e);
        }
    }

    /** The number in "17.json", or -1 for any other name (temporary files, notes, "017.json"). */
    static long buildNumber(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return -1;
        }
        String digits = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 18 || digits.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    /**
     * Writes the bytes to a temporary file, forces them to disk and links the file under the target name, which
     * fails instead of replacing an existing file; so the target appears complete and is never overwritten.
     *
     * @return false when the target already exists
     */
    private boolean publish(Path target, byte[] content) throws IOException {
        try (AtomicFiles.Pending pending = AtomicFiles.begin(target, AtomicFiles.TEMP_SUFFIX)) {
            pending.stream().write(content);
            return pending.commitIfAbsent();
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory (" + n.getFile() + ")";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
