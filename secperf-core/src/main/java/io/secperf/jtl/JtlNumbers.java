package io.secperf.jtl;

/** Parses decimal numbers straight from the read buffer, so no String is made for a numeric column. */
final class JtlNumbers {

    static final long INVALID = Long.MIN_VALUE;

    private JtlNumbers() {
    }

    /** An optionally negative decimal of at most 18 digits, or {@link #INVALID}. */
    static long parseLong(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && b[i] == '-') {
            negative = true;
            i++;
        }
        int digits = to - i;
        if (digits <= 0 || digits > 18) {
            return INVALID;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
