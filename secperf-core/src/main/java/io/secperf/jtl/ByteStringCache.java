package io.secperf.jtl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns byte ranges into Strings, handing back the same String for bytes it has seen before. A JTL repeats a handful
 * of labels, response codes and messages millions of times; looking them up by their bytes avoids decoding and
 * allocating a String per row. Bounded: after {@code maxEntries} distinct values (or for long values) it decodes
 * without remembering, so a file with unique labels costs allocation, never unbounded memory.
 */
final class ByteStringCache {

    private final int maxEntries;
    private final int maxKeyLength;
    private final int mask;
    private final byte[][] keys;
    private final String[] values;
    private final int[] hashes;
    private int size;

    ByteStringCache(int maxEntries, int maxKeyLength) {
        this.maxEntries = maxEntries;
        this.maxKeyLength = maxKeyLength;
        int capacity = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
        this.mask = capacity - 1;
        this.keys = new byte[capacity][];
        this.values = new String[capacity];
        this.hashes = new int[capacity];
    }

    String get(byte[] buf, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        if (len > maxKeyLength) {
            return new String(buf, from, len, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        byte[] k;
        while ((k = keys[slot]) != null) {
            if (hashes[slot] == h && Arrays.equals(k, 0, k.length, buf, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(buf, from, len, StandardCharsets.UTF_8);
        if (size < maxEntries) {
            keys[slot] = Arrays.copyOfRange(buf, from, to);
            values[slot] = s;
            hashes[slot] = h;
            size++;
        }
        return s;
    }
}
