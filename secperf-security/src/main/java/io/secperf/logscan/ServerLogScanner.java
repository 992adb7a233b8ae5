package io.secperf.logscan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.secperf.result.ServerLogScan;
import io.secperf.security.LeakDetector;

/**
 * The server side of the post-test analysis: scans the target's own log files after a run for stack traces (the
 * platforms {@link LeakDetector} knows: Java, Python, Node.js, Go, .NET, PHP, Ruby) and authentication/authorization
 * failures, and keeps the first few lines as evidence with secrets masked.
 *
 * <p>Built to be safe on whatever a CI job points it at:
 * <ul>
 *   <li><b>confined</b>: globs are relative to a base directory; a glob with {@code ..}, an absolute glob outside the
 *       base, or a file whose real path (after symlinks) lies outside it is refused, never read;</li>
 *   <li><b>bounded</b>: at most {@link #MAX_FILES} files, {@code maxBytesPerFile} per file and {@code maxTotalBytes}
 *       in all (the rest is skipped and the scan says "truncated"); lines are cut at {@link #MAX_LINE_CHARS}
 *       characters, so a 10 MB line without a line break costs no more memory than a short one;</li>
 *   <li><b>streaming</b>: files are read line by line, never whole; invalid UTF-8 is replaced, not fatal;</li>
 *   <li><b>no regex catastrophes</b>: every pattern is bounded (no nested quantifiers) and runs on one cut line.</li>
 * </ul>
 * A trace is counted once: a matching line starts a new trace only when more than {@link #TRACE_GAP_LINES} lines
 * passed since the last matching line (Python interleaves source lines with its {@code File ...} lines).
 */
public final class ServerLogScanner {

    /** Files per scan. */
    public static final int MAX_FILES = 100;
    /** Characters of a line that are looked at; the rest of a longer line is skipped. */
    public static final int MAX_LINE_CHARS = 8192;
    /** Default bytes read per file. */
    public static final long DEFAULT_MAX_BYTES_PER_FILE = 8L * 1024 * 1024;
    /** Default bytes read over all files. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /** Lines kept as evidence. */
    public static final int MAX_EVIDENCE = 5;
    /** Evidence lines are cut at this length. */
    public static final int MAX_EVIDENCE_CHARS = 300;
    /** Non-matching lines allowed inside one stack trace. */
    public static final int TRACE_GAP_LINES = 2;
    /** Files skipped (links leading outside, not regular files) that are named one by one in the notes, per glob. */
    static final int MAX_SKIP_NOTES = 5;
    /** Directory levels a glob may descend. */
    private static final int MAX_DEPTH = 8;

    private static final Pattern AUTH_FAILURE = Pattern.compile("(?i)(?:authentication failed|authentication failure"
            + "|auth failed|invalid (?:token|credentials|password|api key|jwt)|(?:token|jwt|session) (?:expired|invalid)"
            + "|expired token|unauthori[sz]ed|forbidden|access denied|login failed|bad credentials"
            + "|\" (?:401|403) |\\b(?:status|code|status_code)[=:] ?\"?(?:401|403)\\b)");

    private static final List<Map.Entry<Pattern, String>> SECRETS = List.of(
            Map.entry(Pattern.compile("(?i)\\b(authorization\\s*[:=]\\s*\"?(?:bearer|basic|digest|token)?\\s*)"
                    + "[^\\s,;\"']{1,4096}"), "$1****"),
            Map.entry(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{1,4096}"), "$1****"),
            Map.entry(Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,4096}\\.[A-Za-z0-9_-]{1,4096}\\.[A-Za-z0-9_-]{0,4096}"),
                    "****"),
            Map.entry(Pattern.compile("(?i)\\b((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?token"
                    + "|refresh[_-]?token|session(?:id)?|jsessionid|cookie|credentials?)[\"']?\\s{0,3}[=:]\\s{0,3}[\"']?)"
                    + "[^\\s,;&\"']{1,4096}"), "$1****"));

    private final Path base;
    private final long maxBytesPerFile;
    private final long maxTotalBytes;

    /** A scanner confined to {@code baseDirectory} with the default limits. */
    public ServerLogScanner(Path baseDirectory) {
        this(baseDirectory, DEFAULT_MAX_BYTES_PER_FILE, DEFAULT_MAX_TOTAL_BYTES);
    }

