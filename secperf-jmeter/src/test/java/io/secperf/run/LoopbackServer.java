package io.secperf.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP(S) server on 127.0.0.1 with a few behaviours for tests: fixed status codes, a stall, jitter. Requests are
 * counted per path. Sleeps are bounded, and the executor is bounded, so a misbehaving test cannot run forever.
 *
 * <ul>
 *   <li>{@code /status/NNN} answers NNN</li>
 *   <li>{@code /stall} sleeps {@link #STALL_MILLIS} then answers 200</li>
 *   <li>{@code /jitter} sleeps 0..19 ms, cycling with the request count</li>
 *   <li>{@code /api/items} answers a JSON body containing "items" (unless overridden with {@link #respond})</li>
 *   <li>anything else answers 200 "ok"</li>
 * </ul>
 */
final class LoopbackServer implements AutoCloseable {

    static final long STALL_MILLIS = 3_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, int[]> statusOverrides = new ConcurrentHashMap<>();
    private final Map<String, String> bodyOverrides = new ConcurrentHashMap<>();
    private final AtomicInteger jitter = new AtomicInteger();
    private final boolean https;

    private LoopbackServer(HttpServer server, boolean https) {
        this.server = server;
        this.https = https;
        this.executor = Executors.newFixedThreadPool(16, task -> {
            Thread t = new Thread(task, "loopback-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200),
                false);
    }

    static LoopbackServer https() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSignedContext()));
        return new LoopbackServer(server, true);
    }

    /** Makes {@code path} answer {@code status} with {@code body}. */
    LoopbackServer respond(String path, int status, String body) {
        statusOverrides.put(path, new int[] {status});
        bodyOverrides.put(path, body);
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI baseUri() {
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + port());
    }

    int requestsTo(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        int status = 200;
        String body = "ok";
        try {
            if (statusOverrides.containsKey(path)) {
                status = statusOverrides.get(path)[0];
                body = bodyOverrides.get(path);
            } else if (path.startsWith("/status/")) {
                status = Integer.parseInt(path.substring("/status/".length()));
                body = "status " + status;
            } else if (path.equals("/stall")) {
                Thread.sleep(STALL_MILLIS);
            } else if (path.equals("/jitter")) {
                Thread.sleep(jitter.getAndIncrement() % 20);
            } else if (path.endsWith("/api/items")) {
                body = "{\"items\":[1,2,3]}";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh EC key and self-signed certificate for 127.0.0.1, made with Bouncy Castle. */
    static SSLContext selfSignedContext() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=127.0.0.1");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now),
                new Date(now - 60_000), new Date(now + 86_400_000L), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        char[] password = "secperf-test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
