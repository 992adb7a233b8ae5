package io.secperf.fuzz;

import com.sun.net.httpserver.HttpServer;
import io.secperf.result.Finding;
import io.secperf.security.Credentials;
import io.secperf.security.SecretSource;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credential in a fuzzed request never reaches a finding, not even mutated: the fuzzer inserts bytes into it,
 * flips and repeats them, re-serialises the JSON around it, and the target echoes the mutated request back in a 500
 * with a stack trace. Masking by value alone let these forms through.
 */
@Timeout(120)
class FuzzerSecretsTest {

    private static final String TOKEN = "Zq7CanaryTok3nWv9Xp2Lm8Rd4Hs6";

    /** The secret and the simple forms a mutation or an echo turns it into. */
    static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)).replace("=", ""));
        int half = secret.length() / 2;
        forms.add(secret.substring(0, half)); // an inserted or flipped byte leaves one half whole
        forms.add(secret.substring(half));
        return forms;
    }

    @Test
    void mutatedSecretsAreRedactedInEvidenceAndInEchoedAnswers() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String echo = "java.lang.IllegalStateException: cannot parse " + exchange.getRequestURI().getRawPath()
                    + "?" + exchange.getRequestURI().getRawQuery() + " key " + exchange.getRequestHeaders()
                    .getFirst("X-Api-Key") + " body " + new String(request, StandardCharsets.ISO_8859_1)
                    + "\n\tat com.example.Api.handle(Api.java:42)\n";
            byte[] body = echo.getBytes(StandardCharsets.ISO_8859_1);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
        try {
            String yaml = """
                    target:
                      url: http://127.0.0.1:%d/
                      requestTimeout: 3s
                      headers:
                        X-Api-Key: "k-${apiToken}"
                    credentials:
                      apiToken: env:API_TOKEN
                    fuzz:
                      seed: %d
                      iterations: 100
                      raw: false
                      endpoints:
                        - method: POST
                          path: /api/items?key=${apiToken}
                          body: '{"k": "${apiToken}", "n": 1}'
                    """;
            List<String> texts = new ArrayList<>();
            for (long seed : new long[] {1, 2, 3}) {
                SecurityConfig config = SecurityConfigReader.parse(yaml.formatted(server.getAddress().getPort(),
                        seed), "fuzz.yaml", Path.of("."));
                Credentials credentials = Credentials.resolve(config,
                        SecretSource.of(name -> null, Map.of("API_TOKEN", TOKEN)::get));
                SecurityReport report = new Fuzzer(config, credentials).run();
                assertThat(report.findings()).isNotEmpty();
                texts.add(report.findings().stream().map(f -> f.title() + " | " + f.evidence())
                        .collect(Collectors.joining("\n")) + "\n" + String.join("\n", report.notes()));
                // the input is still shown, with the secret's bytes counted instead of written
                assertThat(report.findings().stream().map(Finding::evidence))
                        .anyMatch(e -> e.contains("bytes of a secret]"));
                for (long i = 0; i < 100; i++) {
                    texts.add(new Fuzzer(config, credentials).replay(i).describe());
                }
            }
            String all = String.join("\n", texts);
            for (String form : forms(TOKEN)) {
                assertThat(all).as("form %s", form).doesNotContain(form);
            }
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
