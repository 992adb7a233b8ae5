package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C, CI cancellation and Jenkins' abort send) stops the run and still writes the results. */
@Tag("slow")
class StopOnSignalTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheRunAndKeepsWhatWasMeasured() throws Exception {
        Path out = dir.resolve("out");
        try (TestTarget target = new TestTarget()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "io.secperf.cli.Secperf", "run", "--plan", SecperfCommandLineTest.plan("endless.jmx").toString(),
                    "--target", target.uri().toString(), "--out", out.toString(), "--progress", "plain")
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            CountDownLatch loadRunning = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                        }
                        if (line.startsWith("progress ") && !line.contains("samples 0 ")) {
                            loadRunning.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.start();
            assertThat(loadRunning.await(60, TimeUnit.SECONDS)).as("progress with samples: %s", output).isTrue();

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            reader.join(5000);
            assertThat(process.exitValue()).as("%s", output).isEqualTo(128 + 15);
        }
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.status().state()).isEqualTo(RunState.PARTIAL);
        assertThat(document.status().reason()).contains("stopped by user");
        assertThat(document.result().overall().count()).isPositive();
    }
}
