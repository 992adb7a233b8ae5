package io.secperf.result;

/**
 * Samples that ended within one bucket of the time series: [startSecond, startSecond + bucketSeconds).
 *
 * @param startSecond epoch second where the bucket starts (a multiple of {@link TimeSeries#bucketSeconds()})
 * @param count       samples that ended in the bucket
 * @param errors      failed samples among them
 * @param p50Ms       median elapsed time (HdrHistogram, 2 significant digits)
 * @param p95Ms       95th percentile elapsed time (2 significant digits)
 * @param histogram   elapsed-time histogram of the bucket (HdrHistogram compressed, base64), for exact merges
 */
public record SecondBucket(long startSecond, long count, long errors, long p50Ms, long p95Ms, String histogram) {

    public SecondBucket {
        histogram = histogram == null ? "" : histogram;
    }
}
