package io.secperf.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code secperf} command in its own JVM, as a user or CI starts it: its own heap limit ({@code -Xmx256m} for the
 * bounded-memory checks), real signals, a real exit code. Output (stdout and stderr merged) is collected line by line.
 */
final class ForkedSecperf implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ForkedSecperf(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "forked-secperf-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code secperf ARGS} with the given heap limit (e.g. "256m"), in {@code workDir}. */
    static ForkedSecperf start(String heap, Path workDir, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "io.secperf.cli.Secperf"));
        command.addAll(args);
        return new ForkedSecperf(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line matches (true) or the process ends or the timeout passes (false). */
    boolean awaitLine(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                if (lines.stream().anyMatch(wanted)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    return lines.stream().anyMatch(wanted);
                }
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Sends a signal by name ("INT", "TERM", "KILL") with the system's kill command. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** Waits for the end (bounded) and returns the exit code; the process is killed if it does not end in time. */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("secperf did not end within " + seconds + " s: " + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
