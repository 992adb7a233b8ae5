package io.secperf.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The documented maximum length of every string secperf stores (labels, response codes and messages, URLs, finding
 * text, property values), so that memory and the result document are bounded by design and never by the input: a
 * JTL with a thousand 1 MiB labels must not need gigabytes, and whatever {@code run} and {@code ingest} write,
 * {@code gate} and {@code report} must read back.
 *
 * <p>A longer value keeps its beginning and ends with a visible marker naming its real length and a short hash of
 * the whole value, e.g. {@code GET /search?q=aaaa…[cut: 1048576 chars, sha256 3f2a9c01d4e7]}, so two long labels
 * that differ only after the cut stay two labels. Cutting is idempotent (a cut value has exactly the maximum
 * length) and deterministic, so a live run, its JTL and an ingest of that JTL agree on every label.
 */
public final class BoundedText {

    /** Maximum length of a sampler label, in chars (docs/result-schema.md, "Limits"). */
    public static final int MAX_LABEL_CHARS = 1024;
    /** Maximum length of any other stored text: response code and message, failure message, URL, finding text. */
    public static final int MAX_TEXT_CHARS = 8192;

    private static final String MARKER_START = "\u2026[cut: ";

    /**
     * The last value cut, by identity: JMeter hands the same String instance for every sample of a sampler, so a
     * long label is hashed once, not once per sample. Holds no value longer than the sampler itself does.
     */
    private static volatile Cut lastCut;

    private record Cut(String value, int max, String cut) {
    }

    private BoundedText() {
    }

    /** The label as stored: unchanged up to {@link #MAX_LABEL_CHARS}, else cut with marker and hash. */
    public static String label(String value) {
        return bound(value, MAX_LABEL_CHARS);
    }

    /** Any other stored text: unchanged up to {@link #MAX_TEXT_CHARS}, else cut with marker and hash. */
    public static String text(String value) {
        return bound(value, MAX_TEXT_CHARS);
    }

    /** {@code value} unchanged when it has at most {@code max} chars (null stays null), else its cut form. */
    public static String bound(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        Cut last = lastCut;
        if (last != null && last.value == value && last.max == max) {
            return last.cut;
        }
        String cut = cut(value, max);
        lastCut = new Cut(value, max, cut);
        return cut;
    }

    private static String cut(String value, int max) {
        String marker = MARKER_START + value.length() + " chars, sha256 " + shortHash(value) + "]";
        int keep = Math.max(0, max - marker.length());
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        return value.substring(0, keep) + marker;
    }

    /** True when the value was cut by {@link #bound}. */
    public static boolean isCut(String value) {
        return value != null && value.contains(MARKER_START) && value.endsWith("]");
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
