package io.secperf.jtl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns byte ranges into Strings, handing back the same String for bytes it has seen before. A JTL repeats a handful
 * of labels, response codes and messages millions of times; looking them up by their bytes avoids decoding and
 * allocating a String per row. Bounded: after {@code maxEntries} distinct values (or for long values) it decodes
 * without remembering, so a file with unique labels costs allocation, never unbounded memory. Callers keep
 * {@link Swar#SLACK} readable bytes after each range because keys are compared a word at a time.
 */
final class ByteStringCache {

    private final int maxEntries;
    private final int maxKeyLength;
    private final int mask;
    private final byte[][] keys;
    private final String[] values;
    private final int[] hashes;
    private final int[] lengths;
    private int size;
    private byte[] lastKey = new byte[Swar.SLACK];
    private int lastLength = -1;
    private String lastValue;

    ByteStringCache(int maxEntries, int maxKeyLength) {
        this.maxEntries = maxEntries;
        this.maxKeyLength = maxKeyLength;
        int capacity = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
        this.mask = capacity - 1;
        this.keys = new byte[capacity][];
        this.values = new String[capacity];
        this.hashes = new int[capacity];
        this.lengths = new int[capacity];
    }

    String get(byte[] buf, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        if (len > maxKeyLength) {
            return new String(buf, from, len, StandardCharsets.UTF_8);
        }
        if (len == lastLength && Swar.equal(lastKey, 0, buf, from, len)) {
            return lastValue;
        }
        return lookup(buf, from, to, len);
    }

    private String lookup(byte[] buf, int from, int to, int len) {
        int h = Swar.hash(buf, from, to);
        int slot = h & mask;
        byte[] k;
        while ((k = keys[slot]) != null) {
            if (hashes[slot] == h && lengths[slot] == len && Swar.equal(k, 0, buf, from, len)) {
                lastKey = k;
                lastLength = len;
                lastValue = values[slot];
                return lastValue;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(buf, from, len, StandardCharsets.UTF_8);
        if (size < maxEntries) {
            keys[slot] = Arrays.copyOfRange(buf, from, to + Swar.SLACK);
            lengths[slot] = len;
            values[slot] = s;
            hashes[slot] = h;
            size++;
        }
        return s;
    }
}
