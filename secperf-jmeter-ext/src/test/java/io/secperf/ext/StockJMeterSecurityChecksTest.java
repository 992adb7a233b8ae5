package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Sample;

/**
 * The auth, fuzz and attack samplers in a stock JMeter 5.6.3 ({@code jmeter -n}) with secperf's jar in lib/ext, all
 * reading one security.yaml through the relocated Jackson YAML and SnakeYAML, against the loopback HTTPS server
 * (which answers 200 to everything: an auth bypass, but no server errors for the fuzzer).
 */
@Tag("slow")
class StockJMeterSecurityChecksTest {

    @Test
    void authFuzzAndAttackSamplersRunInStockJMeterNonGui(@TempDir Path work) throws Exception {
        Path home = StockJMeterHome.withSecperfJar();
        Path plan = work.resolve("plan.jmx");
        try (InputStream in = getClass().getResourceAsStream("/plans/stock-security-checks.jmx")) {
            Files.copy(in, plan);
        }

        try (LoopbackHttps server = LoopbackHttps.start()) {
            Path security = work.resolve("security.yaml");
            Files.writeString(security, """
                    target:
                      url: https://127.0.0.1:%d/
                      insecure: true
                      requestTimeout: 3s
                    auth:
                      protectedEndpoints:
                        - GET /api/items
                    fuzz:
                      seed: 42
                      requestTimeout: 3s
                      partialRequestTimeout: 1s
                    attack:
                      flood:
                        endpoints: [GET /health]
                        rate: 20
                        duration: 1s
                        concurrency: 1
                    """.formatted(server.port()), StandardCharsets.UTF_8);

            StockJMeterRun run = StockJMeterRun.nonGui(home, plan, "host=127.0.0.1", "port=" + server.port(),
                    "securityFile=" + security);
            String diagnostics = run.diagnostics();
            List<Sample> samples = run.samples();
            assertThat(samples).extracting(Sample::label).as(diagnostics)
                    .containsExactly("auth checks", "items", "fuzz items", "flood");

            Sample auth = samples.get(0);
            assertThat(auth.success()).as("a protected endpoint answering 200 without credentials: "
                    + auth.responseMessage() + diagnostics).isFalse();
            assertThat(auth.responseMessage()).contains("AUTH-BYPASS");
            Sample fuzz = samples.get(2);
            assertThat(fuzz.success()).as("the server never answers 5xx: " + fuzz.responseMessage() + diagnostics)
                    .isTrue();
            Sample flood = samples.get(3);
            assertThat(flood.success()).as(flood.responseMessage() + diagnostics).isTrue();
            assertThat(flood.elapsed()).as("the flood lasts its configured second").isGreaterThanOrEqualTo(900);
            assertThat(server.paths()).contains("/api/items", "/health");

            run.assertNoLinkageTrouble();
        }
    }
}
