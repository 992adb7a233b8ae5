package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo target over real HTTPS on loopback, verified by a client that trusts only the exported demo CA. */
class DemoTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoTarget target;
    private static HttpClient client;
    private static SSLContext trustingDemoCa;

    @BeforeAll
    static void start() throws Exception {
        target = new DemoTarget(DemoTarget.Options.defaults().withLatency(Duration.ZERO, Duration.ZERO)).start();
        trustingDemoCa = PemTrust.trusting(target.caCertificatePem());
        client = HttpClient.newBuilder()
                .sslContext(trustingDemoCa)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> login(String username, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        return post("/api/login", "application/json", body);
    }

    private static String token() throws Exception {
        HttpResponse<String> response = login(DemoTarget.USERNAME, DemoTarget.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void loginWithDemoCredentialsReturnsBearerToken() throws Exception {
        HttpResponse<String> response = login("demo", "demo-password");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("token").asText()).startsWith("v1.").hasSizeGreaterThan(40);
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void loginTokensAreUniquePerLogin() throws Exception {
        assertThat(token()).isNotEqualTo(token());
    }

    @Test
    void wrongCredentialsAre401WithChallenge() throws Exception {
        for (List<String> credentials : List.of(List.of("demo", "wrong"), List.of("admin", "demo-password"),
                List.of("demo", "demo-password "), List.of("", ""))) {
            HttpResponse<String> response = login(credentials.get(0), credentials.get(1));

            assertThat(response.statusCode()).as("credentials %s", credentials).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_credentials");
            assertThat(response.body()).doesNotContain("token\"");
        }
    }

    @Test
    void malformedLoginRequestsAre400Or415() throws Exception {
        assertThat(post("/api/login", "application/json", "{\"username\":\"demo\"").statusCode()).isEqualTo(400);
        assertThat(post("/api/login", "application/json", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post("/api/login", "application/json", "{\"username\":1,\"password\":2}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/login", "text/plain", "demo:demo-password").statusCode()).isEqualTo(415);
        HttpResponse<String> deep = post("/api/login", "application/json", "[".repeat(500) + "]".repeat(500));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void itemsRequireAValidBearerToken() throws Exception {
        HttpResponse<String> missing = get("/api/items");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"secperf-demo\"");

        HttpResponse<String> garbage = get("/api/items", "Authorization", "Bearer not-a-token");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");

        String token = token();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(get("/api/items", "Authorization", "Bearer " + tampered).statusCode()).isEqualTo(401);
        assertThat(get("/api/items", "Authorization", "Basic ZGVtbzpkZW1vLXBhc3N3b3Jk").statusCode())
                .isEqualTo(401);

        HttpResponse<String> ok = get("/api/items", "Authorization", "Bearer " + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode items = json(ok).get("items");
        assertThat(items).hasSize(DemoApi.CATALOGUE.size());
        assertThat(items.get(0).get("name").asText()).isEqualTo("Load balancer");
    }

    @Test
    void tokenFromAnotherServerIsRejected() throws Exception {
        try (DemoTarget other = new DemoTarget(DemoTarget.Options.defaults().withLatency(Duration.ZERO, Duration.ZERO))
                .start()) {
            HttpClient otherClient = HttpClient.newBuilder().sslContext(PemTrust.trusting(other.caCertificatePem()))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> login = otherClient.send(HttpRequest.newBuilder(other.uri().resolve("/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"demo-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String foreignToken = JSON.readTree(login.body()).get("token").asText();

            assertThat(get("/api/items", "Authorization", "Bearer " + foreignToken).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void singleItemAndUnknownItem() throws Exception {
        String auth = "Bearer " + token();

        HttpResponse<String> item = get("/api/items/3", "Authorization", auth);
        assertThat(item.statusCode()).isEqualTo(200);
        assertThat(json(item).get("name").asText()).isEqualTo("Web application firewall");

        HttpResponse<String> unknown = get("/api/items/999", "Authorization", auth);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
        assertThat(get("/api/items/abc", "Authorization", auth).statusCode()).isEqualTo(404);
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
    }

    @Test
    void ordersValidateInput() throws Exception {
        String auth = "Bearer " + token();

        HttpResponse<String> created = post("/api/orders", "application/json", "{\"itemId\":2,\"quantity\":3}",
                "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode order = json(created);
        assertThat(order.get("totalCents").asLong()).isEqualTo(3 * 4900);
        assertThat(order.get("orderId").asLong()).isPositive();

        for (String invalid : List.of("{\"itemId\":2,\"quantity\":0}", "{\"itemId\":2,\"quantity\":101}",
                "{\"itemId\":99,\"quantity\":1}", "{\"itemId\":\"2\",\"quantity\":1}", "{\"itemId\":2.5,\"quantity\":1}",
                "{\"itemId\":2}", "not json")) {
            HttpResponse<String> response = post("/api/orders", "application/json", invalid, "Authorization", auth);
            assertThat(response.statusCode()).as(invalid).isEqualTo(400);
            assertThat(json(response).get("message").asText()).isNotBlank();
        }
        assertThat(post("/api/orders", "application/json", "{\"itemId\":2,\"quantity\":1}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void staticPagesAndHealthArePublic() throws Exception {
        Map<String, String> expected = Map.of(
                "/", "text/html; charset=utf-8",
                "/static/app.css", "text/css; charset=utf-8",
                "/static/app.js", "text/javascript; charset=utf-8",
                "/static/logo.svg", "image/svg+xml",
                "/health", "application/json");
        for (var entry : expected.entrySet()) {
            HttpResponse<String> response = get(entry.getKey());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(entry.getKey()).hasValue(entry.getValue());
            assertThat(response.body()).isNotEmpty();
        }
        assertThat(get("/").body()).contains("/static/app.css", "/static/app.js", "/static/logo.svg")
                .doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndNoServerBanner() throws Exception {
        String auth = "Bearer " + token();
        List<HttpResponse<String>> responses = List.of(get("/"), get("/static/app.js"), get("/health"),
                get("/api/items"), get("/api/items", "Authorization", auth), get("/missing"),
                login("demo", "nope"), post("/health", "application/json", "{}"));
        for (HttpResponse<String> response : responses) {
            var headers = response.headers();
            String what = response.request().method() + " " + response.uri().getPath() + " " + response.statusCode();
            assertThat(headers.firstValue("Strict-Transport-Security")).as(what).hasValue("max-age=63072000");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(headers.firstValue("Content-Security-Policy")).as(what).get().asString()
                    .startsWith("default-src 'self'");
            assertThat(headers.firstValue("Server")).as(what).isEmpty();
            assertThat(headers.firstValue("X-Powered-By")).as(what).isEmpty();
        }
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = post("/health", "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> trace = client.send(HttpRequest.newBuilder(target.uri().resolve("/"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(get("/api/login").statusCode()).isEqualTo(405);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String padding = "x".repeat(48 * 1024);
        HttpResponse<String> response = post("/api/login", "application/json",
                "{\"username\":\"demo\",\"password\":\"" + padding + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(login("demo", "demo-password").statusCode()).as("server still serves").isEqualTo(200);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = ("{\"username\":\"demo\",\"password\":\"" + "y".repeat(40 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(target.uri().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("ofInputStream has no length, so the body goes chunked").isEqualTo(413);
    }

    @Test
    void hugeDeclaredBodyIsRejectedBeforeItIsSent() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingDemoCa.getSocketFactory()
                .createSocket("127.0.0.1", target.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));

            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void overlongUriIs414() throws Exception {
        HttpResponse<String> response = get("/api/items?q=" + "a".repeat(DemoApi.MAX_URI_CHARS));
        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(json(response).get("error").asText()).isEqualTo("uri_too_long");
    }

    @Test
    void headRequestsHaveNoBody() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(target.uri().resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void hostnameLocalhostVerifiesAgainstTheCertificate() throws Exception {
        URI viaName = URI.create("https://localhost:" + target.port() + "/health");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(viaName).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientWithDefaultTrustRejectsTheFreshCertificate() {
        HttpClient defaultTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(target.uri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void countsRequests() throws Exception {
        long before = target.requestCount();
        get("/health");
        get("/health");
        assertThat(target.requestCount()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void occupiedPortGivesAClearBindError() {
        DemoTarget second = new DemoTarget(DemoTarget.Options.defaults().withPort(target.port()));
        assertThatThrownBy(second::start)
                .isInstanceOf(BindException.class)
                .hasMessageContaining("127.0.0.1:" + target.port());
        second.close();
    }

    @Test
    void lifecycleIsGuarded() throws Exception {
        DemoTarget demo = new DemoTarget();
        assertThatThrownBy(demo::uri).isInstanceOf(IllegalStateException.class);
        demo.start();
        assertThatThrownBy(demo::start).isInstanceOf(IllegalStateException.class);
        demo.close();
        demo.close();
        assertThatThrownBy(demo::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void optionsRejectNonsense() {
        DemoTarget.Options defaults = DemoTarget.Options.defaults();
        assertThatThrownBy(() -> defaults.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withWorkerThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLatency(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
