package io.secperf.security.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small JSON API over HTTPS on 127.0.0.1 (the JDK HttpServer behind a {@link TlsFrontend}), built correctly unless told to have some of the classic {@link Flaw}s, so
 * each check can be shown to find exactly the flaw it looks for and nothing on the correct server. Routes:
 * {@code GET /}, {@code GET /health}, {@code POST /api/login} (JSON username/password → {"token": JWT} and a session
 * cookie), {@code GET /api/items} and {@code POST /api/orders} (bearer JWT).
 */
public final class TestApiServer implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret-Passw0rd!";
    public static final int LOCKOUT_AFTER = 5;

    /** Deliberate mistakes. */
    public enum Flaw {
        /** honours JWTs with alg none (any spelling) */
        ALG_NONE,
        /** GET /api/items needs no credentials */
        ITEMS_OPEN,
        /** invalid JSON gets a 500 with the Java stack trace in the body */
        STACK_TRACE,
        /** a header longer than 4 KB makes the server fail with 500 */
        LONG_HEADER_500,
        /** session cookie without Secure, HttpOnly, SameSite */
        COOKIE_NO_FLAGS,
        /** Server: Apache/2.4.1 and X-Powered-By */
        BANNER,
        /** no HSTS, nosniff, frame options, CSP */
        NO_SECURITY_HEADERS,
        /** failed logins are never limited */
        NO_LOCKOUT,
        /** 401 without WWW-Authenticate */
        NO_CHALLENGE,
        /** accepts ?access_token= */
        TOKEN_IN_QUERY,
        /** no rate limit */
        NO_RATE_LIMIT,
        /** accepts control characters, non-ASCII paths and oversized requests the JDK server lets through */
        LENIENT_PARSING
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=63072000",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    private final Set<Flaw> flaws;
    private final TestCertificates certificates;
    private final HttpServer server;
    private final TlsFrontend frontend;
    private final ExecutorService executor;
    private final TestJwt jwt;
    private final Map<String, Integer> failedLogins = new ConcurrentHashMap<>();
    private final RateLimiter limiter;
    private final AtomicInteger requests = new AtomicInteger();

    private TestApiServer(Set<Flaw> flaws, TestCertificates certificates, int threads) throws IOException {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.certificates = certificates;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.jwt = new TestJwt(key);
        this.limiter = new RateLimiter(150, 100);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        http.createContext("/", this::handle);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "test-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        http.start();
        this.server = http;
        this.frontend = new TlsFrontend(certificates.serverContext(), http.getAddress().getPort());
    }

    /** The correct server: CA-signed certificate (trust it with {@link #writeCaPem(Path)}). */
    public static TestApiServer correct() throws IOException {
        return new TestApiServer(Set.of(), TestCertificates.signedByCa(), 64);
    }

    /** A server with the given flaws and a self-signed certificate (clients need {@code insecure: true}). */
    public static TestApiServer flawed(Set<Flaw> flaws) throws IOException {
        return new TestApiServer(flaws, TestCertificates.selfSigned(), 64);
    }

    public static TestApiServer flawed(Flaw first, Flaw... rest) throws IOException {
        return flawed(EnumSet.of(first, rest));
    }

    public static TestApiServer allFlaws() throws IOException {
        return flawed(EnumSet.allOf(Flaw.class));
    }

    /** The HTTPS address (TLS terminated by a {@link TlsFrontend}). */
    public URI uri() {
        return URI.create("https://127.0.0.1:" + frontend.port() + "/");
    }

    /** The same server without TLS. */
    public URI plainUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public Path writeCaPem(Path directory) throws IOException {
        return certificates.writeCaPem(directory);
    }

    public int requestCount() {
        return requests.get();
    }

    /** A valid token, as the login would issue it. */
    public String issueToken() {
        return jwt.issue(USER, Instant.now().plusSeconds(3600));
    }

    private boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            route(exchange);
        } catch (RuntimeException e) {
            try {
                json(exchange, 500, "{\"error\":\"internal\"}");
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        {
            if (!has(Flaw.NO_RATE_LIMIT) && !limiter.tryAcquire()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                json(exchange, 429, "{\"error\":\"rate_limited\"}");
                return;
            }
            Optional<Integer> bad = malformed(exchange);
            if (bad.isPresent()) {
                exchange.getResponseHeaders().set("Connection", "close");
                json(exchange, bad.get(), "{\"error\":\"bad_request\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean read = method.equals("GET") || method.equals("HEAD");
            switch (path) {
                case "/" -> {
                    if (read || has(Flaw.LENIENT_PARSING)) {
                        send(exchange, 200, "text/html; charset=utf-8",
                                "<!doctype html><title>test</title><p>test api</p>");
                    } else {
                        json(exchange, 405, "{\"error\":\"method\"}");
                    }
                }
                case "/health" -> json(exchange, read ? 200 : 405, read ? "{\"status\":\"UP\"}"
                        : "{\"error\":\"method\"}");
                case "/api/login" -> {
                    if (method.equals("POST")) {
                        login(exchange);
                    } else {
                        json(exchange, 405, "{\"error\":\"method\"}");
                    }
                }
                case "/api/items" -> {
                    if ((has(Flaw.ITEMS_OPEN) || authorized(exchange)) && method.equals("GET")) {
                        json(exchange, 200, "{\"items\":[{\"id\":1,\"name\":\"cache\"}]}");
                    } else if (!method.equals("GET")) {
                        json(exchange, 405, "{\"error\":\"method\"}");
                    } else {
                        unauthorized(exchange);
                    }
                }
                case "/api/orders" -> {
                    if (!method.equals("POST")) {
                        json(exchange, 405, "{\"error\":\"method\"}");
                    } else if (!authorized(exchange)) {
                        unauthorized(exchange);
                    } else {
                        order(exchange);
                    }
                }
                default -> json(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    /** What a careful server refuses that the JDK server lets through. */
    private Optional<Integer> malformed(HttpExchange exchange) {
        String rawUri = exchange.getRequestURI().toString();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                if (value.length() > 4096) {
                    if (has(Flaw.LONG_HEADER_500)) {
                        throw new IllegalStateException("header buffer overflow");
                    }
                    if (!has(Flaw.LENIENT_PARSING)) {
                        return Optional.of(431);
                    }
                }
                if (!has(Flaw.LENIENT_PARSING) && value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                    return Optional.of(400);
                }
            }
        }
        if (has(Flaw.LENIENT_PARSING)) {
            return Optional.empty();
        }
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1) {
            return Optional.of(400);
        }
        for (String name : exchange.getRequestHeaders().keySet()) {
            if (name.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                return Optional.of(400);
            }
        }
        if (rawUri.length() > 8192) {
            return Optional.of(414);
        }
        if (rawUri.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return Optional.of(400);
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.trim().length() > 0 && Long.parseLong(length.trim()) > 65536) {
            return Optional.of(413);
        }
        return Optional.empty();
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (has(Flaw.TOKEN_IN_QUERY) && exchange.getRequestURI().getQuery() != null) {
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                if (pair.startsWith("access_token=")) {
                    token = pair.substring("access_token=".length());
                }
            }
        }
        return token != null && jwt.verify(token, has(Flaw.ALG_NONE)).isPresent();
    }

    private void unauthorized(HttpExchange exchange) throws IOException {
        if (!has(Flaw.NO_CHALLENGE)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"test\", error=\"invalid_token\"");
        }
        json(exchange, 401, "{\"error\":\"unauthorized\"}");
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(read(exchange));
        } catch (IOException e) {
            badJson(exchange, e);
            return;
        }
        String user = body == null ? "" : body.path("username").asText("");
        String password = body == null ? "" : body.path("password").asText("");
        int failures = failedLogins.getOrDefault(user, 0);
        if (!has(Flaw.NO_LOCKOUT) && failures >= LOCKOUT_AFTER) {
            exchange.getResponseHeaders().set("Retry-After", "60");
            json(exchange, 429, "{\"error\":\"too_many_attempts\"}");
            return;
        }
        if (!USER.equals(user) || !PASSWORD.equals(password)) {
            failedLogins.merge(user, 1, Integer::sum);
            unauthorized(exchange);
            return;
        }
        String session = Long.toHexString(new SecureRandom().nextLong()) + Long.toHexString(System.nanoTime());
        exchange.getResponseHeaders().add("Set-Cookie", has(Flaw.COOKIE_NO_FLAGS)
                ? "SESSIONID=" + session + "; Path=/"
                : "SESSIONID=" + session + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        json(exchange, 200, "{\"token\":\"" + issueToken() + "\",\"tokenType\":\"Bearer\"}");
    }

    private void order(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(read(exchange));
        } catch (IOException e) {
            badJson(exchange, e);
            return;
        }
        if (body == null || !body.path("itemId").isInt() || !body.path("quantity").isInt()
                || body.path("quantity").asInt() < 1 || body.path("quantity").asInt() > 100) {
            json(exchange, 400, "{\"error\":\"invalid_order\"}");
            return;
        }
        json(exchange, 201, "{\"orderId\":1,\"status\":\"accepted\"}");
    }

    private void badJson(HttpExchange exchange, IOException e) throws IOException {
        if (has(Flaw.STACK_TRACE)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            send(exchange, 500, "text/plain", trace.toString());
        } else {
            json(exchange, 400, "{\"error\":\"invalid_json\"}");
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(1 << 20);
        }
    }

    private void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (!has(Flaw.NO_SECURITY_HEADERS)) {
            SECURITY_HEADERS.forEach(headers::set);
        }
        if (has(Flaw.BANNER)) {
            headers.set("Server", "Apache/2.4.1 (Unix)");
            headers.set("X-Powered-By", "PHP/5.6.40");
        }
        headers.set("Content-Type", type);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        frontend.close();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Token bucket: {@code capacity} burst, {@code perSecond} refill. */
    private static final class RateLimiter {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        RateLimiter(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
