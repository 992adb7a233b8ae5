package io.secperf.result;

import java.util.List;

/**
 * Overall samples per time bucket, keyed by the second in which each sample ended ((timeStamp + elapsed) / 1000),
 * for charts and post-test analysis. Buckets are one second wide until the run spans more than {@code maxBuckets}
 * seconds; then the width doubles (2 s, 4 s, ...) as often as needed, so memory and document size depend on the run
 * duration only up to that cap, never on the number of samples. Buckets are aligned to multiples of their width in
 * epoch seconds, which keeps merges exact. Buckets without samples are omitted.
 *
 * @param bucketSeconds width of every bucket in seconds (a power of two)
 * @param maxBuckets    the cap that decides the width
 * @param firstSecond   earliest end second of any sample (0 when empty)
 * @param lastSecond    latest end second of any sample (0 when empty)
 * @param buckets       non-empty buckets in time order
 */
public record TimeSeries(int bucketSeconds, int maxBuckets, long firstSecond, long lastSecond,
                         List<SecondBucket> buckets) {

    public TimeSeries {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
        if (bucketSeconds < 1 || Integer.bitCount(bucketSeconds) != 1) {
            throw new IllegalArgumentException("bucketSeconds must be a power of two, was " + bucketSeconds);
        }
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be positive, was " + maxBuckets);
        }
    }

    /** The smallest power-of-two width that covers [firstSecond, lastSecond] with at most maxBuckets buckets. */
    public static int widthFor(long firstSecond, long lastSecond, int maxBuckets) {
        long width = 1;
        while (Math.floorDiv(lastSecond, width) - Math.floorDiv(firstSecond, width) + 1 > maxBuckets) {
            width *= 2;
        }
        if (width > (1 << 30)) {
            throw new IllegalArgumentException("time range " + firstSecond + ".." + lastSecond + " is too wide");
        }
        return (int) width;
    }
}
