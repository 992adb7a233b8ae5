package io.secperf.result;

/**
 * Samples that ended within one bucket of the time series: [startSecond, startSecond + bucketSeconds).
 *
 * @param startSecond  epoch second where the bucket starts (a multiple of {@link TimeSeries#bucketSeconds()})
 * @param count        samples that ended in the bucket
 * @param errors       failed samples among them
 * @param p50Ms        median elapsed time (HdrHistogram, 2 significant digits)
 * @param p95Ms        95th percentile elapsed time (2 significant digits)
 * @param histogram    elapsed-time histogram of the bucket (HdrHistogram compressed, base64), for exact merges
 * @param authRejected failed samples answered 401 or 403 (error class AUTH_REJECTED), for the post-test analysis'
 *                     401/403 bursts; 0 in documents written before the field existed
 */
public record SecondBucket(long startSecond, long count, long errors, long p50Ms, long p95Ms, String histogram,
                           Long authRejected) {

    public SecondBucket {
        histogram = histogram == null ? "" : histogram;
        // boxed only so that documents without the field (absent = null) read as 0; never null after this
        authRejected = authRejected == null ? 0L : authRejected;
    }

    /**
     * A fresh copy of the bucket's elapsed-time histogram (2 significant digits), e.g. to merge the buckets of a
     * window for that window's exact percentiles.
     *
     * @throws IllegalArgumentException when the histogram text is damaged
     */
    public org.HdrHistogram.Histogram decodeHistogram() {
        return HistogramCodec.decode(histogram, HistogramCodec.SERIES_DIGITS);
    }

    /** A bucket without 401/403 counts. */
    public SecondBucket(long startSecond, long count, long errors, long p50Ms, long p95Ms, String histogram) {
        this(startSecond, count, errors, p50Ms, p95Ms, histogram, 0L);
    }
}
