package io.secperf.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.secperf.ext.StockJMeterHome;

/**
 * One stock {@code jmeter-server} (JMeter 5.6.3, {@code java -jar bin/ApacheJMeter.jar -s}) on 127.0.0.1 in a forked
 * JVM, as a user starts it on a load generator: RMI SSL off, its own registry and engine ports, its own log file.
 * Started by the distributed-run tests; {@link #close()} or {@link #kill()} ends it.
 */
final class JMeterServer implements AutoCloseable {

    /** The line the plan remote-counted.jmx logs for every sample a server takes. */
    static final String SAMPLE_LINE = "secperf-remote-test sample ";

    private final Process process;
    private final int port;
    private final Path log;
    private final Path console;

    private JMeterServer(Process process, int port, Path log, Path console) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.console = console;
    }

    /**
     * Starts a server from {@code home} (its lib/ext decides which samplers it has; {@code jmeterHome} overrides the
     * home NewDriver takes its lib/ from, for a home without secperf's jar) and waits until its engine is bound.
     */
    static JMeterServer start(Path home, Path jmeterHome, Path work, String name) throws Exception {
        Files.createDirectories(work);
        int registry = freePort();
        int engine = freePort();
        Path log = work.resolve(name + ".log");
        Path console = work.resolve(name + "-console.txt");
        List<String> command = new ArrayList<>(List.of(StockJMeterHome.java().toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Djava.rmi.server.hostname=127.0.0.1"));
        if (jmeterHome == null) {
            command.addAll(List.of("-jar", home.resolve("bin/ApacheJMeter.jar").toString()));
        } else {
            // NewDriver takes its home from the launcher jar's canonical path when the class path has one entry,
            // from -Djmeter.home when it has more
            command.addAll(List.of("-Djmeter.home=" + jmeterHome, "-cp", home.resolve("bin/ApacheJMeter.jar")
                    + java.io.File.pathSeparator + jmeterHome.resolve("bin"), "org.apache.jmeter.NewDriver"));
        }
        command.addAll(List.of("-s", "-j", log.toString(),
                "-Jserver_port=" + registry, "-Jserver.rmi.port=" + registry, "-Jserver.rmi.localport=" + engine,
                "-Jserver.rmi.ssl.disable=true"));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        JMeterServer server = new JMeterServer(process, registry, log, console);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jmeter-server " + name + " ended at start:" + server.diagnostics());
            }
            try {
                if (Arrays.asList(LocateRegistry.getRegistry("127.0.0.1", registry).list()).contains("JMeterEngine")) {
                    return server;
                }
            } catch (java.rmi.RemoteException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                server.kill();
                throw new IllegalStateException("jmeter-server " + name + " did not bind in 120 s:"
                        + server.diagnostics());
            }
            Thread.sleep(200);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code 127.0.0.1:port}, as {@code --remote} takes it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** The samples this server took, as its own log says (one line each). */
    long samplesLogged() throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(SAMPLE_LINE)).count();
        }
    }

    /** The labels this server logged samples for. */
    List<String> labelsLogged() throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(SAMPLE_LINE))
                    .map(line -> line.substring(line.indexOf(SAMPLE_LINE) + SAMPLE_LINE.length()).strip())
                    .distinct().toList();
        }
    }

    /** Ends the process at once, as a crash or a pulled cable would (no goodbye to the controller). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String diagnostics() throws IOException {
        return "\n--- console\n" + StockJMeterRunText.read(console) + "\n--- log\n" + StockJMeterRunText.read(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Reads a file for a diagnostic message, or says it is missing. */
    static final class StockJMeterRunText {
        private StockJMeterRunText() {
        }

        static String read(Path file) throws IOException {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        }
    }
}
