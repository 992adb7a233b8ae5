package io.secperf.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.secperf.security.ConfigNode.Entry;
import io.secperf.security.ConfigNode.ListNode;
import io.secperf.security.ConfigNode.MapNode;
import io.secperf.security.ConfigNode.Scalar;
import io.secperf.security.SecurityConfig.Attack;
import io.secperf.security.SecurityConfig.Auth;
import io.secperf.security.SecurityConfig.AuthPart;
import io.secperf.security.SecurityConfig.Endpoint;
import io.secperf.security.SecurityConfig.Fuzz;
import io.secperf.security.SecurityConfig.Jwt;
import io.secperf.security.SecurityConfig.Limits;
import io.secperf.security.SecurityConfig.Lockout;
import io.secperf.security.SecurityConfig.Login;
import io.secperf.security.SecurityConfig.RequestFlood;
import io.secperf.security.SecurityConfig.SessionFlood;
import io.secperf.security.SecurityConfig.SlowHeaders;
import io.secperf.security.SecurityConfig.Target;
import io.secperf.security.SecurityConfig.TokenLocation;
import io.secperf.security.SecurityConfig.TokenPresentation;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a {@code security.yaml} into a {@link SecurityConfig}. Every problem is reported as one line with the file,
 * line and column: YAML syntax errors (Jackson's location), unknown keys (with a "did you mean" suggestion), wrong
 * types, out-of-range numbers, inline secrets. Relative files ({@code caFile}, {@code jwtPublicKeyFile}) are resolved
 * against the configuration file's directory. The format is documented in docs/security-config.md.
 */
public final class SecurityConfigReader {

    /** Larger files are refused before parsing; a real configuration is a few kilobytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_NESTING = 64;

    private static final YAMLFactory YAML = buildFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Path baseDir;

    private SecurityConfigReader(String source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    private static YAMLFactory buildFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_FILE_BYTES);
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(MAX_NESTING);
        // the builder starts with every YAML parser feature off, unlike new YAMLFactory(): without
        // EMPTY_STRING_AS_NULL a key without a value ("credentials:") would be an empty string, not "not set"
        return YAMLFactory.builder()
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_FILE_BYTES).build())
                .build();
    }

    /**
     * Reads a file.
     *
     * @throws SecurityConfigException for an unreadable file or invalid content (one line, no secrets)
     */
    public static SecurityConfig read(Path file) throws SecurityConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SecurityConfigException(name, "file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SecurityConfigException(name, "file not found");
        } catch (IOException e) {
            throw new SecurityConfigException(name, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SecurityConfigException(name, "not valid UTF-8");
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(text, name, parent == null ? Path.of(".") : parent);
    }

    /**
     * Parses YAML text.
     *
     * @param source  name used in messages
     * @param baseDir directory that relative file names are resolved against
     */
    public static SecurityConfig parse(String yaml, String source, Path baseDir) throws SecurityConfigException {
        if (yaml.length() > MAX_FILE_BYTES) {
            throw new SecurityConfigException(source, "configuration is larger than " + MAX_FILE_BYTES + " characters");
        }
        SecurityConfigReader reader = new SecurityConfigReader(source, baseDir);
        ConfigNode root = reader.tree(yaml);
        return reader.bind(root);
    }

    /**
     * Parses a YAML list of endpoints in security.yaml's endpoint syntax ({@code - GET /path} or
     * {@code - {method: POST, path: /api/orders, contentType: application/json, body: '{"a":1}'}}), the same way
     * {@code fuzz.endpoints} is read and with the same errors. JMeter's fuzz sampler uses it for its {@code endpoints}
     * property, which replaces {@code fuzz.endpoints}, so a plan can fuzz its own requests.
     *
     * @param yaml                 the list; blank text is an empty list
     * @param source               name used in messages (e.g. the property), as {@code source:line:column: ...}
     * @param authenticatedDefault whether entries without {@code authenticated} send the valid token
     * @throws SecurityConfigException for invalid YAML, a value that is not a list, or an invalid endpoint
     */
    public static List<Endpoint> parseEndpoints(String yaml, String source, boolean authenticatedDefault)
            throws SecurityConfigException {
        if (yaml == null || yaml.isBlank()) {
            return List.of();
        }
        if (yaml.length() > MAX_FILE_BYTES) {
            throw new SecurityConfigException(source, "endpoint list is larger than " + MAX_FILE_BYTES
                    + " characters");
        }
        SecurityConfigReader reader = new SecurityConfigReader(source, Path.of("."));
        ConfigNode root = reader.tree(yaml);
        MapNode holder = new MapNode(Map.of("endpoints", new Entry("endpoints", root.line(), root.column(), root)),
                root.line(), root.column());
        return reader.endpoints(holder, "endpoints", "endpoints", authenticatedDefault);
    }

    // ---------------------------------------------------------------------------------------------- YAML to tree

    private ConfigNode tree(String yaml) throws SecurityConfigException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SecurityConfigException(source, "is empty (expected a map with at least 'target')");
            }
            ConfigNode root = readValue(parser);
            if (parser.nextToken() != null) {
                throw error(parser.currentTokenLocation(), "only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new SecurityConfigException(source, ConfigNode.line(location), ConfigNode.column(location),
                    "invalid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SecurityConfigException(source, "cannot read: " + oneLine(e.getMessage()));
        }
    }

    private ConfigNode readValue(JsonParser parser) throws IOException, SecurityConfigException {
        JsonLocation location = parser.currentTokenLocation();
        int line = ConfigNode.line(location);
        int column = ConfigNode.column(location);
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // the streaming parser would hand over the alias's name as text; an expanded alias is a YAML bomb
            throw error(location, "YAML aliases are not supported (*" + yaml.getText() + "): write the "
                    + "value out");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyLocation = parser.currentTokenLocation();
                    if (entries.containsKey(key)) {
                        throw error(keyLocation, "duplicate key '" + key + "' (first at line "
                                + entries.get(key).line() + ")");
                    }
                    parser.nextToken();
                    ConfigNode value = readValue(parser);
                    entries.put(key, new Entry(key, ConfigNode.line(keyLocation), ConfigNode.column(keyLocation),
                            value));
                }
                return new MapNode(entries, line, column);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                return new ListNode(items, line, column);
            }
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_NULL:
                return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), token, line, column);
            default:
                throw error(location, "unsupported YAML content (" + token + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------- tree to config

    private SecurityConfig bind(ConfigNode rootNode) throws SecurityConfigException {
        MapNode root = map(rootNode, "the document");
        allowKeys(root, "the document", "version", "target", "credentials", "auth", "fuzz", "attack");
        Optional<Scalar> version = scalarOpt(root, "version", "version");
        if (version.isPresent() && !"1".equals(version.get().text())) {
            throw error(version.get(), "version: only version 1 exists");
        }
        Target target = target(required(root, "target", "the document"));
        Map<String, SecretRef> credentials = credentials(root.entries().get("credentials"));
        Auth auth = root.entries().containsKey("auth") ? auth(root.entries().get("auth").value()) : Auth.none();
        Fuzz fuzz = fuzz(root.entries().get("fuzz"), auth);
        Attack attack = root.entries().containsKey("attack") ? attack(root.entries().get("attack").value())
                : Attack.none();
        try {
            return new SecurityConfig(target, credentials, auth, fuzz, attack, source);
        } catch (IllegalArgumentException e) {
            throw error(rootNode, e.getMessage());
        }
    }

    private Target target(ConfigNode node) throws SecurityConfigException {
        MapNode map = map(node, "target");
        allowKeys(map, "target", "url", "insecure", "caFile", "connectTimeout", "requestTimeout", "headers");
        Scalar urlNode = scalar(required(map, "url", "target"), "target.url");
        URI url;
        try {
            url = new URI(urlNode.text());
        } catch (URISyntaxException e) {
            throw error(urlNode, "target.url is not a valid URL: " + e.getReason());
        }
        boolean insecure = bool(map, "insecure", false, "target.insecure");
        Optional<Path> caFile = string(map, "caFile", "target.caFile").map(this::file);
        Duration connect = duration(map, "connectTimeout", Limits.DEFAULT_CONNECT_TIMEOUT, Limits.MIN_TIMEOUT,
                Limits.MAX_TIMEOUT, "target.connectTimeout");
        Duration request = duration(map, "requestTimeout", Limits.DEFAULT_REQUEST_TIMEOUT, Limits.MIN_TIMEOUT,
                Limits.MAX_TIMEOUT, "target.requestTimeout");
        Map<String, String> headers = headers(map, "headers", "target.headers");
        return construct(map, () -> new Target(url, insecure, caFile, connect, request, headers));
    }

    private Map<String, SecretRef> credentials(Entry entry) throws SecurityConfigException {
        Map<String, SecretRef> refs = new LinkedHashMap<>();
        if (entry == null || isNull(entry.value())) {
            return refs;
        }
        MapNode map = map(entry.value(), "credentials");
        for (Entry credential : map.entries().values()) {
            String what = "credentials." + credential.key();
            if (!(credential.value() instanceof Scalar scalar) || scalar.isNull()
                    || scalar.token() != JsonToken.VALUE_STRING) {
                throw error(credential.value(), what + " must be 'env:NAME' or 'property:NAME'");
            }
            try {
                refs.put(credential.key(), SecretRef.parse(scalar.text()));
            } catch (IllegalArgumentException e) {
                throw error(scalar, what + " " + e.getMessage());
            }
        }
        return refs;
    }

    private Auth auth(ConfigNode node) throws SecurityConfigException {
        MapNode map = map(node, "auth");
        allowKeys(map, "auth", "token", "login", "sendAs", "protectedEndpoints", "lockout", "jwtPublicKeyFile",
                "skip", "jwt", "tokenInUrlEndpoints");
        Optional<String> token = string(map, "token", "auth.token");
        Optional<Login> login = map.entries().containsKey("login")
                ? Optional.of(login(map.entries().get("login").value())) : Optional.empty();
        Optional<TokenPresentation> sendAs = parsed(map, "sendAs", "auth.sendAs", TokenPresentation::parse);
        List<Endpoint> endpoints = endpoints(map, "protectedEndpoints", "auth.protectedEndpoints", true);
        Optional<Lockout> lockout = map.entries().containsKey("lockout")
                ? Optional.of(lockout(map.entries().get("lockout").value())) : Optional.empty();
        Optional<Path> publicKey = string(map, "jwtPublicKeyFile", "auth.jwtPublicKeyFile").map(this::file);
        Set<AuthPart> skip = EnumSet.noneOf(AuthPart.class);
        for (Scalar item : scalarList(map, "skip", "auth.skip")) {
            Optional<AuthPart> part = AuthPart.byKey(item.text());
            if (part.isEmpty()) {
                List<String> known = java.util.Arrays.stream(AuthPart.values()).map(AuthPart::key).toList();
                throw error(item, "auth.skip: unknown part '" + item.text() + "'" + suggestion(item.text(), known));
            }
            skip.add(part.get());
        }
        Jwt jwt = map.entries().containsKey("jwt") ? jwt(map.entries().get("jwt").value()) : Jwt.defaults();
        List<String> inUrl = new ArrayList<>();
        for (Scalar item : scalarList(map, "tokenInUrlEndpoints", "auth.tokenInUrlEndpoints")) {
            inUrl.add(item.text().strip());
        }
        return construct(map, () -> new Auth(token, login, sendAs.orElse(null), endpoints, lockout, publicKey,
                skip, jwt, inUrl));
    }

    private Jwt jwt(ConfigNode node) throws SecurityConfigException {
        if (isNull(node)) {
            return Jwt.defaults();
        }
        MapNode map = map(node, "auth.jwt");
        allowKeys(map, "auth.jwt", "weakSecretsFile", "testKey", "expiredToken", "maxWait");
        Optional<Path> file = string(map, "weakSecretsFile", "auth.jwt.weakSecretsFile").map(this::file);
        Optional<String> testKey = string(map, "testKey", "auth.jwt.testKey");
        Optional<String> expired = string(map, "expiredToken", "auth.jwt.expiredToken");
        Duration maxWait = duration(map, "maxWait", Duration.ZERO, Duration.ZERO, Limits.MAX_JWT_EXPIRY_WAIT,
                "auth.jwt.maxWait");
        return construct(map, () -> new Jwt(file, testKey, expired, maxWait));
    }

    private Login login(ConfigNode node) throws SecurityConfigException {
        MapNode map = map(node, "auth.login");
        allowKeys(map, "auth.login", "method", "path", "contentType", "body", "headers", "tokenFrom");
        Endpoint request = endpointFromMap(map, "auth.login", false, true);
        TokenLocation from = parsed(map, "tokenFrom", "auth.login.tokenFrom", TokenLocation::parse)
                .orElse(TokenLocation.parse("json:/token"));
        return new Login(request, from);
    }

    private Lockout lockout(ConfigNode node) throws SecurityConfigException {
        if (isNull(node)) {
            return Lockout.defaults();
        }
        MapNode map = map(node, "auth.lockout");
        allowKeys(map, "auth.lockout", "attempts", "expectStatus", "wrongCredential");
        int attempts = integer(map, "attempts", Limits.DEFAULT_LOCKOUT_ATTEMPTS, 1, Limits.MAX_LOCKOUT_ATTEMPTS,
                "auth.lockout.attempts");
        Set<Integer> statuses = new LinkedHashSet<>();
        for (Scalar item : scalarList(map, "expectStatus", "auth.lockout.expectStatus")) {
            statuses.add(intValue(item, 400, 599, "auth.lockout.expectStatus"));
        }
        Optional<String> wrong = string(map, "wrongCredential", "auth.lockout.wrongCredential");
        return construct(map, () -> new Lockout(attempts, statuses, wrong.orElse(null)));
    }

    private Fuzz fuzz(Entry entry, Auth auth) throws SecurityConfigException {
        List<Endpoint> defaults = auth.protectedEndpoints();
        if (entry == null || isNull(entry.value())) {
            return Fuzz.defaults(defaults);
        }
        MapNode map = map(entry.value(), "fuzz");
        allowKeys(map, "fuzz", "seed", "iterations", "timeBudget", "requestTimeout", "partialRequestTimeout",
                "maxBodyBytes", "endpoints", "raw", "rawPath");
        long seed = map.entries().containsKey("seed")
                ? longValue(scalar(map.entries().get("seed").value(), "fuzz.seed"), "fuzz.seed")
                : new SecureRandom().nextLong();
        int iterations = integer(map, "iterations", Limits.DEFAULT_FUZZ_ITERATIONS, 0, Limits.MAX_FUZZ_ITERATIONS,
                "fuzz.iterations");
        Duration budget = duration(map, "timeBudget", Limits.DEFAULT_FUZZ_BUDGET, Duration.ofSeconds(1),
                Limits.MAX_FUZZ_BUDGET, "fuzz.timeBudget");
        Duration requestTimeout = duration(map, "requestTimeout", Limits.DEFAULT_FUZZ_REQUEST_TIMEOUT,
                Limits.MIN_TIMEOUT, Duration.ofSeconds(60), "fuzz.requestTimeout");
        Duration partial = duration(map, "partialRequestTimeout", Limits.DEFAULT_PARTIAL_REQUEST_TIMEOUT,
                Duration.ofMillis(500), Limits.MAX_TIMEOUT, "fuzz.partialRequestTimeout");
        int maxBody = integer(map, "maxBodyBytes", Limits.DEFAULT_FUZZ_MAX_BODY, Limits.MIN_FUZZ_MAX_BODY,
                Limits.MAX_FUZZ_MAX_BODY, "fuzz.maxBodyBytes");
        List<Endpoint> endpoints = map.entries().containsKey("endpoints")
                ? endpoints(map, "endpoints", "fuzz.endpoints", auth.hasTokenSource()) : defaults;
        boolean raw = bool(map, "raw", true, "fuzz.raw");
        Optional<String> rawPath = string(map, "rawPath", "fuzz.rawPath");
        return construct(map, () -> new Fuzz(seed, iterations, budget, requestTimeout, partial, maxBody, endpoints,
                raw, rawPath));
    }

    private Attack attack(ConfigNode node) throws SecurityConfigException {
        MapNode map = map(node, "attack");
        allowKeys(map, "attack", "sessions", "flood", "slowHeaders");
        Optional<SessionFlood> sessions = Optional.empty();
        if (map.entries().containsKey("sessions")) {
            ConfigNode value = map.entries().get("sessions").value();
            MapNode s = isNull(value) ? emptyMap(value) : map(value, "attack.sessions");
            allowKeys(s, "attack.sessions", "count", "rate", "concurrency", "path");
            int count = integer(s, "count", Limits.DEFAULT_SESSIONS, 1, Limits.MAX_SESSIONS, "attack.sessions.count");
            int rate = integer(s, "rate", Limits.DEFAULT_SESSION_RATE, 1, Limits.MAX_SESSION_RATE,
                    "attack.sessions.rate");
            int concurrency = integer(s, "concurrency", Limits.DEFAULT_SESSION_CONCURRENCY, 1,
                    Limits.MAX_SESSION_CONCURRENCY, "attack.sessions.concurrency");
            String path = string(s, "path", "attack.sessions.path").orElse("/");
            sessions = Optional.of(construct(s, () -> new SessionFlood(count, rate, concurrency, path)));
        }
        Optional<RequestFlood> flood = Optional.empty();
        if (map.entries().containsKey("flood")) {
            ConfigNode value = map.entries().get("flood").value();
            MapNode f = isNull(value) ? emptyMap(value) : map(value, "attack.flood");
            allowKeys(f, "attack.flood", "endpoints", "rate", "duration", "concurrency");
            List<Endpoint> endpoints = f.entries().containsKey("endpoints")
                    ? endpoints(f, "endpoints", "attack.flood.endpoints", false)
                    : List.of(Endpoint.of("GET", "/").withAuthenticated(false));
            int rate = integer(f, "rate", Limits.DEFAULT_FLOOD_RATE, 1, Limits.MAX_FLOOD_RATE, "attack.flood.rate");
            Duration duration = duration(f, "duration", Limits.DEFAULT_FLOOD_DURATION, Limits.MIN_ATTACK_DURATION,
                    Limits.MAX_ATTACK_DURATION, "attack.flood.duration");
            int concurrency = integer(f, "concurrency", Limits.DEFAULT_FLOOD_CONCURRENCY, 1,
                    Limits.MAX_FLOOD_CONCURRENCY, "attack.flood.concurrency");
            flood = Optional.of(construct(f, () -> new RequestFlood(endpoints, rate, duration, concurrency)));
        }
        Optional<SlowHeaders> slow = Optional.empty();
        if (map.entries().containsKey("slowHeaders")) {
            ConfigNode value = map.entries().get("slowHeaders").value();
            MapNode h = isNull(value) ? emptyMap(value) : map(value, "attack.slowHeaders");
            allowKeys(h, "attack.slowHeaders", "connections", "duration", "interval", "probePath", "probeTimeout",
                    "probeInterval");
            int connections = integer(h, "connections", Limits.DEFAULT_SLOW_CONNECTIONS, 1,
                    Limits.MAX_SLOW_CONNECTIONS, "attack.slowHeaders.connections");
            Duration duration = duration(h, "duration", Limits.DEFAULT_SLOW_DURATION, Limits.MIN_ATTACK_DURATION,
                    Limits.MAX_ATTACK_DURATION, "attack.slowHeaders.duration");
            Duration interval = duration(h, "interval", Limits.DEFAULT_SLOW_INTERVAL, Limits.MIN_SLOW_INTERVAL,
                    Limits.MAX_SLOW_INTERVAL, "attack.slowHeaders.interval");
            String probePath = string(h, "probePath", "attack.slowHeaders.probePath").orElse("/");
            Duration probeTimeout = duration(h, "probeTimeout", Limits.DEFAULT_PROBE_TIMEOUT, Limits.MIN_TIMEOUT,
                    Duration.ofSeconds(60), "attack.slowHeaders.probeTimeout");
            Duration probeInterval = duration(h, "probeInterval", Limits.DEFAULT_PROBE_INTERVAL,
                    Duration.ofMillis(200), Duration.ofMinutes(1), "attack.slowHeaders.probeInterval");
            slow = Optional.of(construct(h, () -> new SlowHeaders(connections, duration, interval, probePath,
                    probeTimeout, probeInterval)));
        }
        return new Attack(sessions, flood, slow);
    }

    private List<Endpoint> endpoints(MapNode parent, String key, String what, boolean authenticatedDefault)
            throws SecurityConfigException {
        Entry entry = parent.entries().get(key);
        if (entry == null || isNull(entry.value())) {
            return List.of();
        }
        if (!(entry.value() instanceof ListNode list)) {
            throw error(entry.value(), what + " must be a list, was " + entry.value().kind());
        }
        if (list.items().size() > Limits.MAX_ENDPOINTS) {
            throw error(list, what + " has " + list.items().size() + " entries, at most " + Limits.MAX_ENDPOINTS
                    + " are allowed");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConfigNode item = list.items().get(i);
            String itemWhat = what + "[" + i + "]";
            if (item instanceof Scalar scalar && scalar.token() == JsonToken.VALUE_STRING) {
                try {
                    endpoints.add(Endpoint.parse(scalar.text()).withAuthenticated(authenticatedDefault));
                } catch (IllegalArgumentException e) {
                    throw error(scalar, itemWhat + ": " + e.getMessage());
                }
            } else if (item instanceof MapNode map) {
                allowKeys(map, itemWhat, "method", "path", "contentType", "body", "headers", "authenticated");
                endpoints.add(endpointFromMap(map, itemWhat, authenticatedDefault, false));
            } else {
                throw error(item, itemWhat + " must be 'METHOD /path' or a map with method and path, was "
                        + item.kind());
            }
        }
        return endpoints;
    }

    private Endpoint endpointFromMap(MapNode map, String what, boolean authenticatedDefault, boolean defaultPost)
            throws SecurityConfigException {
        String method = string(map, "method", what + ".method").orElse(defaultPost ? "POST" : "GET")
                .toUpperCase(Locale.ROOT);
        Scalar path = scalar(required(map, "path", what), what + ".path");
        Optional<String> contentType = string(map, "contentType", what + ".contentType");
        Optional<String> body = Optional.empty();
        Entry bodyEntry = map.entries().get("body");
        if (bodyEntry != null && !isNull(bodyEntry.value())) {
            if (bodyEntry.value() instanceof Scalar scalar) {
                body = Optional.of(scalar.text());
            } else {
                // a YAML map or list is sent as JSON, so bodies need no quoting
                body = Optional.of(json(bodyEntry.value()));
                if (contentType.isEmpty()) {
                    contentType = Optional.of("application/json");
                }
            }
        }
        Map<String, String> headers = headers(map, "headers", what + ".headers");
        boolean authenticated = bool(map, "authenticated", authenticatedDefault, what + ".authenticated");
        Optional<String> type = contentType;
        Optional<String> content = body;
        try {
            return new Endpoint(method, path.text(), type, content, headers, authenticated);
        } catch (IllegalArgumentException e) {
            throw error(path, what + ": " + e.getMessage());
        }
    }

    private String json(ConfigNode node) throws SecurityConfigException {
        try {
            return JSON.writeValueAsString(plain(node));
        } catch (JsonProcessingException e) {
            throw error(node, "cannot convert body to JSON: " + oneLine(e.getOriginalMessage()));
        }
    }

    private static Object plain(ConfigNode node) {
        if (node instanceof Scalar scalar) {
            return switch (scalar.token()) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT -> new java.math.BigInteger(scalar.text());
                case VALUE_NUMBER_FLOAT -> new java.math.BigDecimal(scalar.text());
                default -> scalar.text();
            };
        }
        if (node instanceof ListNode list) {
            List<Object> items = new ArrayList<>();
            list.items().forEach(item -> items.add(plain(item)));
            return items;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((MapNode) node).entries().values().forEach(e -> map.put(e.key(), plain(e.value())));
        return map;
    }

    private Map<String, String> headers(MapNode parent, String key, String what) throws SecurityConfigException {
        Entry entry = parent.entries().get(key);
        Map<String, String> headers = new LinkedHashMap<>();
        if (entry == null || isNull(entry.value())) {
            return headers;
        }
        MapNode map = map(entry.value(), what);
        for (Entry header : map.entries().values()) {
            if (!header.key().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new SecurityConfigException(source, header.line(), header.column(),
                        what + ": '" + header.key() + "' is not a valid header name");
            }
            Scalar value = scalar(header.value(), what + "." + header.key());
            if (value.isNull() || value.text().chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw error(value, what + "." + header.key() + " must be a single-line text");
            }
            headers.put(header.key(), value.text());
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Construction<T> {
        T get();
    }

    private <T> T construct(ConfigNode at, Construction<T> construction) throws SecurityConfigException {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Path file(String name) {
        Path path = Path.of(name);
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    private MapNode map(ConfigNode node, String what) throws SecurityConfigException {
        if (node instanceof MapNode map) {
            return map;
        }
        throw error(node, what + " must be a map, was " + node.kind());
    }

    private static MapNode emptyMap(ConfigNode at) {
        return new MapNode(Map.of(), at.line(), at.column());
    }

    private ConfigNode required(MapNode map, String key, String what) throws SecurityConfigException {
        Entry entry = map.entries().get(key);
        if (entry == null || isNull(entry.value())) {
            throw error(map, what + ": '" + key + "' is required");
        }
        return entry.value();
    }

    private static boolean isNull(ConfigNode node) {
        return node instanceof Scalar scalar && scalar.isNull();
    }

    private Scalar scalar(ConfigNode node, String what) throws SecurityConfigException {
        if (node instanceof Scalar scalar) {
            return scalar;
        }
        throw error(node, what + " must be a single value, was " + node.kind());
    }

    private Optional<Scalar> scalarOpt(MapNode map, String key, String what) throws SecurityConfigException {
        Entry entry = map.entries().get(key);
        if (entry == null || isNull(entry.value())) {
            return Optional.empty();
        }
        return Optional.of(scalar(entry.value(), what));
    }

    private Optional<String> string(MapNode map, String key, String what) throws SecurityConfigException {
        Entry entry = map.entries().get(key);
        if (entry == null || isNull(entry.value())) {
            return Optional.empty();
        }
        Scalar scalar = scalar(entry.value(), what);
        if (scalar.text().isBlank()) {
            throw error(scalar, what + " must not be empty");
        }
        return Optional.of(scalar.text());
    }

    private <T> Optional<T> parsed(MapNode map, String key, String what, Function<String, T> parser)
            throws SecurityConfigException {
        Optional<String> text = string(map, key, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.get()));
        } catch (IllegalArgumentException e) {
            throw error(map.entries().get(key).value(), what + ": " + e.getMessage());
        }
    }

    private List<Scalar> scalarList(MapNode map, String key, String what) throws SecurityConfigException {
        Entry entry = map.entries().get(key);
        if (entry == null || isNull(entry.value())) {
            return List.of();
        }
        if (entry.value() instanceof Scalar single) {
            return List.of(single);
        }
        if (!(entry.value() instanceof ListNode list)) {
            throw error(entry.value(), what + " must be a list, was " + entry.value().kind());
        }
        List<Scalar> items = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            items.add(scalar(item, what));
        }
        return items;
    }

    private boolean bool(MapNode map, String key, boolean defaultValue, String what) throws SecurityConfigException {
        Optional<Scalar> scalar = scalarOpt(map, key, what);
        if (scalar.isEmpty()) {
            return defaultValue;
        }
        String text = scalar.get().text().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw error(scalar.get(), what + " must be true or false, was '" + scalar.get().text() + "'");
    }

    private int integer(MapNode map, String key, int defaultValue, int min, int max, String what)
            throws SecurityConfigException {
        Optional<Scalar> scalar = scalarOpt(map, key, what);
        return scalar.isEmpty() ? defaultValue : intValue(scalar.get(), min, max, what);
    }

    private int intValue(Scalar scalar, int min, int max, String what) throws SecurityConfigException {
        long value = longValue(scalar, what);
        if (value < min || value > max) {
            throw error(scalar, what + " must be " + min + ".." + max + ", was " + value);
        }
        return (int) value;
    }

    private long longValue(Scalar scalar, String what) throws SecurityConfigException {
        try {
            return Long.parseLong(scalar.text().trim().replace("_", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw error(scalar, what + " must be a whole number, was '" + scalar.text() + "'");
        }
    }

    private Duration duration(MapNode map, String key, Duration defaultValue, Duration min, Duration max,
                              String what) throws SecurityConfigException {
        Optional<Scalar> scalar = scalarOpt(map, key, what);
        if (scalar.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = Durations.parse(scalar.get().text());
        } catch (IllegalArgumentException e) {
            throw error(scalar.get(), what + " " + e.getMessage());
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw error(scalar.get(), what + " must be " + Durations.format(min) + ".." + Durations.format(max)
                    + ", was " + Durations.format(value));
        }
        return value;
    }

    private void allowKeys(MapNode map, String what, String... allowed) throws SecurityConfigException {
        List<String> known = List.of(allowed);
        for (Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                throw new SecurityConfigException(source, entry.line(), entry.column(),
                        "unknown key '" + entry.key() + "' in " + what + suggestion(entry.key(), known));
            }
        }
    }

    /** " (did you mean 'x'?)" for a close match, otherwise the list of known keys. */
    static String suggestion(String key, List<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        Optional<String> best = known.stream()
                .min(Comparator.comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT))));
        if (best.isPresent()) {
            int distance = distance(lower, best.get().toLowerCase(Locale.ROOT));
            if (distance <= Math.max(1, best.get().length() / 3)) {
                return " (did you mean '" + best.get() + "'?)";
            }
        }
        return " (known: " + String.join(", ", known) + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private SecurityConfigException error(ConfigNode node, String message) {
        return new SecurityConfigException(source, node.line(), node.column(), message);
    }

    private SecurityConfigException error(JsonLocation location, String message) {
        return new SecurityConfigException(source, ConfigNode.line(location), ConfigNode.column(location), message);
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s*\\R\\s*", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** For messages about a file the configuration refers to. */
    static InputStream open(Path file, String what) throws SecurityConfigException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new SecurityConfigException(file.toString(), what + ": file not found");
        } catch (IOException e) {
            throw new SecurityConfigException(file.toString(), what + ": cannot read: " + e.getMessage());
        }
    }
}
