package io.secperf.jtl;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Realistic random samples, including the awkward texts JMeter really produces, and a collecting sink. */
final class TestSamples {

    static final String[] LABELS = {"GET /api/items", "POST /login", "home page", "search, filtered", "say \"hi\"",
        "Überblick – Ä€", "multi\nline label"};
    static final String[][] ERRORS = {
        {"Non HTTP response code: java.net.SocketException", "Non HTTP response message: Connection reset"},
        {"Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: Read timed out"},
        {"Non HTTP response code: javax.net.ssl.SSLHandshakeException",
            "Non HTTP response message: Remote host terminated the handshake"},
        {"500", "Internal Server Error"},
        {"401", ""},
    };

    private TestSamples() {
    }

    static List<Sample> random(long seed, int n) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>(n);
        long ts = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            ts += r.nextInt(5);
            String label = LABELS[r.nextInt(LABELS.length)];
            boolean ok = r.nextInt(10) != 0;
            String code = "200";
            String message = "OK";
            String failure = "";
            if (!ok) {
                String[] e = ERRORS[r.nextInt(ERRORS.length)];
                code = e[0];
                message = e[1];
                if (r.nextBoolean()) {
                    failure = "Test failed: text expected to contain /\"token\": \"abc\"/\nsecond line, with comma";
                }
            }
            long elapsed = (long) Math.exp(3 + r.nextGaussian());
            out.add(new Sample(ts, elapsed, label, code, message, ok, failure, r.nextInt(100_000), r.nextInt(2_000),
                    elapsed / 2, r.nextInt(3) == 0 ? r.nextInt(40) : 0, 1 + r.nextInt(200)));
        }
        return out;
    }

    /** Collects samples (single reader thread). */
    static final class Collector implements SampleSink {
        final List<Sample> samples = new ArrayList<>();

        @Override
        public void accept(Sample sample) {
            samples.add(sample);
        }
    }
}
