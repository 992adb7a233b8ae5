package io.secperf.result;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * Turns histograms into the base64 text stored in result documents and back. The encoding is canonical (the
 * histogram is re-sized to exactly its maximum before encoding), so equal contents give equal text and merged
 * documents compare equal to a single aggregation.
 */
final class HistogramCodec {

    /** Precision of response-time histograms (per label, overall). */
    static final int LABEL_DIGITS = 3;
    /** Precision of per-second histograms (time series, progress interval): cheaper, still exact to merge. */
    static final int SERIES_DIGITS = 2;

    private HistogramCodec() {
    }

    static Histogram newHistogram(int digits) {
        return new Histogram(digits);
    }

    static String encode(Histogram histogram) {
        Histogram canonical = new Histogram(1, Math.max(2, histogram.getMaxValue()),
                histogram.getNumberOfSignificantValueDigits());
        canonical.add(histogram);
        ByteBuffer buffer = ByteBuffer.allocate(canonical.getNeededByteBufferCapacity());
        int length = canonical.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * Decodes into a fresh auto-resizing histogram of the expected precision.
     *
     * @throws IllegalArgumentException when the text is not a histogram of that precision
     */
    static Histogram decode(String text, int expectedDigits) {
        if (text == null || text.isEmpty()) {
            return newHistogram(expectedDigits);
        }
        Histogram decoded;
        try {
            decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 2);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed base64 encoding: " + e.getMessage(), e);
        }
        if (decoded.getNumberOfSignificantValueDigits() != expectedDigits || decoded.getLowestDiscernibleValue() != 1) {
            throw new IllegalArgumentException("histogram has " + decoded.getNumberOfSignificantValueDigits()
                    + " significant digits and lowest value " + decoded.getLowestDiscernibleValue() + ", expected "
                    + expectedDigits + " and 1; it cannot be merged exactly");
        }
        Histogram result = newHistogram(expectedDigits);
        result.add(decoded);
        return result;
    }
}
