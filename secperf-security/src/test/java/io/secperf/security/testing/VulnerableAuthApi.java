package io.secperf.security.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately vulnerable API for the auth checks, written for secperf's tests: one flaw per endpoint, plus a
 * correct control endpoint, on plain HTTP on 127.0.0.1 (so HSTS and the cookie Secure flag are out of scope). Every
 * response carries correct security headers unless the endpoint's flaw is about them. Tokens are HS256 JWTs with a
 * random 256-bit key ({@link #key()}), except those of {@code /weak/login}, signed with the key "secret".
 *
 * <p>Endpoints and the finding each must produce ({@link #EXPECTED}); the control must produce none.
 */
public final class VulnerableAuthApi implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "correct-horse-battery";
    /** The weak key of /weak/login, as found in every JWT tutorial. */
    public static final String WEAK_KEY = "secret";
    /** Wrong logins after which /locking/login locks the user (423, also for the right password). */
    public static final int LOCK_AFTER = 3;

    /** Endpoint → the finding ids the auth check must report for it (exactly these). */
    public static final Map<String, java.util.Set<String>> EXPECTED;

    static {
        Map<String, java.util.Set<String>> expected = new LinkedHashMap<>();
        expected.put("/api/control", java.util.Set.of());
        expected.put("/api/open", java.util.Set.of("AUTH-BYPASS"));
        expected.put("/api/alg-none", java.util.Set.of("AUTH-BYPASS"));
        expected.put("/api/unsigned", java.util.Set.of("AUTH-BYPASS"));
        expected.put("/api/no-exp", java.util.Set.of("AUTH-BYPASS"));
        expected.put("/api/status-400", java.util.Set.of("AUTH-STATUS"));
        expected.put("/api/no-challenge", java.util.Set.of("AUTH-CHALLENGE"));
        expected.put("/api/error-500", java.util.Set.of("AUTH-ERROR"));
        expected.put("/api/stack-trace", java.util.Set.of("LEAK-STACKTRACE"));
        expected.put("/api/cookie", java.util.Set.of("COOKIE-HTTPONLY", "COOKIE-SAMESITE"));
        expected.put("/api/banner", java.util.Set.of("LEAK-VERSION"));
        expected.put("/api/no-headers", java.util.Set.of("HDR-XCTO", "HDR-FRAME", "HDR-CSP"));
        expected.put("/api/redirect-token", java.util.Set.of("AUTH-URL"));
        expected.put("/api/echo", java.util.Set.of("AUTH-ECHO"));
        expected.put("/api/query-token", java.util.Set.of("AUTH-URL"));
        expected.put("/login", java.util.Set.of("AUTH-BRUTE"));
        EXPECTED = java.util.Collections.unmodifiableMap(expected);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final String key;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger wrongAtLocking = new AtomicInteger();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile long tokenSeconds = 3600;

    public VulnerableAuthApi() throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = B64.encodeToString(random);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The HMAC key of the tokens (a test environment's key, for auth.jwt.testKey). */
    public String key() {
        return key;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Tokens of /login and /short/login live this long from now on. */
    public void tokenLifetime(long seconds) {
        tokenSeconds = seconds;
    }

    /** A token for alice that expired an hour ago, validly signed with {@link #key()}. */
    public String expiredToken() {
        return issue(key, USER, Instant.now().minusSeconds(3600));
    }

    /** Requests an endpoint (path) has received. */
    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            String bearer = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                    .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).trim())
                    .orElse(null);
            boolean headers = !path.equals("/api/no-headers");
            switch (path) {
                case "/login" -> login(exchange, body, key, false, headers);
                case "/short/login" -> login(exchange, body, key, false, headers);
                case "/weak/login" -> login(exchange, body, WEAK_KEY, false, headers);
                case "/locking/login" -> login(exchange, body, key, true, headers);
                case "/busy/login" -> {
                    exchange.getResponseHeaders().add("Retry-After", "30");
                    send(exchange, 429, "{\"error\":\"too many requests\"}", headers);
                }
                case "/api/control", "/api/banner", "/api/no-headers" -> {
                    if (path.equals("/api/banner")) {
                        exchange.getResponseHeaders().add("Server", "Apache/2.4.1 (Unix)");
                    }
                    guarded(exchange, verify(bearer, key, true), headers);
                }
                case "/weak/data" -> guarded(exchange, verify(bearer, WEAK_KEY, true), headers);
                case "/api/open" -> send(exchange, 200, "{\"items\":[1,2]}", headers);
                case "/api/alg-none" -> guarded(exchange, verifyAllowingNone(bearer), headers);
                case "/api/unsigned" -> guarded(exchange, claimsUnverified(bearer), headers);
                case "/api/no-exp" -> guarded(exchange, verify(bearer, key, false), headers);
                case "/api/status-400" -> {
                    if (verify(bearer, key, true).isPresent()) {
                        send(exchange, 200, "{\"ok\":true}", headers);
                    } else {
                        send(exchange, 400, "{\"error\":\"bad request\"}", headers);
                    }
                }
                case "/api/no-challenge" -> {
                    if (verify(bearer, key, true).isPresent()) {
                        send(exchange, 200, "{\"ok\":true}", headers);
                    } else {
                        send(exchange, 401, "{\"error\":\"unauthorized\"}", headers);
                    }
                }
                case "/api/error-500" -> {
                    if (bearer == null) {
                        unauthorized(exchange, headers);
                    } else if (verify(bearer, key, true).isPresent()) {
                        send(exchange, 200, "{\"ok\":true}", headers);
                    } else {
                        send(exchange, 500, "{\"error\":\"internal error\"}", headers);
                    }
                }
                case "/api/stack-trace" -> {
                    if (verify(bearer, key, true).isEmpty()) {
                        unauthorized(exchange, headers);
                    } else if (!isJson(body)) {
                        send(exchange, 400, "com.fasterxml.jackson.core.JsonParseException: Unexpected end-of-input\n"
                                + "\tat com.example.orders.OrderController.create(OrderController.java:42)\n"
                                + "\tat java.base/java.lang.Thread.run(Thread.java:833)\n", headers);
                    } else {
                        send(exchange, 201, "{\"created\":true}", headers);
                    }
                }
                case "/api/cookie" -> {
                    if (verify(bearer, key, true).isEmpty()) {
                        unauthorized(exchange, headers);
                    } else {
                        exchange.getResponseHeaders().add("Set-Cookie", "prefs=compact-view; Path=/");
                        send(exchange, 200, "{\"ok\":true}", headers);
                    }
                }
                case "/api/redirect-token" -> {
                    if (verify(bearer, key, true).isEmpty()) {
                        unauthorized(exchange, headers);
                    } else {
                        exchange.getResponseHeaders().add("Location", "/next?token=" + bearer);
                        send(exchange, 302, "", headers);
                    }
                }
                case "/api/echo" -> {
                    if (verify(bearer, key, true).isEmpty()) {
                        unauthorized(exchange, headers);
                    } else {
                        send(exchange, 200, "{\"debug\":{\"authorization\":\"Bearer " + bearer + "\"}}", headers);
                    }
                }
                case "/api/query-token" -> {
                    String fromQuery = query(uri, "access_token");
                    guarded(exchange, verify(bearer != null ? bearer : fromQuery, key, true), headers);
                }
                default -> send(exchange, 404, "{\"error\":\"not found\"}", headers);
            }
        }
    }

    private void login(HttpExchange exchange, byte[] body, String signingKey, boolean locking, boolean headers)
            throws IOException {
        JsonNode credentials;
        try {
            credentials = JSON.readTree(body);
        } catch (IOException e) {
            send(exchange, 400, "{\"error\":\"bad request\"}", headers);
            return;
        }
        boolean right = credentials != null && USER.equals(credentials.path("username").asText())
                && PASSWORD.equals(credentials.path("password").asText());
        if (locking && wrongAtLocking.get() >= LOCK_AFTER) {
            send(exchange, 423, "{\"error\":\"account locked\"}", headers);
            return;
        }
        if (!right) {
            if (locking) {
                wrongAtLocking.incrementAndGet();
            }
            unauthorized(exchange, headers);
            return;
        }
        String token = issue(signingKey, USER, Instant.now().plusSeconds(tokenSeconds));
        send(exchange, 200, "{\"token\":\"" + token + "\"}", headers);
    }

    private static boolean isJson(byte[] body) {
        try {
            return JSON.readTree(body) != null && body.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String query(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void guarded(HttpExchange exchange, Optional<String> subject, boolean headers)
            throws IOException {
        if (subject.isPresent()) {
            send(exchange, 200, "{\"subject\":\"" + subject.get().replaceAll("[^\\w-]", "") + "\"}", headers);
        } else {
            unauthorized(exchange, headers);
        }
    }

    private static void unauthorized(HttpExchange exchange, boolean headers) throws IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"api\"");
        send(exchange, 401, "{\"error\":\"unauthorized\"}", headers);
    }

    private static void send(HttpExchange exchange, int status, String text, boolean headers) throws IOException {
        if (headers) {
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- JWT: the correct verifier and the flawed ones

    static String issue(String signingKey, String subject, Instant expires) {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode().put("sub", subject).put("role", "user")
                .put("iat", Instant.now().getEpochSecond()).put("exp", expires.getEpochSecond());
        try {
            String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return input + "." + B64.encodeToString(mac(signingKey, input));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of a token signed HS256 with the key (and, when {@code checkExp}, not expired). */
    private static Optional<String> verify(String token, String signingKey, boolean checkExp) {
        Optional<JsonNode[]> parsed = parse(token);
        if (parsed.isEmpty() || !parsed.get()[0].path("alg").asText().equals("HS256")) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(signingKey, parts[0] + "." + parts[1]), signature)) {
            return Optional.empty();
        }
        JsonNode claims = parsed.get()[1];
        if (checkExp && (!claims.path("exp").canConvertToLong()
                || claims.path("exp").asLong() <= Instant.now().getEpochSecond())) {
            return Optional.empty();
        }
        return Optional.of(claims.path("sub").asText());
    }

    /** The flaw: a token whose header says alg none is trusted without a signature. */
    private Optional<String> verifyAllowingNone(String token) {
        Optional<JsonNode[]> parsed = parse(token);
        if (parsed.isPresent() && parsed.get()[0].path("alg").asText().equalsIgnoreCase("none")) {
            JsonNode claims = parsed.get()[1];
            return claims.path("exp").asLong() > Instant.now().getEpochSecond()
                    ? Optional.of(claims.path("sub").asText()) : Optional.empty();
        }
        return verify(token, key, true);
    }

    /** The flaw: the claims are read without checking the signature at all (exp is checked). */
    private static Optional<String> claimsUnverified(String token) {
        Optional<JsonNode[]> parsed = parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode claims = parsed.get()[1];
        return claims.path("exp").asLong() > Instant.now().getEpochSecond()
                ? Optional.of(claims.path("sub").asText()) : Optional.empty();
    }

    private static Optional<JsonNode[]> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            return header == null || claims == null ? Optional.empty() : Optional.of(new JsonNode[] {header, claims});
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String signingKey, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