    /**
     * @param baseDirectory   globs are relative to it and files must lie inside it
     * @param maxBytesPerFile bytes read per file at most
     * @param maxTotalBytes   bytes read over all files at most
     */
    public ServerLogScanner(Path baseDirectory, long maxBytesPerFile, long maxTotalBytes) {
        if (maxBytesPerFile < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("log scan limits must be positive");
        }
        this.base = baseDirectory.toAbsolutePath().normalize();
        this.maxBytesPerFile = maxBytesPerFile;
        this.maxTotalBytes = maxTotalBytes;
    }

    /**
     * Scans the files the globs match (e.g. {@code logs/*.log}, {@code app/**}/{@code *.log}).
     *
     * @throws IllegalArgumentException when a glob escapes the base directory (names the glob)
     */
    public ServerLogScan scan(List<String> globs) {
        List<String> notes = new ArrayList<>();
        TreeSet<Path> files = new TreeSet<>();
        for (String glob : globs) {
            List<Path> matched = expand(glob, notes);
            if (matched.isEmpty()) {
                notes.add("server log glob '" + glob + "' matched no file under " + base);
            }
            files.addAll(matched);
        }
        List<Path> selected = new ArrayList<>(files);
        if (selected.size() > MAX_FILES) {
            notes.add(selected.size() + " files matched; only the first " + MAX_FILES + " were scanned");
            selected = selected.subList(0, MAX_FILES);
        }
        Totals totals = new Totals();
        for (Path file : selected) {
            if (totals.bytes >= maxTotalBytes) {
                totals.truncated = true;
                notes.add("total limit of " + maxTotalBytes + " bytes reached; " + base.relativize(file)
                        + " and later files were not scanned");
                break;
            }
            scanFile(file, totals, notes);
        }
        List<String> names = selected.stream().map(p -> base.relativize(p).toString()).toList();
        return new ServerLogScan(names, totals.bytes, totals.lines, totals.truncated, totals.traces,
                totals.byTechnology, totals.auth, totals.evidence, notes);
    }

    /**
     * Checks the globs without reading anything, so a command can refuse them before a run instead of after it.
     *
     * @throws IllegalArgumentException naming the first glob that is empty or escapes the base directory
     */
    public void checkGlobs(List<String> globs) {
        for (String glob : globs) {
            relativeGlob(glob);
        }
    }

    private List<Path> expand(String glob, List<String> notes) {
        String relative = relativeGlob(glob);
        // the directory part before the first segment with a glob character is walked from
        String[] segments = relative.split("/");
        Path start = base;
        int i = 0;
        while (i < segments.length - 1 && !hasGlobCharacter(segments[i])) {
            start = start.resolve(segments[i]);
            i++;
        }
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        PathMatcher matcher = matcher(glob, relative);
        Path realBase = realPath(base);
        List<Path> result = new ArrayList<>();
        int[] skipped = {0};
        int depth = relative.contains("**") ? MAX_DEPTH : segments.length - i;
        try (Stream<Path> walk = Files.walk(start, depth)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .filter(p -> matcher.matches(base.relativize(p)))
                    .forEach(p -> {
                        Path real = realPath(p);
                        if (real == null || realBase == null || !real.startsWith(realBase)
                                || !Files.isRegularFile(real)) {
                            // the notes go into the result document: a tree of links must not flood it
                            if (skipped[0]++ < MAX_SKIP_NOTES) {
                                notes.add(base.relativize(p) + " was skipped: it leads outside " + base
                                        + " or is not a regular file");
                            }
                        } else {
                            result.add(p);
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add("cannot list " + start + ": " + e.getMessage());
        }
        if (skipped[0] > MAX_SKIP_NOTES) {
            notes.add((skipped[0] - MAX_SKIP_NOTES) + " more files matching '" + glob + "' were skipped for the "
                    + "same reason");
        }
        return result;
    }

    /**
     * The matcher of a relative glob. Built by {@link #relativeGlob} too, so that a syntax error (an unclosed
     * {@code [} or <code>{</code>) is refused by {@link #checkGlobs} before the run, not thrown after it.
     */
    private static PathMatcher matcher(String glob, String relative) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + relative);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server log glob '" + glob + "' is not a valid glob: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The glob relative to the base directory, '/'-separated; refuses globs that could leave it or do not parse. */
    private String relativeGlob(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty server log glob");
        }
        String normalized = glob.replace('\\', '/');
        for (String segment : normalized.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("server log glob '" + glob + "' escapes the base directory "
                        + base + " ('..' is not allowed)");
            }
        }
        String relative = normalized;
        if (normalized.startsWith("/") || (normalized.length() > 1 && normalized.charAt(1) == ':')) {
            String prefix = base.toString().replace('\\', '/');
            if (!normalized.startsWith(prefix + "/")) {
                throw new IllegalArgumentException("server log glob '" + glob + "' escapes the base directory "
                        + base);
            }
            relative = normalized.substring(prefix.length() + 1);
        }
        matcher(glob, relative);
        return relative;
    }

