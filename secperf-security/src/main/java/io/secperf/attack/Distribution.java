package io.secperf.attack;

import java.util.Arrays;

/**
 * Values of one attack measurement (handshake times, response times). Attacks are bounded in count (at most a few
 * hundred thousand values), so keeping them and sorting once is exact and cheap. Thread-safe.
 */
final class Distribution {

    private double[] values = new double[64];
    private int size;

    synchronized void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized int count() {
        return size;
    }

    synchronized double sum() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum;
    }

    synchronized double mean() {
        return size == 0 ? 0 : sum() / size;
    }

    /** Nearest-rank percentile, 0 when empty. */
    synchronized double percentile(double p) {
        if (size == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    synchronized double max() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}
