package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secperf demo} in a pseudo-terminal (util-linux {@code script}), as a person runs it: the progress line is
 * live (redrawn with {@code \r}) and the narration that security checks print from JMeter's threads during the load
 * starts on a line of its own, never glued onto the progress line.
 */
@Tag("slow")
class ConsoleInTerminalTest {

    private static final String PROGRESS = "[00:";
    /** A whole progress line and nothing after it (padding blanks aside). */
    private static final java.util.regex.Pattern WHOLE_PROGRESS = java.util.regex.Pattern.compile(
            "\\[\\d\\d:\\d\\d:\\d\\d] samples [0-9,]+  req/s [0-9,]+  errors [0-9.]+% \\([0-9,]+\\)  p95 (-|[0-9,]+ ms) *");

    @TempDir
    Path dir;

    @Test
    void narrationDuringTheLoadNeverGluesOntoTheProgressLine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script (a pty)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = dir.resolve("demo.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -Djava.awt.headless=true -cp '"
                + System.getProperty("java.class.path") + "' io.secperf.cli.Secperf demo --duration 6s --out '"
                + dir.resolve("out") + "'\n");
        launcher.toFile().setExecutable(true);
        Path transcript = dir.resolve("transcript.txt");

        Process process = new ProcessBuilder("/usr/bin/script", "-qfec", launcher.toString(), "/dev/null")
                .redirectErrorStream(true).redirectOutput(transcript.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the demo finished").isTrue();
        String text = Files.readString(transcript, StandardCharsets.UTF_8);

        assertThat(text).as("progress redrawn in place on a terminal").contains("\r" + PROGRESS);
        List<String> glued = new ArrayList<>();
        boolean progressSeen = false;
        int narrationDuringLoad = 0;
        for (String line : text.split("\n")) {
            String[] segments = line.replace("\r\n", "\n").split("\r");
            boolean inProgress = false;
            for (String segment : segments) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.startsWith(PROGRESS)) {
                    inProgress = true;
                    progressSeen = true;
                    if (!WHOLE_PROGRESS.matcher(segment).matches()) {
                        glued.add(line.replace("\r", "\\r")); // e.g. "p95 -secperf demo: preflight TLS: ..."
                    }
                } else if (inProgress) {
                    glued.add(line.replace("\r", "\\r"));
                } else if (progressSeen && segment.startsWith("secperf demo:")) {
                    narrationDuringLoad++;
                }
            }
            String last = segments.length == 0 ? "" : segments[segments.length - 1];
            if (inProgress && !last.startsWith(PROGRESS) && !last.isBlank()) {
                glued.add(line.replace("\r", "\\r"));
            }
        }
        assertThat(glued).as(text).isEmpty();
        assertThat(narrationDuringLoad).as("narration printed after the progress line started:%n%s", text)
                .isPositive();
    }
}
