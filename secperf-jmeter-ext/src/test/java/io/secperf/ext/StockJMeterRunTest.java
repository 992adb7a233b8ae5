package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.jtl.Jtl;
import io.secperf.result.Sample;

/**
 * secperf's jar in a stock JMeter 5.6.3: {@code java -jar bin/ApacheJMeter.jar -n -t plan.jmx -l out.jtl -j
 * jmeter.log} in a forked JVM, the TLS probe in a setUp thread group against a loopback HTTPS server with a
 * self-signed certificate, and JMeter's own Jackson at work in the same run (JMESPath extractor), so a class clash
 * between the jar and JMeter's lib/ would show.
 */
@Tag("slow")
class StockJMeterRunTest {

    /** What a broken jar (missing class, duplicate class of another version, bad relocation) leaves in jmeter.log. */
    private static final Pattern LINKAGE_TROUBLE = Pattern.compile("ClassNotFound|NoClassDefFound|LinkageError"
            + "|NoSuchMethodError|NoSuchFieldError|IncompatibleClassChangeError|ClassCastException"
            + "|ExceptionInInitializerError|AbstractMethodError");

    @Test
    void tlsProbeRunsInStockJMeterNonGuiNextToJMetersOwnJackson(@TempDir Path work) throws Exception {
        Path home = StockJMeterHome.withSecperfJar();
        Path plan = work.resolve("plan.jmx");
        try (InputStream in = StockJMeterRunTest.class.getResourceAsStream("/plans/stock-preflight.jmx")) {
            Files.copy(in, plan);
        }
        Path jtl = work.resolve("out.jtl");
        Path log = work.resolve("jmeter.log");
        Path console = work.resolve("console.txt");

        try (LoopbackHttps server = LoopbackHttps.start()) {
            Process jmeter = new ProcessBuilder(StockJMeterHome.java().toString(), "-Xmx512m",
                    "-jar", home.resolve("bin/ApacheJMeter.jar").toString(),
                    "-n", "-t", plan.toString(), "-l", jtl.toString(), "-j", log.toString(),
                    "-Jhost=127.0.0.1", "-Jport=" + server.port())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            if (!jmeter.waitFor(3, TimeUnit.MINUTES)) {
                jmeter.destroyForcibly();
                throw new AssertionError("stock JMeter did not finish in 3 minutes:\n" + read(console) + read(log));
            }
            String diagnostics = "\n--- console\n" + read(console) + "\n--- jmeter.log\n" + read(log);
            assertThat(jmeter.exitValue()).as("jmeter -n exit code" + diagnostics).isZero();

            List<Sample> samples = new ArrayList<>();
            Jtl.read(jtl, samples::add);
            assertThat(samples).extracting(Sample::label).as(diagnostics)
                    .containsExactly("TLS preflight", "items", "echo", "jackson versions");

            Sample probe = samples.get(0);
            assertThat(probe.responseCode()).as("grade of a self-signed certificate").isEqualTo("T");
            assertThat(probe.success()).as("a CRITICAL finding fails the sample").isFalse();
            assertThat(probe.responseMessage()).contains("CERT-SELF");
            assertThat(probe.elapsed()).isPositive();

            // JMeter's JMESPath extractor (Jackson 2.16 from lib/) extracted items[1] and the next request used it
            assertThat(samples.get(1).success()).isTrue();
            assertThat(samples.get(2).success()).isTrue();
            // (the probe's own HSTS request to "/" comes first)
            assertThat(server.paths()).containsSubsequence("/api/items", "/echo/2").doesNotContain("/echo/NOT_FOUND");

            // both Jacksons live in the one class loader, each from its own jar
            String stockJackson = stockJacksonVersion(home);
            String shadedJackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
            assertThat(stockJackson).isNotEqualTo(shadedJackson);
            Sample versions = samples.get(3);
            assertThat(versions.success()).as(versions.responseMessage() + diagnostics).isTrue();
            assertThat(versions.responseMessage()).isEqualTo("stock " + stockJackson + " jackson-databind-"
                    + stockJackson + ".jar | shaded " + shadedJackson + " "
                    + StockJMeterHome.secperfJar().getFileName());

            String jmeterLog = read(log);
            assertThat(jmeterLog).as("jmeter.log").contains("Loading file: " + plan.toString().replace('\\', '/'))
                    .doesNotContainPattern(LINKAGE_TROUBLE);
            assertThat(read(console)).doesNotContainPattern(LINKAGE_TROUBLE);
        }
    }

    /** The Jackson version in the stock home's lib/ (2.16.1 for JMeter 5.6.3), from its jar's name. */
    private static String stockJacksonVersion(Path home) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            String name = jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("jackson-databind-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no jackson-databind in " + home.resolve("lib")));
            return name.substring("jackson-databind-".length(), name.length() - ".jar".length());
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file.getFileName() + ")";
    }
}
