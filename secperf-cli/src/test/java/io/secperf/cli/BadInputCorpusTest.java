package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/corpus/corpus.tsv}): hostile and broken JTLs, plans, gates,
 * security files, results and output paths, each through the real command line ({@link Secperf#execute}, what
 * {@code main} runs). Each must end with its documented exit code and one clear error line: no stack trace, no
 * "internal error", and never exit 1 (which means "gates failed") for bad input. The huge inputs, generated on the
 * fly, run in their own JVM with a 256 MiB heap: {@link BoundedMemoryTest}; the signals: {@link StopOnSignalTest}.
 */
class BadInputCorpusTest {

    @TempDir
    Path dir;

    static Stream<Arguments> corpus() throws IOException {
        List<String> lines = Files.readAllLines(corpusDir().resolve("corpus.tsv"), StandardCharsets.UTF_8);
        return lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> {
            String[] columns = line.split("\t");
            assertThat(columns).as(line).hasSize(4);
            return Arguments.of(columns[0], Integer.parseInt(columns[1]), columns[2], columns[3]);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyEntryEndsWithItsExitCodeAndAClearMessage(String id, int exitCode, String fragment, String arguments)
            throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path existingDir = Files.createDirectories(dir.resolve("a-dir"));
        String unreachable = "http://127.0.0.1:" + closedPort() + "/";
        List<String> args = Arrays.stream(arguments.split(" "))
                .map(arg -> expand(arg, file, existingDir, unreachable)).toList();
        String expected = expand(fragment, file, existingDir, unreachable);

        CliOutcome outcome = CliOutcome.secperf(args.toArray(String[]::new));
        String output = outcome.out() + outcome.err();
        assertThat(outcome.code()).as("%s: exit code; output:%n%s", id, output).isEqualTo(exitCode);
        assertThat(output).as(id).contains(expected)
                .doesNotContain("internal error").doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        if (exitCode != 0) {
            assertThat(outcome.err().lines().filter(line -> line.startsWith("secperf: error: ")))
                    .as("%s: one error line: %s", id, outcome.err()).singleElement()
                    .satisfies(line -> assertThat(line).contains(expected));
        }
    }

    private String expand(String text, Path file, Path existingDir, String unreachable) {
        return text.replace("{corpus}", corpusDir().toString())
                .replace("{plans}", SecperfCommandLineTest.plan("two-labels.jmx").getParent().toString())
                .replace("{out}", dir.resolve("out").toString())
                .replace("{file}", file.toString())
                .replace("{dir}", existingDir.toString())
                .replace("{unreachable}", unreachable);
    }

    static Path corpusDir() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/corpus/corpus.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
