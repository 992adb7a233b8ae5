package io.secperf.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The demo target's routes. It behaves like a carefully built small service so that security checks run against it
 * come out clean: strict security headers on every response, JSON errors that never carry stack traces, bounded
 * request sizes, constant-time credential checks, throttled password guessing and signed, expiring bearer tokens.
 */
final class DemoApi implements HttpHandler {

    static final String USERNAME = "demo";
    static final String PASSWORD = "demo-password";
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_URI_CHARS = 2048;
    static final int MAX_ORDER_QUANTITY = 100;

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=63072000",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin");

    private static final String JSON = "application/json";
    private static final String WWW_AUTHENTICATE = "Bearer realm=\"secperf-demo\"";
    private static final Pattern ITEM_PATH = Pattern.compile("/api/items/([0-9]{1,9})");
    private static final Logger LOG = System.getLogger(DemoApi.class.getName());

    /** How expensive each kind of request pretends to be, relative to the configured base latency. */
    private static final double STATIC_WEIGHT = 0.25;
    private static final double READ_WEIGHT = 1.0;
    private static final double WRITE_WEIGHT = 2.0;
    private static final double LOGIN_WEIGHT = 3.0;

    record Item(int id, String name, int priceCents, int stock) {
    }

    static final List<Item> CATALOGUE = List.of(
            new Item(1, "Load balancer", 129900, 12),
            new Item(2, "TLS certificate (1 year)", 4900, 500),
            new Item(3, "Web application firewall", 89900, 7),
            new Item(4, "Rate limiter", 19900, 40),
            new Item(5, "Cache node", 34900, 25),
            new Item(6, "Message queue", 45900, 9),
            new Item(7, "Metrics dashboard", 9900, 100),
            new Item(8, "Log archive (1 TB)", 2900, 300),
            new Item(9, "Secrets vault", 59900, 5),
            new Item(10, "Backup appliance", 74900, 3),
            new Item(11, "DNS zone", 900, 1000),
            new Item(12, "Status page", 1900, 250));

    private final ObjectMapper json;
    private final DemoTokens tokens;
    private final DemoLatency latency;
    private final byte[] itemListBody;
    private final Map<Integer, byte[]> itemBodies = new LinkedHashMap<>();
    private final byte[] healthBody;
    private final byte[] usernameDigest = sha256(USERNAME);
    private final byte[] passwordDigest = sha256(PASSWORD);
    private final AtomicLong orderIds = new AtomicLong(1000);
    private final LongAdder requests = new LongAdder();
    private final LoginThrottle throttle = new LoginThrottle(System::nanoTime);

    DemoApi(DemoTokens tokens, DemoLatency latency) {
        this.tokens = tokens;
        this.latency = latency;
        // strict parsing: duplicate keys and trailing garbage are rejected rather than silently resolved
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(8).maxStringLength(MAX_BODY_BYTES).maxNumberLength(20).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("count", CATALOGUE.size());
            list.put("items", CATALOGUE);
            this.itemListBody = json.writeValueAsBytes(list);
            for (Item item : CATALOGUE) {
                itemBodies.put(item.id(), json.writeValueAsBytes(item));
            }
            this.healthBody = json.writeValueAsBytes(Map.of("status", "UP"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    long requestCount() {
        return requests.sum();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        try {
            route(exchange);
        } catch (PayloadTooLarge e) {
            exchange.getResponseHeaders().set("Connection", "close");
            error(exchange, 413, "payload_too_large", "request body is limited to " + MAX_BODY_BYTES + " bytes");
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "demo exchange failed: {0}", e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "demo handler failed: {0}", e.toString());
            if (exchange.getResponseCode() == -1) {
                error(exchange, 500, "internal_error", "unexpected server error");
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String rawPath = Objects.requireNonNullElse(exchange.getRequestURI().getRawPath(), "");
        String rawUri = exchange.getRequestURI().toString();
        if (rawUri.length() > MAX_URI_CHARS) {
            error(exchange, 414, "uri_too_long", "request URI is limited to " + MAX_URI_CHARS + " characters");
            return;
        }
        rejectDeclaredOversizeBody(exchange);
        // The whole (bounded) body is read before any answer. Answering a POST before reading its body (401 for a bad
        // token, 405, 415) left about 2 % of those exchanges without a response on the JDK HTTPS server (measured: 21
        // of 1,000 with the JDK HttpClient, 3 s timeout); it showed as a hanging auth preflight in the demo.
        exchange.setStreams(new ByteArrayInputStream(readBody(exchange)), null);
        String method = exchange.getRequestMethod();
        DemoStaticFiles.File file = DemoStaticFiles.FILES.get(rawPath);
        if (file != null) {
            if (allow(exchange, method, "GET", "HEAD")) {
                latency.pause(STATIC_WEIGHT);
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=300");
                send(exchange, 200, file.contentType(), file.body());
            }
            return;
        }
        switch (rawPath) {
            case "/health" -> {
                if (allow(exchange, method, "GET", "HEAD")) {
                    send(exchange, 200, JSON, healthBody);
                }
            }
            case "/api/login" -> {
                if (allow(exchange, method, "POST")) {
                    login(exchange);
                }
            }
            case "/api/items" -> {
                if (allow(exchange, method, "GET", "HEAD") && authorized(exchange)) {
                    latency.pause(READ_WEIGHT);
                    send(exchange, 200, JSON, itemListBody);
                }
            }
            case "/api/orders" -> {
                if (allow(exchange, method, "POST") && authorized(exchange)) {
                    order(exchange);
                }
            }
            default -> {
                var item = ITEM_PATH.matcher(rawPath);
                if (item.matches()) {
                    if (allow(exchange, method, "GET", "HEAD") && authorized(exchange)) {
                        latency.pause(READ_WEIGHT);
                        byte[] body = itemBodies.get(Integer.parseInt(item.group(1)));
                        if (body == null) {
                            error(exchange, 404, "not_found", "no item with this id");
                        } else {
                            send(exchange, 200, JSON, body);
                        }
                    }
                } else {
                    error(exchange, 404, "not_found", "no such resource");
                }
            }
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        Optional<JsonNode> body = jsonBody(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode username = body.get().get("username");
        JsonNode password = body.get().get("password");
        if (username == null || !username.isTextual() || password == null || !password.isTextual()) {
            error(exchange, 400, "invalid_request", "username and password are required strings");
            return;
        }
        InetAddress client = exchange.getRemoteAddress().getAddress();
        if (throttle.blocked(client)) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 429, "too_many_attempts", "too many failed logins, retry later");
            return;
        }
        latency.pause(LOGIN_WEIGHT);
        // both comparisons always run, over fixed-length digests, so timing reveals neither which field was wrong
        // nor how much of it matched
        boolean userMatches = MessageDigest.isEqual(usernameDigest, sha256(username.textValue()));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password.textValue()));
        if (!(userMatches & passwordMatches)) {
            throttle.failed(client);
            exchange.getResponseHeaders().set("WWW-Authenticate", WWW_AUTHENTICATE);
            error(exchange, 401, "invalid_credentials", "wrong username or password");
            return;
        }
        ObjectNode response = json.createObjectNode()
                .put("token", tokens.issue(USERNAME))
                .put("tokenType", "Bearer")
                .put("expiresIn", DemoTokens.LIFETIME.toSeconds());
        send(exchange, 200, JSON, json.writeValueAsBytes(response));
    }

    private void order(HttpExchange exchange) throws IOException {
        Optional<JsonNode> body = jsonBody(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode itemId = body.get().get("itemId");
        JsonNode quantity = body.get().get("quantity");
        if (itemId == null || !itemId.canConvertToInt() || !itemId.isIntegralNumber()) {
            error(exchange, 400, "invalid_request", "itemId must be an integer");
            return;
        }
        if (quantity == null || !quantity.isIntegralNumber() || !quantity.canConvertToInt()
                || quantity.intValue() < 1 || quantity.intValue() > MAX_ORDER_QUANTITY) {
            error(exchange, 400, "invalid_request", "quantity must be an integer from 1 to " + MAX_ORDER_QUANTITY);
            return;
        }
        Optional<Item> item = CATALOGUE.stream().filter(i -> i.id() == itemId.intValue()).findFirst();
        if (item.isEmpty()) {
            error(exchange, 400, "invalid_request", "unknown itemId");
            return;
        }
        latency.pause(WRITE_WEIGHT);
        ObjectNode response = json.createObjectNode()
                .put("orderId", orderIds.incrementAndGet())
                .put("itemId", item.get().id())
                .put("quantity", quantity.intValue())
                .put("totalCents", (long) item.get().priceCents() * quantity.intValue())
                .put("status", "accepted");
        send(exchange, 201, JSON, json.writeValueAsBytes(response));
    }

    /** The request body as a JSON object, or empty after an error response has been sent. */
    private Optional<JsonNode> jsonBody(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(JSON)) {
            error(exchange, 415, "unsupported_media_type", "Content-Type must be application/json");
            return Optional.empty();
        }
        byte[] bytes = readBody(exchange);
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                error(exchange, 400, "invalid_request", "body must be a JSON object");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            error(exchange, 400, "invalid_json", "body is not valid JSON");
            return Optional.empty();
        }
    }

    /** Refuses a declared oversize body on any route, before authentication or parsing costs anything. */
    private static void rejectDeclaredOversizeBody(HttpExchange exchange) throws PayloadTooLarge {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
                    throw new PayloadTooLarge();
                }
            } catch (NumberFormatException e) {
                throw new PayloadTooLarge();
            }
        }
    }

    /** The body, read up to the limit; a chunked body that runs past it is refused too. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new PayloadTooLarge();
            }
            return bytes;
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", WWW_AUTHENTICATE);
            error(exchange, 401, "unauthorized", "a bearer token is required");
            return false;
        }
        if (tokens.verify(header.substring(7).trim()).isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", WWW_AUTHENTICATE
                    + ", error=\"invalid_token\", error_description=\"the token is invalid or expired\"");
            error(exchange, 401, "invalid_token", "the token is invalid or expired");
            return false;
        }
        return true;
    }

    private boolean allow(HttpExchange exchange, String method, String... allowed) throws IOException {
        for (String candidate : allowed) {
            if (candidate.equals(method)) {
                return true;
            }
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        error(exchange, 405, "method_not_allowed", "method not allowed on this resource");
        return false;
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = json.createObjectNode().put("error", code).put("message", message).put("status", status);
        send(exchange, status, JSON, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        SECURITY_HEADERS.forEach(headers::set);
        headers.set("Content-Type", contentType);
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signals a body over {@link #MAX_BODY_BYTES}; the handler answers 413 and closes the connection. */
    private static final class PayloadTooLarge extends IOException {
        PayloadTooLarge() {
            super("payload too large");
        }
    }
}
