package io.secperf.security;

import io.secperf.secret.UrlRedaction;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the auth, fuzz and attack checks need to know about one target, usually read from a
 * {@code security.yaml} by {@link SecurityConfigReader} (format: docs/security-config.md). Every count, rate and
 * duration is bounded (see {@link Limits}) so a typo cannot turn a check into a denial-of-service tool. Credentials
 * appear only as {@link SecretRef references}; {@link Credentials#resolve} looks the values up when a check starts.
 *
 * @param target      where the checks go and how to connect
 * @param credentials credential name (used as {@code ${name}} in request templates) to where its value lives
 * @param auth        authentication checks
 * @param fuzz        fuzzing
 * @param attack      attack traffic; each kind runs only when configured
 * @param source      where the configuration came from, for messages ("security.yaml", "inline")
 */
public record SecurityConfig(Target target, Map<String, SecretRef> credentials, Auth auth, Fuzz fuzz, Attack attack,
                             String source) {

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([^}]*)}");

    public SecurityConfig {
        Objects.requireNonNull(target, "target");
        credentials = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(credentials,
                "credentials")));
        auth = auth == null ? Auth.none() : auth;
        fuzz = fuzz == null ? Fuzz.defaults(List.of()) : fuzz;
        attack = attack == null ? Attack.none() : attack;
        source = source == null ? "inline" : source;
        for (String name : credentials.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
                throw new IllegalArgumentException("credential name '" + name + "' must be letters, digits, _ . -");
            }
        }
        for (String name : referencedCredentials(target, auth, fuzz, attack)) {
            if (!credentials.containsKey(name)) {
                throw new IllegalArgumentException("${" + name + "} is used but no credential '" + name
                        + "' is defined under credentials");
            }
        }
        if (auth.lockout().isPresent() && auth.login().isEmpty()) {
            throw new IllegalArgumentException("auth.lockout needs auth.login (the failed logins go there)");
        }
        if (auth.lockout().isPresent() && !credentials.containsKey(auth.lockout().get().wrongCredential())) {
            throw new IllegalArgumentException("auth.lockout.wrongCredential '" + auth.lockout().get().wrongCredential()
                    + "' is not a credential name");
        }
        if (auth.lockout().isPresent() && !auth.login().get().request().templateNames()
                .contains(auth.lockout().get().wrongCredential())) {
            throw new IllegalArgumentException("auth.lockout.wrongCredential '" + auth.lockout().get().wrongCredential()
                    + "' is not used as ${" + auth.lockout().get().wrongCredential() + "} in the auth.login request");
        }
        if (auth.token().isPresent() && !credentials.containsKey(auth.token().get())) {
            throw new IllegalArgumentException("auth.token '" + auth.token().get() + "' is not a credential name");
        }
    }

    /** The credential names a text uses as {@code ${name}}; {@code $${} is a literal {@code ${}. */
    public static Set<String> templateNames(String text) {
        Set<String> names = new TreeSet<>();
        if (text == null) {
            return names;
        }
        Matcher matcher = TEMPLATE.matcher(text);
        while (matcher.find()) {
            if (matcher.start() > 0 && text.charAt(matcher.start() - 1) == '$') {
                continue;
            }
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> referencedCredentials(Target target, Auth auth, Fuzz fuzz, Attack attack) {
        Set<String> names = new TreeSet<>();
        target.headers().values().forEach(v -> names.addAll(templateNames(v)));
        auth.protectedEndpoints().forEach(e -> names.addAll(e.templateNames()));
        auth.login().ifPresent(l -> names.addAll(l.request().templateNames()));
        fuzz.endpoints().forEach(e -> names.addAll(e.templateNames()));
        attack.flood().ifPresent(f -> f.endpoints().forEach(e -> names.addAll(e.templateNames())));
        return names;
    }

    /** Bounds and defaults of every setting; docs/security-config.md lists the same numbers. */
    public static final class Limits {
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
        public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
        public static final int MAX_ENDPOINTS = 100;
        public static final int MAX_BODY_TEMPLATE_CHARS = 1 << 20;
        public static final int DEFAULT_LOCKOUT_ATTEMPTS = 10;
        public static final int MAX_LOCKOUT_ATTEMPTS = 100;
        public static final int DEFAULT_FUZZ_ITERATIONS = 200;
        public static final int MAX_FUZZ_ITERATIONS = 100_000;
        public static final Duration DEFAULT_FUZZ_BUDGET = Duration.ofSeconds(60);
        public static final Duration MAX_FUZZ_BUDGET = Duration.ofHours(1);
        public static final Duration DEFAULT_FUZZ_REQUEST_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_PARTIAL_REQUEST_TIMEOUT = Duration.ofSeconds(20);
        public static final int DEFAULT_FUZZ_MAX_BODY = 1 << 20;
        public static final int MIN_FUZZ_MAX_BODY = 1 << 10;
        public static final int MAX_FUZZ_MAX_BODY = 16 << 20;
        public static final int DEFAULT_SESSIONS = 50;
        public static final int MAX_SESSIONS = 10_000;
        public static final int DEFAULT_SESSION_RATE = 20;
        public static final int MAX_SESSION_RATE = 500;
        public static final int DEFAULT_SESSION_CONCURRENCY = 2;
        public static final int MAX_SESSION_CONCURRENCY = 32;
        public static final int DEFAULT_FLOOD_RATE = 50;
        public static final int MAX_FLOOD_RATE = 2_000;
        public static final Duration DEFAULT_FLOOD_DURATION = Duration.ofSeconds(10);
        public static final Duration MAX_ATTACK_DURATION = Duration.ofMinutes(10);
        public static final Duration MIN_ATTACK_DURATION = Duration.ofMillis(500);
        public static final int DEFAULT_FLOOD_CONCURRENCY = 8;
        public static final int MAX_FLOOD_CONCURRENCY = 128;
        public static final int DEFAULT_SLOW_CONNECTIONS = 50;
        public static final int MAX_SLOW_CONNECTIONS = 2_000;
        public static final Duration DEFAULT_SLOW_DURATION = Duration.ofSeconds(30);
        public static final Duration DEFAULT_SLOW_INTERVAL = Duration.ofSeconds(5);
        public static final Duration MIN_SLOW_INTERVAL = Duration.ofMillis(100);
        public static final Duration MAX_SLOW_INTERVAL = Duration.ofMinutes(1);
        public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);

        private Limits() {
        }
    }

    static void requireBetween(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + value);
        }
    }

    static void requireBetween(String what, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be " + Durations.format(min) + ".."
                    + Durations.format(max) + ", was " + Durations.format(value));
        }
    }

    /**
     * The service under test.
     *
     * @param url            base URL ({@code http} or {@code https}); endpoint paths are appended to its path
     * @param insecure       accept any server certificate and host name (self-signed staging only); applies to this
     *                       check's own connections, never to the process
     * @param caFile         PEM file with the CA certificates to trust instead of the JDK's default trust store
     * @param connectTimeout TCP (and TLS) connect timeout
     * @param requestTimeout time limit of one ordinary request
     * @param headers        extra headers on every request (may use {@code ${credential}})
     */
    public record Target(URI url, boolean insecure, Optional<Path> caFile, Duration connectTimeout,
                         Duration requestTimeout, Map<String, String> headers) {

        public Target {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("target.url must start with http:// or https://, was " + UrlRedaction.redact(url.toString()));
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("target.url has no host: " + UrlRedaction.redact(url.toString()));
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("target.url must not contain user info (use credentials)");
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new IllegalArgumentException("target.url must not have a query or fragment: " + UrlRedaction.redact(url.toString()));
            }
            caFile = caFile == null ? Optional.empty() : caFile;
            if (insecure && caFile.isPresent()) {
                throw new IllegalArgumentException("target: use either insecure or caFile, not both");
            }
            requireBetween("target.connectTimeout", connectTimeout, Limits.MIN_TIMEOUT, Limits.MAX_TIMEOUT);
            requireBetween("target.requestTimeout", requestTimeout, Limits.MIN_TIMEOUT, Limits.MAX_TIMEOUT);
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
            requireSendableHeaders("target.headers", headers);
        }

        /** Default timeouts, no extra headers, JDK trust. */
        public static Target of(URI url) {
            return new Target(url, false, Optional.empty(), Limits.DEFAULT_CONNECT_TIMEOUT,
                    Limits.DEFAULT_REQUEST_TIMEOUT, Map.of());
        }

        public boolean https() {
            return "https".equalsIgnoreCase(url.getScheme());
        }

        public String host() {
            return url.getHost();
        }

        public int port() {
            return url.getPort() != -1 ? url.getPort() : https() ? 443 : 80;
        }

        /** The URL's path without a trailing slash ("" for the root), the prefix of every endpoint path. */
        public String basePath() {
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }

        /** {@code host[:port]} as a Host header value. */
        public String hostHeader() {
            String host = host();
            if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            int port = port();
            boolean defaultPort = https() ? port == 443 : port == 80;
            return defaultPort ? host : host + ":" + port;
        }

        /** The URL without any path, e.g. {@code https://host:8443}, for messages. */
        public String origin() {
            return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
        }

        public Target withInsecure(boolean value) {
            return new Target(url, value, value ? Optional.empty() : caFile, connectTimeout, requestTimeout, headers);
        }

        public Target withCaFile(Path file) {
            return new Target(url, false, Optional.of(file), connectTimeout, requestTimeout, headers);
        }

        public Target withTimeouts(Duration connect, Duration request) {
            return new Target(url, insecure, caFile, connect, request, headers);
        }
    }

    /**
     * One request of the service: what the checks call and mutate.
     *
     * @param method        HTTP method, upper case
     * @param path          path and optional query, starting with "/", appended to the target URL's path; may use
     *                      {@code ${credential}}
     * @param contentType   Content-Type of the body, or empty
     * @param body          request body template, or empty
     * @param headers       extra headers (may use {@code ${credential}})
     * @param authenticated whether the check sends the valid token with it (fuzzing, floods)
     */
    public record Endpoint(String method, String path, Optional<String> contentType, Optional<String> body,
                           Map<String, String> headers, boolean authenticated) {

        private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]{0,19}");

        public Endpoint {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("method must be an upper-case HTTP method, was '" + method + "'");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
            }
            if (path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("path must not contain spaces or control characters");
            }
            contentType = contentType == null ? Optional.empty() : contentType;
            body = body == null ? Optional.empty() : body;
            if (body.isPresent() && body.get().length() > Limits.MAX_BODY_TEMPLATE_CHARS) {
                throw new IllegalArgumentException("body is limited to " + Limits.MAX_BODY_TEMPLATE_CHARS
                        + " characters");
            }
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
            requireSendableHeaders("headers", headers);
        }

        /** {@code GET /path} style shorthand, no body, authenticated. */
        public static Endpoint parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("endpoint must be 'METHOD /path', was '" + text + "'");
            }
            return new Endpoint(parts[0], parts[1], Optional.empty(), Optional.empty(), Map.of(), true);
        }

        public static Endpoint of(String method, String path) {
            return new Endpoint(method, path, Optional.empty(), Optional.empty(), Map.of(), true);
        }

        public Endpoint withBody(String type, String content) {
            return new Endpoint(method, path, Optional.of(type), Optional.of(content), headers, authenticated);
        }

        public Endpoint withAuthenticated(boolean value) {
            return new Endpoint(method, path, contentType, body, headers, value);
        }

        /** {@code METHOD /path} for messages (the template, so no secret). */
        public String label() {
            return method + " " + path;
        }

        Set<String> templateNames() {
            Set<String> names = new TreeSet<>(SecurityConfig.templateNames(path));
            body.ifPresent(b -> names.addAll(SecurityConfig.templateNames(b)));
            headers.values().forEach(v -> names.addAll(SecurityConfig.templateNames(v)));
            return names;
        }
    }

    /** Where a login response carries the token. */
    public record TokenLocation(Kind kind, String name) {

        /** JSON pointer into the body, a response header, or a Set-Cookie cookie. */
        public enum Kind { JSON, HEADER, COOKIE }

        public TokenLocation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || (kind == Kind.JSON && !name.startsWith("/"))) {
                throw new IllegalArgumentException("tokenFrom must be json:/pointer, header:Name or cookie:Name");
            }
        }

        /** {@code json:/token}, {@code header:X-Auth-Token} or {@code cookie:SESSION}. */
        public static TokenLocation parse(String text) {
            int colon = text.indexOf(':');
            if (colon > 0) {
                String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
                String name = text.substring(colon + 1);
                switch (kind) {
                    case "json": return new TokenLocation(Kind.JSON, name);
                    case "header": return new TokenLocation(Kind.HEADER, name);
                    case "cookie": return new TokenLocation(Kind.COOKIE, name);
                    default: break;
                }
            }
            throw new IllegalArgumentException("tokenFrom must be json:/pointer, header:Name or cookie:Name, was '"
                    + text + "'");
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
        }
    }

    /**
     * How to log in to get a valid token.
     *
     * @param request   the login request (its body normally uses {@code ${username}} and {@code ${password}})
     * @param tokenFrom where the token is in the response
     */
    public record Login(Endpoint request, TokenLocation tokenFrom) {
        public Login {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(tokenFrom, "tokenFrom");
        }
    }

    /** How a token is sent with a request. */
    public record TokenPresentation(Kind kind, String name) {

        /** {@code Authorization: Bearer <token>}, a header holding the bare token, or a cookie. */
        public enum Kind { BEARER, HEADER, COOKIE }

        public TokenPresentation {
            Objects.requireNonNull(kind, "kind");
            name = kind == Kind.BEARER ? "Authorization" : Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("sendAs name must be a header/cookie token, was '" + name + "'");
            }
        }

        public static TokenPresentation bearer() {
            return new TokenPresentation(Kind.BEARER, "Authorization");
        }

        /** {@code bearer}, {@code header:X-Api-Key} or {@code cookie:SESSION}. */
        public static TokenPresentation parse(String text) {
            if (text.equalsIgnoreCase("bearer")) {
                return bearer();
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
                String name = text.substring(colon + 1);
                if (kind.equals("header")) {
                    return new TokenPresentation(Kind.HEADER, name);
                }
                if (kind.equals("cookie")) {
                    return new TokenPresentation(Kind.COOKIE, name);
                }
            }
            throw new IllegalArgumentException("sendAs must be bearer, header:Name or cookie:Name, was '" + text + "'");
        }

        @Override
        public String toString() {
            return kind == Kind.BEARER ? "bearer" : kind.name().toLowerCase(Locale.ROOT) + ":" + name;
        }
    }

    /**
     * Brute-force protection check: this many failed logins must end in one of the expected statuses.
     *
     * @param attempts        failed logins to send (the check sends one more to see the limit)
     * @param expectStatus    statuses that show a limit (default 429 and 423)
     * @param wrongCredential the credential replaced by a wrong value in the login request (default "password")
     */
    public record Lockout(int attempts, Set<Integer> expectStatus, String wrongCredential) {
        public Lockout {
            requireBetween("auth.lockout.attempts", attempts, 1, Limits.MAX_LOCKOUT_ATTEMPTS);
            expectStatus = Collections.unmodifiableSet(new TreeSet<>(expectStatus == null || expectStatus.isEmpty()
                    ? Set.of(429, 423) : expectStatus));
            for (int status : expectStatus) {
                requireBetween("auth.lockout.expectStatus", status, 400, 599);
            }
            wrongCredential = wrongCredential == null ? "password" : wrongCredential;
        }

        public static Lockout defaults() {
            return new Lockout(Limits.DEFAULT_LOCKOUT_ATTEMPTS, Set.of(429, 423), "password");
        }
    }

    /** The parts of the auth check that can be switched off ({@code auth.skip}). */
    public enum AuthPart {
        CREDENTIALS("credentials"), JWT("jwt"), LOCKOUT("lockout"), COOKIES("cookies"), HEADERS("headers"),
        LEAKS("leaks"), TOKEN_IN_URL("tokenInUrl");

        private final String key;

        AuthPart(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<AuthPart> byKey(String key) {
            for (AuthPart part : values()) {
                if (part.key.equals(key)) {
                    return Optional.of(part);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Authentication checks.
     *
     * @param token              name of a credential holding a ready, valid token (alternative to {@code login})
     * @param login              how to log in for a valid token
     * @param sendAs             how the token travels
     * @param protectedEndpoints requests that must be refused without valid credentials
     * @param lockout            brute-force protection check, off unless configured (it may lock the account)
     * @param jwtPublicKeyFile   the server's RSA/EC public key (PEM) for the RS→HS confusion probe, optional
     * @param skip               parts not to run
     */
    public record Auth(Optional<String> token, Optional<Login> login, TokenPresentation sendAs,
                       List<Endpoint> protectedEndpoints, Optional<Lockout> lockout, Optional<Path> jwtPublicKeyFile,
                       Set<AuthPart> skip) {
        public Auth {
            token = token == null ? Optional.empty() : token;
            login = login == null ? Optional.empty() : login;
            if (token.isPresent() && login.isPresent()) {
                throw new IllegalArgumentException("auth: use either token or login, not both");
            }
            sendAs = sendAs == null ? TokenPresentation.bearer() : sendAs;
            protectedEndpoints = List.copyOf(protectedEndpoints == null ? List.of() : protectedEndpoints);
            requireBetween("auth.protectedEndpoints (count)", protectedEndpoints.size(), 0, Limits.MAX_ENDPOINTS);
            lockout = lockout == null ? Optional.empty() : lockout;
            jwtPublicKeyFile = jwtPublicKeyFile == null ? Optional.empty() : jwtPublicKeyFile;
            skip = skip == null || skip.isEmpty() ? Set.of() : Collections.unmodifiableSet(java.util.EnumSet.copyOf(skip));
        }

        public static Auth none() {
            return new Auth(Optional.empty(), Optional.empty(), TokenPresentation.bearer(), List.of(),
                    Optional.empty(), Optional.empty(), Set.of());
        }

        public boolean runs(AuthPart part) {
            return !skip.contains(part);
        }

        /** Whether a valid token can be obtained (from a credential or a login). */
        public boolean hasTokenSource() {
            return token.isPresent() || login.isPresent();
        }
    }

    /**
     * Fuzzing: mutated copies of the configured requests plus malformed raw HTTP/1.1 requests.
     *
     * @param seed                  seed of the mutations; the same seed replays the same inputs
     * @param iterations            mutated requests to send
     * @param timeBudget            wall-clock limit of the whole fuzz run
     * @param requestTimeout        a complete request without an answer by then is a hang
     * @param partialRequestTimeout how long a server may hold an incomplete request before that counts as a hang
     * @param maxBodyBytes          largest mutated body
     * @param endpoints             requests to mutate (default: the auth check's protected endpoints)
     * @param raw                   whether to send the malformed raw requests
     * @param rawPath               path of the raw requests (default "/"); a public path that answers 200 shows
     *                              whether invalid requests are accepted
     */
    public record Fuzz(long seed, int iterations, Duration timeBudget, Duration requestTimeout,
                       Duration partialRequestTimeout, int maxBodyBytes, List<Endpoint> endpoints, boolean raw,
                       Optional<String> rawPath) {
        public Fuzz {
            requireBetween("fuzz.iterations", iterations, 0, Limits.MAX_FUZZ_ITERATIONS);
            requireBetween("fuzz.timeBudget", timeBudget, Duration.ofSeconds(1), Limits.MAX_FUZZ_BUDGET);
            requireBetween("fuzz.requestTimeout", requestTimeout, Limits.MIN_TIMEOUT, Duration.ofSeconds(60));
            requireBetween("fuzz.partialRequestTimeout", partialRequestTimeout, Duration.ofMillis(500),
                    Limits.MAX_TIMEOUT);
            requireBetween("fuzz.maxBodyBytes", maxBodyBytes, Limits.MIN_FUZZ_MAX_BODY, Limits.MAX_FUZZ_MAX_BODY);
            endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
            requireBetween("fuzz.endpoints (count)", endpoints.size(), 0, Limits.MAX_ENDPOINTS);
            rawPath = rawPath == null ? Optional.empty() : rawPath;
            rawPath.ifPresent(p -> {
                if (!p.startsWith("/") || p.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                    throw new IllegalArgumentException("fuzz.rawPath must be an ASCII path starting with '/'");
                }
            });
        }

        public static Fuzz defaults(List<Endpoint> endpoints) {
            return new Fuzz(new java.security.SecureRandom().nextLong(), Limits.DEFAULT_FUZZ_ITERATIONS,
                    Limits.DEFAULT_FUZZ_BUDGET, Limits.DEFAULT_FUZZ_REQUEST_TIMEOUT,
                    Limits.DEFAULT_PARTIAL_REQUEST_TIMEOUT, Limits.DEFAULT_FUZZ_MAX_BODY, endpoints, true,
                    Optional.empty());
        }

        public Fuzz withSeed(long value) {
            return new Fuzz(value, iterations, timeBudget, requestTimeout, partialRequestTimeout, maxBodyBytes,
                    endpoints, raw, rawPath);
        }

        public Fuzz withIterations(int value) {
            return new Fuzz(seed, value, timeBudget, requestTimeout, partialRequestTimeout, maxBodyBytes, endpoints,
                    raw, rawPath);
        }
    }

    /**
     * Excessive TLS session creation: every connection does a full handshake (no resumption) and one request.
     *
     * @param count       connections in total
     * @param rate        new connections per second at most
     * @param concurrency connections in flight at once
     * @param path        path requested on each connection
     */
    public record SessionFlood(int count, int rate, int concurrency, String path) {
        public SessionFlood {
            requireBetween("attack.sessions.count", count, 1, Limits.MAX_SESSIONS);
            requireBetween("attack.sessions.rate", rate, 1, Limits.MAX_SESSION_RATE);
            requireBetween("attack.sessions.concurrency", concurrency, 1, Limits.MAX_SESSION_CONCURRENCY);
            path = path == null ? "/" : path;
            requireAsciiPath("attack.sessions.path", path);
        }
    }

    /**
     * A bounded request flood.
     *
     * @param endpoints   requests, sent round-robin
     * @param rate        requests per second at most
     * @param duration    how long
     * @param concurrency requests in flight at once
     */
    public record RequestFlood(List<Endpoint> endpoints, int rate, Duration duration, int concurrency) {
        public RequestFlood {
            endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
            requireBetween("attack.flood.endpoints (count)", endpoints.size(), 1, Limits.MAX_ENDPOINTS);
            requireBetween("attack.flood.rate", rate, 1, Limits.MAX_FLOOD_RATE);
            requireBetween("attack.flood.duration", duration, Limits.MIN_ATTACK_DURATION,
                    Limits.MAX_ATTACK_DURATION);
            requireBetween("attack.flood.concurrency", concurrency, 1, Limits.MAX_FLOOD_CONCURRENCY);
        }
    }

    /**
     * Slow-header (slowloris-style) connections, with availability probes during the attack.
     *
     * @param connections   connections held open
     * @param duration      how long
     * @param interval      pause between two header lines on each connection
     * @param probePath     path of the probe request that must keep working
     * @param probeTimeout  time limit of one probe
     * @param probeInterval pause between probes
     */
    public record SlowHeaders(int connections, Duration duration, Duration interval, String probePath,
                              Duration probeTimeout, Duration probeInterval) {
        public SlowHeaders {
            requireBetween("attack.slowHeaders.connections", connections, 1, Limits.MAX_SLOW_CONNECTIONS);
            requireBetween("attack.slowHeaders.duration", duration, Limits.MIN_ATTACK_DURATION,
                    Limits.MAX_ATTACK_DURATION);
            requireBetween("attack.slowHeaders.interval", interval, Limits.MIN_SLOW_INTERVAL,
                    Limits.MAX_SLOW_INTERVAL);
            probePath = probePath == null ? "/" : probePath;
            requireAsciiPath("attack.slowHeaders.probePath", probePath);
            requireBetween("attack.slowHeaders.probeTimeout", probeTimeout, Limits.MIN_TIMEOUT,
                    Duration.ofSeconds(60));
            requireBetween("attack.slowHeaders.probeInterval", probeInterval, Duration.ofMillis(200),
                    Duration.ofMinutes(1));
        }
    }

    /** Attack traffic; each kind runs only when present. */
    public record Attack(Optional<SessionFlood> sessions, Optional<RequestFlood> flood,
                         Optional<SlowHeaders> slowHeaders) {
        public Attack {
            sessions = sessions == null ? Optional.empty() : sessions;
            flood = flood == null ? Optional.empty() : flood;
            slowHeaders = slowHeaders == null ? Optional.empty() : slowHeaders;
        }

        public static Attack none() {
            return new Attack(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding");

    /** Headers the HTTP client sets itself cannot be configured (the fuzzer's raw requests cover them). */
    private static void requireSendableHeaders(String what, Map<String, String> headers) {
        for (String name : headers.keySet()) {
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(what + ": header '" + name + "' is set by the HTTP client and "
                        + "cannot be configured");
            }
        }
    }

    private static void requireAsciiPath(String what, String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException(what + " must be an ASCII path starting with '/'");
        }
    }

    public SecurityConfig withTarget(Target value) {
        return new SecurityConfig(value, credentials, auth, fuzz, attack, source);
    }

    public SecurityConfig withFuzz(Fuzz value) {
        return new SecurityConfig(target, credentials, auth, value, attack, source);
    }

    public SecurityConfig withAttack(Attack value) {
        return new SecurityConfig(target, credentials, auth, fuzz, value, source);
    }

    public SecurityConfig withAuth(Auth value) {
        return new SecurityConfig(target, credentials, value, fuzz, attack, source);
    }
}
