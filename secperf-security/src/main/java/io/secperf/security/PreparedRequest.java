package io.secperf.security;

import java.nio.charset.StandardCharsets;
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
        Map<String, String> headers = new LinkedHashMap<>();
        config.target().headers().forEach((name, value) -> headers.put(name, credentials.expand(value, overrides)));
        endpoint.headers().forEach((name, value) -> headers.put(name, credentials.expand(value, overrides)));
        endpoint.contentType().ifPresent(type -> headers.put("Content-Type", type));
        byte[] body = endpoint.body().map(b -> credentials.expand(b, overrides).getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        String path = config.target().basePath() + credentials.expand(endpoint.path(), overrides);
        PreparedRequest request = new PreparedRequest(endpoint.method(), path, headers, body);
        return token.map(t -> request.withToken(config.auth().sendAs(), t)).orElse(request);
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
