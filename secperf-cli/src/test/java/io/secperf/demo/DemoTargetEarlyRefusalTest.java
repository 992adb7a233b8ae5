package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

/**
 * POSTs the demo target refuses before looking at their body (415 for a wrong Content-Type, 401 for a bad token) must
 * all be answered. Before the target read every body first, about 2 % of them got no answer on the JDK HTTPS server
 * (21 of 1,000; the demo's auth preflight hung on one), so 400 such requests would almost surely (1 - 0.98^400 > 99.9 %)
 * have caught it; they take about 2 s.
 */
class DemoTargetEarlyRefusalTest {

    @Test
    void everyPostRefusedBeforeItsBodyIsReadIsAnswered() throws Exception {
        List<String> unanswered = new ArrayList<>();
        try (DemoTarget target = new DemoTarget(DemoTarget.Options.defaults().withLatency(Duration.ZERO, Duration.ZERO))
                .start()) {
            SSLContext trust = PemTrust.trusting(target.caCertificatePem());
            for (int round = 0; round < 40; round++) {
                // a fresh client per round: new connections, as the auth check and the fuzzer open them
                HttpClient client = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                for (int i = 0; i < 10; i++) {
                    boolean login = i % 2 == 0;
                    HttpRequest request = HttpRequest.newBuilder(target.uri().resolve(login ? "/api/login" : "/api/orders"))
                            .timeout(Duration.ofSeconds(3))
                            .header("Content-Type", login ? "text/plain" : "application/json")
                            .header("Authorization", "Bearer v1.forged.token")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"itemId\": 1, \"quantity\": 2}"))
                            .build();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(login ? 415 : 401);
                    } catch (HttpTimeoutException e) {
                        unanswered.add("round " + round + ", request " + i);
                    }
                }
            }
        }
        assertThat(unanswered).as("requests without an answer within 3 s").isEmpty();
    }
}
