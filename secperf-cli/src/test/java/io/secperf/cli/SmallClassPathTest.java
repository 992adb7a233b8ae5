package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * The commands that start no load ({@code --version}, {@code --help}, {@code ingest}, {@code gate}, {@code report},
 * {@code scan}) run in a JVM whose class path is only {@code target/lib-light}: the runtime jars without JMeter's
 * tree, which the {@code ./secperf} launcher gives them so they start fast (docs/performance.md, "Start-up"). A
 * command that comes to need a JMeter class fails here with a NoClassDefFoundError instead of silently slowing
 * every pipeline step down again.
 */
class SmallClassPathTest {

    @TempDir
    Path dir;

    private static final Path LIGHT = Path.of("target", "lib-light").toAbsolutePath();

    /** target/classes and the light jars: what the launcher runs, with the classes instead of the cli's jar. */
    private static String lightClassPath() throws IOException {
        assumeTrue(Boolean.getBoolean("secperf.lightClassPath.fresh") && Files.isDirectory(LIGHT),
                "runs in the surefire execution of the package phase, after prepare-package built target/lib-light");
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(LIGHT)) {
            jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome secperf(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-cp", lightClassPath(), "io.secperf.cli.Secperf"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("secperf " + String.join(" ", args) + " did not end");
        }
        Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        assertThat(outcome.err()).as(String.join(" ", args)).doesNotContain("NoClassDefFoundError",
                "ClassNotFoundException", "internal error");
        return outcome;
    }

    @Test
    void theLightClassPathHoldsNoJMeterNorWhatOnlyJMeterBringsIn() throws IOException {
        lightClassPath();
        try (Stream<Path> jars = Files.list(LIGHT)) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(name -> name.startsWith("picocli-"))
                    .anyMatch(name -> name.startsWith("secperf-core-"))
                    .anyMatch(name -> name.startsWith("jackson-databind-"))
                    .noneMatch(name -> name.startsWith("ApacheJMeter"))
                    .noneMatch(name -> name.startsWith("groovy"))
                    .noneMatch(name -> name.startsWith("jorphan"));
        }
    }

    @Test
    void versionHelpIngestGateAndReportRunWithoutJMeter() throws Exception {
        Outcome version = secperf("--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).contains("secperf", "JMeter 5.6.3 embedded");
        Outcome help = secperf("--help");
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).contains("gate", "ingest");

        Path jtl = dir.resolve("results.jtl");
        StringBuilder rows = new StringBuilder("timeStamp,elapsed,label,responseCode,success,bytes\n");
        for (int i = 0; i < 200; i++) {
            rows.append(1_700_000_000_000L + i * 10L).append(',').append(10 + i % 50).append(",home,200,")
                    .append(i % 40 != 0).append(",100\n");
        }
        Files.writeString(jtl, rows);
        Outcome ingest = secperf("ingest", jtl.toString(), "--out", dir.resolve("ingested").toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(dir.resolve("ingested/secperf-result.json")).exists();

        Outcome gate = secperf("gate", "--result", jtl.toString(), "--gates", "p95 < 10s; errors < 1%", "--out",
                dir.resolve("gated").toString());
        assertThat(gate.code()).as("errors are 2.5%: " + gate.out() + gate.err()).isEqualTo(ExitCode.GATES_FAILED
                .code());
        assertThat(dir.resolve("gated/report.html")).exists();

        Outcome report = secperf("report", "--result", dir.resolve("ingested").toString(), "--out",
                dir.resolve("report").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(dir.resolve("report/report.html")).exists();
    }

    @Test
    @Tag("slow")
    void theScansRunWithoutJMeter() throws Exception {
        try (SelfSignedHttpsServer tls = new SelfSignedHttpsServer()) {
            Path ca = tls.writeCertificate(dir.resolve("ca.pem"));
            Outcome scan = secperf("scan", "tls", "127.0.0.1:" + tls.port(), "--ca", ca.toString(), "--out",
                    dir.resolve("tls").toString());
            assertThat(scan.code()).as(scan.out() + scan.err()).isIn(0, 1);
            assertThat(dir.resolve("tls/secperf-result.json")).exists();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "no".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            Path config = Files.writeString(dir.resolve("security.yaml"), """
                    target:
                      url: http://127.0.0.1:%d/
                      requestTimeout: 5s
                    auth:
                      protectedEndpoints:
                        - GET /api/items
                    fuzz:
                      seed: 42
                      iterations: 5
                      timeBudget: 20s
                      raw: false
                    """.formatted(server.getAddress().getPort()));
            for (String kind : new String[] {"auth", "fuzz"}) {
                Outcome scan = secperf("scan", kind, "--config", config.toString(), "--out",
                        dir.resolve(kind).toString());
                assertThat(scan.code()).as(kind + ": " + scan.out() + scan.err()).isIn(0, 1);
                assertThat(dir.resolve(kind + "/secperf-result.json")).as(kind).exists();
            }
        } finally {
            server.stop(0);
        }
    }
}
