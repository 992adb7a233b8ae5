package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Sample;

/**
 * secperf's jar in a stock JMeter 5.6.3: {@code java -jar bin/ApacheJMeter.jar -n -t plan.jmx -l out.jtl -j
 * jmeter.log} in a forked JVM, the TLS probe in a setUp thread group against a loopback HTTPS server with a
 * self-signed certificate, and JMeter's own Jackson at work in the same run (JMESPath extractor), so a class clash
 * between the jar and JMeter's lib/ would show.
 */
@Tag("slow")
class StockJMeterRunTest {

    @Test
    void tlsProbeRunsInStockJMeterNonGuiNextToJMetersOwnJackson(@TempDir Path work) throws Exception {
        Path home = StockJMeterHome.withSecperfJar();
        Path plan = work.resolve("plan.jmx");
        try (InputStream in = StockJMeterRunTest.class.getResourceAsStream("/plans/stock-preflight.jmx")) {
            Files.copy(in, plan);
        }
        try (LoopbackHttps server = LoopbackHttps.start()) {
            StockJMeterRun run = StockJMeterRun.nonGui(home, plan, "host=127.0.0.1", "port=" + server.port());
            String diagnostics = run.diagnostics();
            List<Sample> samples = run.samples();
            // JMeter 5.6 asks plugins to register through META-INF/services and JMeter-Skip-Class-Scanning, and
            // logs "Will scan jar ..." for every lib/ext jar that does not: ours must not be scanned
            assertThat(Files.readString(run.log())).as("jmeter.log")
                    .contains("Function class names")  // the function look-up that scans jars did run
                    .doesNotContainPattern("Will scan jar [^\\n]*secperf-jmeter-ext");
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

            assertThat(StockJMeterRun.read(run.log())).as("jmeter.log")
                    .contains("Loading file: " + plan.toString().replace('\\', '/'));
            run.assertNoLinkageTrouble();
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
}