    private static boolean hasGlobCharacter(String segment) {
        return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static final class Totals {
        long bytes;
        long lines;
        boolean truncated;
        long traces;
        long auth;
        final Map<String, Long> byTechnology = new TreeMap<>();
        final List<String> evidence = new ArrayList<>();
    }

    /** Counts the bytes read, so the limit holds whatever the reader buffers. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private final long limit;
        long count;

        CountingStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private void scanFile(Path file, Totals totals, List<String> notes) {
        String name = base.relativize(file).toString();
        long limit = Math.min(maxBytesPerFile, maxTotalBytes - totals.bytes);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            notes.add("cannot read " + name + ": " + e.getMessage());
            return;
        }
        try (CountingStream counting = new CountingStream(Files.newInputStream(file), limit);
             Reader reader = new InputStreamReader(counting, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPLACE)
                     .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder(256);
            long lineNumber = 0;
            long lastTraceLine = Long.MIN_VALUE / 2;
            boolean overflow = false;
            int n;
            while (true) {
                n = reader.read(buffer);
                int startOfChunk = 0;
                for (int i = 0; i < Math.max(n, 0); i++) {
                    if (buffer[i] == '\n') {
                        lineNumber++;
                        lastTraceLine = line(name, lineNumber, strip(line), totals, lastTraceLine);
                        line.setLength(0);
                        overflow = false;
                    } else if (!overflow) {
                        if (line.length() < MAX_LINE_CHARS) {
                            line.append(buffer[i]);
                        } else {
                            overflow = true;
                        }
                    }
                }
                if (n < 0) {
                    break;
                }
            }
            if (line.length() > 0) {
                lineNumber++;
                line(name, lineNumber, strip(line), totals, lastTraceLine);
            }
            totals.lines += lineNumber;
            totals.bytes += counting.count;
            if (counting.count < size) {
                totals.truncated = true;
                notes.add(String.format(Locale.ROOT, "%s: only the first %d of %d bytes were scanned (limit)", name,
                        counting.count, size));
            }
        } catch (IOException e) {
            notes.add("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /** Looks at one line; returns the number of the last stack-trace line seen. */
    private static long line(String file, long number, String text, Totals totals, long lastTraceLine) {
        if (text.isEmpty()) {
            return lastTraceLine;
        }
        Optional<LeakDetector.Leak> leak = LeakDetector.scan(text);
        if (leak.isPresent() && leak.get().kind() == LeakDetector.Kind.STACK_TRACE) {
            if (number - lastTraceLine > TRACE_GAP_LINES + 1) {
                totals.traces++;
                totals.byTechnology.merge(leak.get().technology(), 1L, Long::sum);
                evidence(totals, file, number, text);
            }
            return number;
        }
        if (AUTH_FAILURE.matcher(text).find()) {
            totals.auth++;
            evidence(totals, file, number, text);
        }
        return lastTraceLine;
    }

    private static void evidence(Totals totals, String file, long number, String text) {
        if (totals.evidence.size() < MAX_EVIDENCE) {
            String masked = mask(text).strip();
            if (masked.length() > MAX_EVIDENCE_CHARS) {
                masked = masked.substring(0, MAX_EVIDENCE_CHARS) + "...";
            }
            totals.evidence.add(file + ":" + number + ": " + masked);
        }
    }

    /** The line with bearer tokens, JWTs, Authorization values and password/token/key/session values masked. */
    public static String mask(String text) {
        String masked = text;
        for (Map.Entry<Pattern, String> secret : SECRETS) {
            masked = secret.getKey().matcher(masked).replaceAll(secret.getValue());
        }
        return masked;
    }
}
