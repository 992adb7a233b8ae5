package io.secperf.ext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.secperf.security.testing.TestCertificates;

/**
 * A real JDK HTTPS server on 127.0.0.1 (port 0) with a fresh self-signed certificate from secperf-security's test PKI,
 * for the stock JMeter run: {@code /api/items} answers {@code {"items":[1,2,3]}}, everything else "ok". It records
 * every request path, so a test can see what JMeter sent (e.g. a value JMeter extracted with its own Jackson).
 */
final class LoopbackHttps implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private LoopbackHttps(HttpsServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(4, task -> {
            Thread t = new Thread(task, "loopback-https");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackHttps start() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // a fresh self-signed certificate for 127.0.0.1 and localhost: the TLS probe grades it T (not trusted)
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.selfSigned().serverContext()));
        return new LoopbackHttps(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Request paths in arrival order (TLS probe handshakes send no request and do not appear). */
    List<String> paths() {
        return List.copyOf(paths);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        boolean json = path.equals("/api/items");
        byte[] body = (json ? "{\"items\":[1,2,3]}" : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
