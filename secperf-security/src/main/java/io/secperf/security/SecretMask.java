package io.secperf.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every known secret in a text by a harmless description before the text may reach a finding, a report or a
 * log. Credentials become {@code ****[12 chars]}; tokens keep a short prefix so a reader can tell them apart
 * ({@code eyJhbG…[187 chars]}). The encodings a secret travels in (URL-encoded, JSON-escaped, Basic-auth base64) and
 * the long segments of a dotted token (a JWT's payload and signature) are masked too. Thread-safe.
 */
public final class SecretMask {

    /** Secret parts shorter than this are not searched for inside tokens: they would match ordinary text. */
    private static final int MIN_TOKEN_SEGMENT = 16;
    private static final int TOKEN_PREFIX = 6;

    private final Map<String, String> replacements = new LinkedHashMap<>();
    private volatile List<Map.Entry<String, String>> ordered = List.of();

    public SecretMask() {
    }

    /** A copy holding the same secrets, so one run can add its tokens without touching another run's mask. */
    public synchronized SecretMask copy() {
        SecretMask copy = new SecretMask();
        copy.replacements.putAll(replacements);
        copy.ordered = ordered;
        return copy;
    }

    /** Registers a credential (password, user name, API key): it will show as {@code ****[N chars]}. */
    public synchronized void addSecret(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String masked = describeSecret(value);
        putWithEncodings(value, masked);
        reorder();
    }

    /** Registers a token (bearer token, session id): it will show as {@code prefix…[N chars]}. */
    public synchronized void addToken(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        putWithEncodings(value, describeToken(value));
        for (String segment : value.split("\\.")) {
            if (segment.length() >= MIN_TOKEN_SEGMENT && !segment.equals(value)) {
                replacements.putIfAbsent(segment, describeSecret(segment));
            }
        }
        reorder();
    }

    /** Registers user name and password together, including their HTTP Basic encoding. */
    public synchronized void addBasicCredentials(String user, String password) {
        if (user != null && password != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            replacements.putIfAbsent(basic, describeSecret(basic));
        }
        addSecret(user);
        addSecret(password);
    }

    private void putWithEncodings(String value, String masked) {
        replacements.putIfAbsent(value, masked);
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        replacements.putIfAbsent(url, masked);
        String json = jsonEscaped(value);
        replacements.putIfAbsent(json, masked);
    }

    private void reorder() {
        List<Map.Entry<String, String>> list = new ArrayList<>(replacements.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        // longest first, so a secret that contains another one is replaced as a whole
        list.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        ordered = List.copyOf(list);
    }

    /** The text with every registered secret replaced; null stays null. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> entry : ordered) {
            if (result.contains(entry.getKey())) {
                result = result.replace(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    /** {@code ****[N chars]}: tells a reader a value was there and how long it was, nothing more. */
    public static String describeSecret(String value) {
        return "****[" + (value == null ? 0 : value.length()) + " chars]";
    }

    /** The first few characters (at most a quarter of the token) and the length. */
    public static String describeToken(String value) {
        if (value == null) {
            return "****[0 chars]";
        }
        int prefix = Math.min(TOKEN_PREFIX, value.length() / 4);
        return value.substring(0, prefix) + "…[" + value.length() + " chars]";
    }

    private static String jsonEscaped(String value) {
        return io.secperf.secret.KnownSecrets.jsonEscaped(value);
    }

    @Override
    public String toString() {
        return "SecretMask[" + ordered.size() + " patterns]";
    }
}
