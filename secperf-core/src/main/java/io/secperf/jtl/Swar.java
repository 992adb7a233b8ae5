package io.secperf.jtl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scanning eight bytes at a time ("SIMD within a register"). Finding the next delimiter, quote or line end is
 * most of the work of splitting a CSV row; testing a whole {@code long} per step instead of one byte roughly halves
 * that cost. Reads may look up to 7 bytes past the end of the range, so buffers keep {@link #SLACK} spare bytes.
 */
final class Swar {

    static final int SLACK = 8;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = pattern((byte) '"');
    private static final long LFS = pattern((byte) '\n');
    private static final long CRS = pattern((byte) '\r');

    private Swar() {
    }

    static long pattern(byte b) {
        return (b & 0xffL) * ONES;
    }

    /** High bit set in each byte equal to the pattern's byte; exact for the lowest match (borrows only go up). */
    private static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * First index at or after {@code from} holding the delimiter, a quote, CR or LF. The caller guarantees such a
     * byte exists (a sentinel) and that 7 bytes after it are readable.
     */
    static int indexOfSpecial(byte[] b, int from, long delimPattern) {
        int p = from;
        while (true) {
            long w = (long) LONGS.get(b, p);
            long m = matches(w, delimPattern) | matches(w, QUOTES) | matches(w, LFS) | matches(w, CRS);
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            p += 8;
        }
    }

    /** Hash of [from, to); reads whole words, so b must have {@link #SLACK} readable bytes after {@code to}. */
    static int hash(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        }
        if (i < to) {
            long tail = (long) LONGS.get(b, i) & (-1L >>> ((8 - (to - i)) << 3));
            h = (h ^ tail) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** Whether two ranges of {@code length} bytes are equal; both arrays need {@link #SLACK} bytes after them. */
    static boolean equal(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        if (i == length) {
            return true;
        }
        long mask = -1L >>> ((8 - (length - i)) << 3);
        return (((long) LONGS.get(a, aFrom + i) ^ (long) LONGS.get(b, bFrom + i)) & mask) == 0;
    }

    /** Whether the 8 bytes at p are all ASCII digits. */
    static boolean eightDigits(byte[] b, int p) {
        long w = (long) LONGS.get(b, p);
        return (w & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L
                && ((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L;
    }

    /** The value of the 8 ASCII digits at p (check with {@link #eightDigits} first). */
    static long parseEightDigits(byte[] b, int p) {
        long v = (long) LONGS.get(b, p) & 0x0F0F0F0F0F0F0F0FL;
        v = (v * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }
}
