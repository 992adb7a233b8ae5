package io.secperf.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.secperf.security.SecretSpans;

import java.util.BitSet;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One generated fuzz request, exactly as sent except for the token (added at send time, never part of the input).
 * The same seed, iteration, configuration and credentials always give the same input, so a finding can be replayed
 * with {@link Fuzzer#replay(long)}.
 *
 * @param seed         the fuzz run's seed
 * @param iteration    the iteration number (0-based)
 * @param endpoint     the configured endpoint it was derived from ({@code METHOD /path})
 * @param mutation     the mutation applied, e.g. "bit-flip", "deep-nesting"
 * @param method       HTTP method as sent
 * @param pathAndQuery path and query as sent (already prefixed with the target's base path)
 * @param headers      headers as sent (without the token)
 * @param body         body bytes as sent; a copy is kept and returned
 * @param secrets      the bytes of path, headers and body that came from a credential, carried through the
 *                     mutation: {@link #describe()} never shows them
 */
public record FuzzInput(long seed, long iteration, String endpoint, String mutation, String method,
                        String pathAndQuery, Map<String, String> headers, byte[] body, SecretSpans secrets) {

    /** Escaped inputs longer than this are cut in evidence (the replay still has them in full). */
    public static final int MAX_SHOWN = 2_000;

    /** What a run of secret bytes is shown as: the count only. */
    static final String REDACTED = "****[%d bytes of a secret]";

    /** Runs of secret bytes shorter than this are not searched for in answers: they would match ordinary text. */
    static final int MIN_FRAGMENT = 4;

    public FuzzInput {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
        secrets = secrets == null ? SecretSpans.none() : secrets;
    }

    /** An input that holds no secret. */
    public FuzzInput(long seed, long iteration, String endpoint, String mutation, String method, String pathAndQuery,
                     Map<String, String> headers, byte[] body) {
        this(seed, iteration, endpoint, mutation, method, pathAndQuery, headers, body, SecretSpans.none());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** SHA-256 of the body in hex, to match a replayed input with the one in a finding. */
    public String bodySha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request in readable form: request line, headers and body, with every byte outside printable ASCII written
     * as {@code \xNN} (and backslash as {@code \\}), so binary input is shown exactly. Every run of bytes derived from
     * a secret is shown as {@code ****[N bytes of a secret]}, and the body hash is left out when the body holds one.
     * Cut at {@link #MAX_SHOWN} characters with the total length and the body hash.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(escape((method + " ").getBytes(StandardCharsets.UTF_8), 600));
        out.append(escape(pathAndQuery.getBytes(StandardCharsets.UTF_8), 600, secrets.path()));
        headers.forEach((name, value) -> out.append("; ").append(name).append(": ")
                .append(escape(value.getBytes(StandardCharsets.UTF_8), 300, secrets.header(name))));
        out.append("; body (").append(body.length).append(" bytes");
        BitSet bodySecrets = secrets.body();
        if (body.length > 0) {
            out.append(bodySecrets.isEmpty() ? ", sha256 " + bodySha256().substring(0, 16) + "…" : "")
                    .append("): ").append(escape(body, MAX_SHOWN, bodySecrets));
        } else {
            out.append(")");
        }
        return out.toString();
    }

    /**
     * The runs of secret bytes of this input (at least {@value #MIN_FRAGMENT} bytes long), as text the way a server
     * might echo them (UTF-8 and Latin-1 decoded, and escaped as in {@link #describe()}), so an answer that repeats
     * a mutated secret can be masked too. Empty when the input holds no secret.
     */
    public Set<String> secretFragments() {
        Set<String> fragments = new LinkedHashSet<>();
        if (secrets.isEmpty()) {
            return fragments;
        }
        fragments(pathAndQuery.getBytes(StandardCharsets.UTF_8), secrets.path(), fragments);
        headers.forEach((name, value) -> fragments(value.getBytes(StandardCharsets.UTF_8), secrets.header(name),
                fragments));
        fragments(body, secrets.body(), fragments);
        return fragments;
    }

    private static void fragments(byte[] bytes, BitSet marks, Set<String> out) {
        for (int from = marks.nextSetBit(0); from >= 0 && from < bytes.length; ) {
            int to = Math.min(bytes.length, marks.nextClearBit(from));
            if (to - from >= MIN_FRAGMENT) {
                byte[] run = java.util.Arrays.copyOfRange(bytes, from, to);
                out.add(new String(run, StandardCharsets.UTF_8));
                out.add(new String(run, StandardCharsets.ISO_8859_1));
                out.add(escape(run, Integer.MAX_VALUE));
            }
            from = marks.nextSetBit(to);
        }
    }

    /** Printable ASCII as is, {@code \\} for backslash, {@code \xNN} for every other byte; cut at {@code max}. */
    public static String escape(byte[] bytes, int max) {
        return escape(bytes, max, new BitSet());
    }

    /** Like {@link #escape(byte[], int)}, each run of marked bytes shown as {@code ****[N bytes of a secret]}. */
    static String escape(byte[] bytes, int max, BitSet secret) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, max) + 16);
        for (int i = 0; i < bytes.length; i++) {
            if (out.length() >= max) {
                out.append("… (").append(bytes.length - i).append(" more bytes)");
                break;
            }
            if (secret.get(i)) {
                int end = Math.min(bytes.length, secret.nextClearBit(i));
                out.append(String.format(java.util.Locale.ROOT, REDACTED, end - i));
                i = end - 1;
                continue;
            }
            int b = bytes[i] & 0xff;
            if (b == '\\') {
                out.append("\\\\");
            } else if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.toString();
    }
}
