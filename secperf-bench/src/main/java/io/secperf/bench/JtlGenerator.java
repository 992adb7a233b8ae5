package io.secperf.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * Writes a realistic JMeter 5.6.3 default-format CSV JTL for benchmark P1: 50 threads, eight labels with different
 * lognormal latencies, about 1% failures with the non-HTTP error texts JMeter really produces, rows in end-time order
 * (JMeter writes a row when a sample ends, so start timestamps are not sorted). Deterministic for a given seed.
 *
 * <p>Usage: {@code JtlGenerator OUT.jtl [ROWS=5000000] [SEED=1]}
 */
public final class JtlGenerator {

    private record Label(String name, String url, double medianMs, double weight, int bytes) {
    }

    private static final Label[] LABELS = {
        new Label("Home page", "http://shop.example.test:8080/", 45, 12, 18_450),
        new Label("GET /api/items", "http://shop.example.test:8080/api/items?page=1", 28, 25, 4_210),
        new Label("GET /api/items/{id}", "http://shop.example.test:8080/api/items/4711", 18, 20, 1_388),
        new Label("POST /api/login", "http://shop.example.test:8080/api/login", 120, 5, 612),
        new Label("POST /api/orders", "http://shop.example.test:8080/api/orders", 210, 6, 955),
        new Label("GET /static/app.js", "http://shop.example.test:8080/static/app.js", 6, 15, 182_330),
        new Label("Search, filtered", "http://shop.example.test:8080/api/search?q=red%2Cshoes", 95, 10, 7_740),
        new Label("GET /api/profile", "http://shop.example.test:8080/api/profile", 35, 7, 2_096),
    };

    /** responseCode, responseMessage, failureMessage, typical elapsed or -1 for "normal". */
    private static final String[][] ERRORS = {
        {"500", "Internal Server Error", "", "-1"},
        {"503", "Service Unavailable", "", "-1"},
        {"200", "OK", "Test failed: text expected to contain /\"status\":\"ok\"/", "-1"},
        {"Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: Read timed out",
            "", "30000"},
        {"Non HTTP response code: org.apache.http.NoHttpResponseException",
            "Non HTTP response message: shop.example.test:8080 failed to respond", "", "-1"},
        {"Non HTTP response code: java.net.SocketException", "Non HTTP response message: Connection reset", "",
            "-1"},
        {"Non HTTP response code: javax.net.ssl.SSLHandshakeException",
            "Non HTTP response message: Remote host terminated the handshake", "", "-1"},
        {"Non HTTP response code: org.apache.http.conn.HttpHostConnectException",
            "Non HTTP response message: Connect to shop.example.test:8080 [shop.example.test/127.0.0.1] failed: "
                + "Connection refused", "", "2"},
    };

    private static final int THREADS = 50;

    private JtlGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JtlGenerator OUT.jtl [ROWS] [SEED]");
            return;
        }
        Path out = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        long start = System.nanoTime();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            write(os, rows, seed);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("generated %s: %d rows, %d bytes in %.1f s%n", out, rows, Files.size(out),
                (System.nanoTime() - start) / 1e9);
    }

    static void write(OutputStream os, long rows, long seed) throws IOException {
        Random r = new Random(seed);
        double totalWeight = 0;
        for (Label l : LABELS) {
            totalWeight += l.weight;
        }
        os.write(("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
                + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(256);
        long end = 1_760_000_000_000L;
        for (long i = 0; i < rows; i++) {
            // about 2,000 samples per second overall, so 5M rows span ~42 minutes
            if (r.nextInt(2) == 0) {
                end++;
            }
            double pick = r.nextDouble() * totalWeight;
            Label label = LABELS[LABELS.length - 1];
            for (Label l : LABELS) {
                pick -= l.weight;
                if (pick < 0) {
                    label = l;
                    break;
                }
            }
            long elapsed = Math.max(1, Math.round(label.medianMs * Math.exp(0.6 * r.nextGaussian())));
            if (r.nextInt(1000) == 0) {
                elapsed *= 10;
            }
            String code = "200";
            String message = "OK";
            String failure = "";
            boolean success = true;
            long bytes = label.bytes + r.nextInt(64);
            if (r.nextInt(100) == 0) {
                String[] e = ERRORS[r.nextInt(ERRORS.length)];
                code = e[0];
                message = e[1];
                failure = e[2];
                success = false;
                long typical = Long.parseLong(e[3]);
                if (typical > 0) {
                    elapsed = typical + r.nextInt(5);
                }
                if (code.startsWith("Non HTTP")) {
                    bytes = 2_000 + r.nextInt(1_500);
                }
            }
            long latency = code.startsWith("Non HTTP") ? 0 : Math.max(0, elapsed - r.nextInt((int) elapsed / 4 + 1));
            long connect = r.nextInt(20) == 0 ? 1 + r.nextInt(15) : 0;
            int thread = 1 + r.nextInt(THREADS);
            sb.setLength(0);
            sb.append(end - elapsed).append(',').append(elapsed).append(',');
            quote(sb, label.name).append(',');
            quote(sb, code).append(',');
            quote(sb, message).append(',');
            sb.append("Thread Group 1-").append(thread).append(",text,").append(success).append(',');
            quote(sb, failure).append(',');
            sb.append(bytes).append(',').append(150 + r.nextInt(100)).append(',')
                    .append(THREADS).append(',').append(THREADS).append(',')
                    .append(label.url).append(',').append(latency).append(",0,").append(connect).append('\n');
            os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static StringBuilder quote(StringBuilder sb, String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return sb.append(v);
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"');
    }
}
