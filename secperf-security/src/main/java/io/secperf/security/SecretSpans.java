package io.secperf.security;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which bytes of a request came from a credential: in the path and query, in each header value and in the body, as
 * UTF-8 bytes. Masking by value finds a secret only as it was configured; a fuzzer inserts, flips, deletes and repeats
 * bytes inside it, and the mutated secret no longer matches any value. These spans are marked when the templates are
 * expanded, before any mutation, and carried through each mutation ({@link #carry}), so evidence can redact every byte
 * derived from a secret whatever the mutation did. Immutable.
 */
public final class SecretSpans {

    private static final SecretSpans NONE = new SecretSpans(new BitSet(), Map.of(), new BitSet());

    private final BitSet path;
    private final Map<String, BitSet> headers;
    private final BitSet body;

    private SecretSpans(BitSet path, Map<String, BitSet> headers, BitSet body) {
        this.path = (BitSet) path.clone();
        Map<String, BitSet> copy = new LinkedHashMap<>();
        headers.forEach((name, bits) -> {
            if (!bits.isEmpty()) {
                copy.put(name, (BitSet) bits.clone());
            }
        });
        this.headers = Collections.unmodifiableMap(copy);
        this.body = (BitSet) body.clone();
    }

    /** No secret anywhere. */
    public static SecretSpans none() {
        return NONE;
    }

    static SecretSpans of(BitSet path, Map<String, BitSet> headers, BitSet body) {
        return new SecretSpans(path, headers, body);
    }

    public boolean isEmpty() {
        return path.isEmpty() && headers.isEmpty() && body.isEmpty();
    }

    /** Secret byte positions in the UTF-8 bytes of the path and query. */
    public BitSet path() {
        return (BitSet) path.clone();
    }

    /** Secret byte positions in the UTF-8 bytes of a header's value (empty when it holds none). */
    public BitSet header(String name) {
        BitSet bits = headers.get(name);
        return bits == null ? new BitSet() : (BitSet) bits.clone();
    }

    /** Secret byte positions in the body. */
    public BitSet body() {
        return (BitSet) body.clone();
    }

    /**
     * The spans of {@code mutated}, a request made from {@code base} (whose spans these are). Bytes of the common
     * prefix and suffix keep their marks; everything between the first and the last changed byte is marked when the
     * changed part of the base held or touched a secret byte: an inserted byte inside a token, a flipped byte, a
     * repetition, a re-serialised document. This over-marks rather than under-marks. A header whose value changed is
     * compared with the base value of the same name; a new header holds no secret.
     */
    public SecretSpans carry(PreparedRequest base, PreparedRequest mutated) {
        if (isEmpty()) {
            return NONE;
        }
        BitSet newPath = carry(utf8(base.pathAndQuery()), path, utf8(mutated.pathAndQuery()));
        Map<String, BitSet> newHeaders = new LinkedHashMap<>();
        headers.forEach((name, bits) -> {
            String before = base.headers().get(name);
            String after = mutated.headers().get(name);
            if (before != null && after != null) {
                newHeaders.put(name, carry(utf8(before), bits, utf8(after)));
            }
        });
        BitSet newBody = body.isEmpty() ? new BitSet() : carry(base.body(), body, mutated.body());
        return new SecretSpans(newPath, newHeaders, newBody);
    }

    /** The marks of {@code base} carried to {@code mutated} (see {@link #carry(PreparedRequest, PreparedRequest)}). */
    static BitSet carry(byte[] base, BitSet marks, byte[] mutated) {
        BitSet out = new BitSet();
        if (marks.isEmpty()) {
            return out;
        }
        int n = base.length;
        int m = mutated.length;
        int prefix = 0;
        while (prefix < n && prefix < m && base[prefix] == mutated[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && base[n - 1 - suffix] == mutated[m - 1 - suffix]) {
            suffix++;
        }
        for (int i = marks.nextSetBit(0); i >= 0 && i < prefix; i = marks.nextSetBit(i + 1)) {
            out.set(i);
        }
        for (int i = marks.nextSetBit(n - suffix); i >= 0 && i < n; i = marks.nextSetBit(i + 1)) {
            out.set(i - n + m);
        }
        int changedFrom = prefix;
        int changedTo = n - suffix; // exclusive, in base
        int inside = marks.nextSetBit(changedFrom);
        boolean touches = (inside >= 0 && inside < changedTo)
                || (changedFrom > 0 && marks.get(changedFrom - 1))
                || (changedTo < n && marks.get(changedTo));
        if (m - suffix > prefix && (touches || copiesSecret(base, marks, mutated, prefix, m - suffix))) {
            out.set(prefix, m - suffix);
        }
        return out;
    }

    /** Bytes in a row of a secret that, found in changed bytes, count as a copy of it (a repetition). */
    private static final int COPY = 3;

    /**
     * True when {@code mutated[from, to)} holds {@value #COPY} bytes in a row that are also in a row in a secret of
     * {@code base}: a mutation that repeats part of a token puts the copies where neither the common prefix nor the
     * common suffix can tell.
     */
    private static boolean copiesSecret(byte[] base, BitSet marks, byte[] mutated, int from, int to) {
        java.util.Set<Integer> grams = new java.util.HashSet<>();
        for (int i = marks.nextSetBit(0); i >= 0 && i + COPY <= base.length; i = marks.nextSetBit(i + 1)) {
            if (marks.get(i + COPY - 1) && marks.nextClearBit(i) >= i + COPY) {
                grams.add(gram(base, i));
            }
        }
        if (grams.isEmpty()) {
            return false;
        }
        for (int i = from; i + COPY <= to; i++) {
            if (grams.contains(gram(mutated, i))) {
                return true;
            }
        }
        return false;
    }

    private static int gram(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 16 | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff);
    }

    /** Char marks of a string turned into byte marks of its UTF-8 encoding. */
    static BitSet utf8Marks(String text, BitSet chars) {
        BitSet bytes = new BitSet();
        if (chars.isEmpty()) {
            return bytes;
        }
        int position = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int length;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length = 4;
                if (chars.get(i) || chars.get(i + 1)) {
                    bytes.set(position, position + length);
                }
                position += length;
                i++;
                continue;
            }
            length = c < 0x80 ? 1 : c < 0x800 ? 2 : 3; // a lone surrogate is encoded as '?' (1 byte)
            if (Character.isSurrogate(c)) {
                length = 1;
            }
            if (chars.get(i)) {
                bytes.set(position, position + length);
            }
            position += length;
        }
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretSpans[path " + path.cardinality() + ", headers " + headers.keySet() + ", body "
                + body.cardinality() + " bytes]";
    }
}
