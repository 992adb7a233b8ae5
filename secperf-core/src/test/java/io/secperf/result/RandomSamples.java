package io.secperf.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Reproducible, realistic-looking samples: skewed response times, several labels, all error kinds. */
final class RandomSamples {

    static final long START = 1_700_000_000_000L;
    private static final String[][] FAILURES = {
            {"500", "Internal Server Error", ""},
            {"404", "Not Found", ""},
            {"401", "Unauthorized", ""},
            {"200", "OK", "Test failed: text expected to contain /ok/"},
            {"Non HTTP response code: java.net.SocketException", "Non HTTP response message: Connection reset", ""},
            {"Non HTTP response code: org.apache.http.conn.HttpHostConnectException",
                    "Non HTTP response message: Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused", ""},
            {"Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: Read timed out", ""},
            {"Non HTTP response code: javax.net.ssl.SSLHandshakeException",
                    "Non HTTP response message: Received fatal alert: handshake_failure", ""},
            {"Non HTTP response code: java.net.UnknownHostException", "Non HTTP response message: x.invalid", ""},
    };

    private RandomSamples() {
    }

    /** Elapsed times: mostly 5..200 ms, a tail up to about a minute. */
    static long elapsed(Random random) {
        double x = Math.exp(random.nextGaussian() * 1.2 + 3.5);
        if (random.nextInt(500) == 0) {
            x = 1000 + random.nextInt(60_000);
        }
        return Math.min(120_000, (long) x);
    }

    static List<Sample> generate(Random random, int count, int labels, long spanMillis) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(next(random, labels, spanMillis));
        }
        return samples;
    }

    static Sample next(Random random, int labels, long spanMillis) {
        long start = START + (long) (random.nextDouble() * spanMillis);
        long elapsed = elapsed(random);
        String label = "label-" + random.nextInt(labels);
        boolean error = random.nextInt(20) == 0;
        String[] failure = error ? FAILURES[random.nextInt(FAILURES.length)] : new String[] {"200", "OK", ""};
        long latency = elapsed == 0 ? 0 : random.nextLong(elapsed + 1);
        long connect = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
        return new Sample(start, elapsed, label, failure[0], failure[1], !error, failure[2],
                random.nextInt(50_000), random.nextInt(2_000), latency, connect, 1 + random.nextInt(50));
    }

    static RunResult aggregate(List<Sample> samples, int maxBuckets) {
        ResultAggregator aggregator = new ResultAggregator(4, maxBuckets, ResultAggregator.MAX_LABELS);
        samples.forEach(aggregator::accept);
        return aggregator.finish();
    }
}
