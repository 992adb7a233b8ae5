package io.secperf.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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
 */
public record FuzzInput(long seed, long iteration, String endpoint, String mutation, String method,
                        String pathAndQuery, Map<String, String> headers, byte[] body) {

    /** Escaped inputs longer than this are cut in evidence (the replay still has them in full). */
    public static final int MAX_SHOWN = 2_000;

    public FuzzInput {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
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
     * as {@code \xNN} (and backslash as {@code \\}), so binary input is shown exactly. Cut at {@link #MAX_SHOWN}
     * characters with the total length and the body hash.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(escape((method + " " + pathAndQuery).getBytes(StandardCharsets.UTF_8), 600));
        headers.forEach((name, value) -> out.append("; ").append(name).append(": ")
                .append(escape(value.getBytes(StandardCharsets.UTF_8), 300)));
        out.append("; body (").append(body.length).append(" bytes");
        if (body.length > 0) {
            out.append(", sha256 ").append(bodySha256(), 0, 16).append("…): ")
                    .append(escape(body, MAX_SHOWN));
        } else {
            out.append(")");
        }
        return out.toString();
    }

    /** Printable ASCII as is, {@code \\} for backslash, {@code \xNN} for every other byte; cut at {@code max}. */
    public static String escape(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, max) + 16);
        for (int i = 0; i < bytes.length; i++) {
            if (out.length() >= max) {
                out.append("… (").append(bytes.length - i).append(" more bytes)");
                break;
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
