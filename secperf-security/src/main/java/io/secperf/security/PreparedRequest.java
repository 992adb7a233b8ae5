package io.secperf.security;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request ready to send: templates expanded, token attached. Holds secrets, so it is never put into a finding
 * as is; evidence goes through a {@link SecretMask}.
 *
 * @param method       HTTP method
 * @param pathAndQuery path (already prefixed with the target's base path) and optional query, as sent
 * @param headers      request headers
 * @param body         body bytes (empty for none); a copy is kept and returned
 */
public record PreparedRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

    public PreparedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /**
     * Builds the request of an endpoint.
     *
     * @param token the valid (or forged) token to attach, empty for none
     */
    public static PreparedRequest of(SecurityConfig config, SecurityConfig.Endpoint endpoint,
                                     Credentials credentials, Optional<String> token) {
        return of(config, endpoint, credentials, token, Map.of());
    }

    /** Like {@link #of(SecurityConfig, SecurityConfig.Endpoint, Credentials, Optional)} with credential overrides. */
    public static PreparedRequest of(SecurityConfig config, SecurityConfig.Endpoint endpoint,
                                     Credentials credentials, Optional<String> token,
                                     Map<String, String> overrides) {
        PreparedRequest request = marked(config, endpoint, credentials, overrides).request();
        return token.map(t -> request.withToken(config.auth().sendAs(), t)).orElse(request);
    }

    /**
     * A request and the bytes in it that came from a credential.
     *
     * @param request the request (without a token)
     * @param secrets where the credentials' values are in it
     */
    public record Marked(PreparedRequest request, SecretSpans secrets) {
    }

    /**
     * The endpoint's request without a token, with the spans its credential templates expanded to, for code that
     * changes the request and must still know which bytes are secret (the fuzzer).
     */
    public static Marked marked(SecurityConfig config, SecurityConfig.Endpoint endpoint, Credentials credentials) {
        return marked(config, endpoint, credentials, Map.of());
    }

    private static Marked marked(SecurityConfig config, SecurityConfig.Endpoint endpoint, Credentials credentials,
                                 Map<String, String> overrides) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, BitSet> headerMarks = new LinkedHashMap<>();
        Map<String, String> templates = new LinkedHashMap<>(config.target().headers());
        templates.putAll(endpoint.headers());
        templates.forEach((name, value) -> {
            Credentials.Expansion expansion = credentials.expandMarked(value, overrides);
            headers.put(name, expansion.text());
            headerMarks.put(name, SecretSpans.utf8Marks(expansion.text(), expansion.secretChars()));
        });
        endpoint.contentType().ifPresent(type -> {
            headers.put("Content-Type", type);
            headerMarks.remove("Content-Type");
        });
        byte[] body = new byte[0];
        BitSet bodyMarks = new BitSet();
        if (endpoint.body().isPresent()) {
            Credentials.Expansion expansion = credentials.expandMarked(endpoint.body().get(), overrides);
            body = expansion.text().getBytes(StandardCharsets.UTF_8);
            bodyMarks = SecretSpans.utf8Marks(expansion.text(), expansion.secretChars());
        }
        String base = config.target().basePath();
        Credentials.Expansion path = credentials.expandMarked(endpoint.path(), overrides);
        BitSet pathMarks = new BitSet();
        SecretSpans.utf8Marks(path.text(), path.secretChars()).stream()
                .forEach(i -> pathMarks.set(i + base.getBytes(StandardCharsets.UTF_8).length));
        PreparedRequest request = new PreparedRequest(endpoint.method(), base + path.text(), headers, body);
        return new Marked(request, SecretSpans.of(pathMarks, headerMarks, bodyMarks));
    }

    /**
     * The endpoint's request without any credential: no token, and no configured header whose value uses a
     * {@code ${credential}} template (an API key header, say).
     */
    public static PreparedRequest anonymous(SecurityConfig config, SecurityConfig.Endpoint endpoint,
                                            Credentials credentials) {
        PreparedRequest request = of(config, endpoint, credentials, Optional.empty());
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        config.target().headers().forEach((name, value) -> {
            if (!SecurityConfig.templateNames(value).isEmpty()) {
                headers.remove(name);
            }
        });
        endpoint.headers().forEach((name, value) -> {
            if (!SecurityConfig.templateNames(value).isEmpty()) {
                headers.remove(name);
            }
        });
        return new PreparedRequest(request.method(), request.pathAndQuery(), headers, request.body);
    }

    /** A copy carrying the token the configured way (replacing a previous one). */
    public PreparedRequest withToken(SecurityConfig.TokenPresentation presentation, String token) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        switch (presentation.kind()) {
            case BEARER -> copy.put("Authorization", "Bearer " + token);
            case HEADER -> copy.put(presentation.name(), token);
            case COOKIE -> {
                String existing = copy.get("Cookie");
                String cookie = presentation.name() + "=" + token;
                copy.put("Cookie", existing == null ? cookie : existing + "; " + cookie);
            }
        }
        return new PreparedRequest(method, pathAndQuery, copy, body);
    }

    public PreparedRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new PreparedRequest(method, pathAndQuery, copy, body);
    }

    public PreparedRequest withoutHeader(String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        return new PreparedRequest(method, pathAndQuery, copy, body);
    }

    public PreparedRequest withPath(String value) {
        return new PreparedRequest(method, value, headers, body);
    }

    public PreparedRequest withBody(byte[] value) {
        return new PreparedRequest(method, pathAndQuery, headers, value);
    }

    /** {@code METHOD path} for messages; mask it if the path may hold a secret. */
    public String line() {
        return method + " " + pathAndQuery;
    }
}
