package io.secperf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one line at the end of {@code mvn verify} that says which tests were skipped because a system tool is missing,
 * and how to install it: run by the last module of the build (secperf-test-summary) over every module's
 * {@link MissingToolsListener#RECORD_FILE} written during this build.
 */
public final class MissingToolsSummary {

    private MissingToolsSummary() {
    }

    /** Args: the build's root directory, the build's start (ISO-8601 instant; older records are from earlier builds). */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Instant since = args.length > 1 && !args[1].isBlank() ? Instant.parse(args[1]) : Instant.EPOCH;
        String line = summarize(records(root, since));
        if (line != null) {
            System.out.println(line);
        }
    }

    /** The lines of every module's record file written at or after {@code since}; null when no tests ran. */
    static List<String> records(Path root, Instant since) {
        List<Path> files;
        try (Stream<Path> modules = Files.list(root)) {
            files = modules.map(module -> module.resolve(MissingToolsListener.RECORD_FILE))
                    .filter(Files::isRegularFile)
                    .filter(file -> modified(file).compareTo(since.minusSeconds(2)) >= 0)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /**
     * "secperf: 7 tests skipped: chromium, nginx, sslscan not installed (apt-get install -y chromium nginx-light
     * sslscan)" and the like; a confirmation when nothing was skipped; null when no tests ran at all.
     */
    static String summarize(List<String> records) {
        if (records == null) {
            return null;
        }
        Set<String> tests = new LinkedHashSet<>();
        EnumSet<SystemTool> tools = EnumSet.noneOf(SystemTool.class);
        for (String record : records) {
            int tab = record.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            tools.add(SystemTool.valueOf(record.substring(0, tab)));
            tests.add(record.substring(tab + 1));
        }
        if (tests.isEmpty()) {
            return "secperf: no test was skipped for a missing system tool";
        }
        String names = tools.stream().map(SystemTool::displayName).collect(Collectors.joining(", "));
        List<String> installs = new ArrayList<>();
        for (SystemTool.Installer installer : SystemTool.Installer.values()) {
            String packages = tools.stream().filter(t -> t.installer() == installer).map(SystemTool::packageName)
                    .collect(Collectors.joining(" "));
            if (!packages.isEmpty()) {
                installs.add(installer.command + " " + packages);
            }
        }
        return "secperf: " + tests.size() + (tests.size() == 1 ? " test" : " tests") + " skipped: " + names
                + " not installed (" + String.join("; ", installs)
                + "); -D" + SystemTool.REQUIRE_PROPERTY + "=true makes a missing tool fail the build";
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
