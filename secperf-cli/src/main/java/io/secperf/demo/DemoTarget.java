package io.secperf.demo;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The built-in target of {@code secperf demo}: a small HTTPS JSON API with a login flow, on 127.0.0.1 only, so that
 * secperf can be tried on a machine with nothing but Java. The certificate is generated fresh on every start (a demo CA
 * and a leaf for {@code localhost} / {@code 127.0.0.1}) and its keys never leave memory; the TLS context is used by
 * this server alone and no process-wide TLS default is touched.
 *
 * <p>Routes: {@code GET /}, {@code /static/app.css}, {@code /static/app.js}, {@code /static/logo.svg},
 * {@code GET /health}, {@code POST /api/login} (JSON {@code username}/{@code password}, demo credentials
 * {@value #USERNAME} / {@value #PASSWORD}, answers {@code {"token": ...}}), and with
 * {@code Authorization: Bearer <token>}: {@code GET /api/items}, {@code GET /api/items/{id}}, {@code POST /api/orders}
 * (JSON {@code itemId}, {@code quantity} 1..100, answers 201).
 *
 * <p>Loading this class sets the JDK HTTP server's system property {@value #NODELAY_PROPERTY} to {@code true} unless
 * it is already set: without TCP_NODELAY, small keep-alive responses wait on Nagle's algorithm and delayed ACKs
 * (about 40 ms each on Linux). The JDK reads the property once, when its server implementation class loads, so it
 * only helps if no JDK HTTP server was created earlier in this JVM; set {@code -Dsun.net.httpserver.nodelay=true} on
 * the command line to be sure.
 */
public final class DemoTarget implements AutoCloseable {

    public static final String USERNAME = DemoApi.USERNAME;
    public static final String PASSWORD = DemoApi.PASSWORD;
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Forward-secret AEAD suites only; the TLS 1.2 ones match the ECDSA certificate. */
    private static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final int BACKLOG = 256;
    private static final int QUEUE_CAPACITY = 2048;

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    /**
     * How the demo target listens and how slow it pretends to be.
     *
     * @param port          TCP port on 127.0.0.1; 0 picks a free ephemeral port
     * @param baseLatency   artificial service time of an ordinary API read (logins cost 3x, writes 2x, static 0.25x)
     * @param latencyJitter uniform extra delay on top of the base, plus a rare tail of 5x the larger of both
     * @param latencySeed   seed of the delay sequence, so runs are repeatable
     * @param workerThreads size of the bounded request thread pool
     */
    public record Options(int port, Duration baseLatency, Duration latencyJitter, long latencySeed, int workerThreads) {

        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            Objects.requireNonNull(baseLatency, "baseLatency");
            Objects.requireNonNull(latencyJitter, "latencyJitter");
            if (baseLatency.isNegative() || latencyJitter.isNegative()
                    || baseLatency.compareTo(Duration.ofSeconds(10)) > 0
                    || latencyJitter.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("latency and jitter must be between 0 and 10 s");
            }
            if (workerThreads < 1 || workerThreads > 1024) {
                throw new IllegalArgumentException("workerThreads must be 1..1024, was " + workerThreads);
            }
        }

        /** Ephemeral port, 2 ms + up to 3 ms of jitter, seed 42, 32 worker threads (enough for ~30 busy clients). */
        public static Options defaults() {
            return new Options(0, Duration.ofMillis(2), Duration.ofMillis(3), 42L, 32);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, baseLatency, latencyJitter, latencySeed, workerThreads);
        }

        public Options withLatency(Duration base, Duration jitter) {
            return new Options(port, base, jitter, latencySeed, workerThreads);
        }

        public Options withLatencySeed(long seed) {
            return new Options(port, baseLatency, latencyJitter, seed, workerThreads);
        }

        public Options withWorkerThreads(int threads) {
            return new Options(port, baseLatency, latencyJitter, latencySeed, threads);
        }
    }

    private final Options options;
    private final DemoCertificates certificates;
    private final DemoApi api;
    private HttpsServer server;
    private ThreadPoolExecutor executor;
    private boolean closed;

    public DemoTarget() {
        this(Options.defaults());
    }

    /** Generates the certificates; {@link #start()} binds the port. */
    public DemoTarget(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        Clock clock = Clock.systemUTC();
        this.certificates = DemoCertificates.generate(clock);
        this.api = new DemoApi(new DemoTokens(clock),
                new DemoLatency(options.baseLatency(), options.latencyJitter(), options.latencySeed()));
    }

    /**
     * Binds 127.0.0.1 and starts serving.
     *
     * @return this, for try-with-resources
     * @throws IOException when the port cannot be bound (message names the address)
     */
    public synchronized DemoTarget start() throws IOException {
        if (closed) {
            throw new IllegalStateException("demo target is closed");
        }
        if (server != null) {
            throw new IllegalStateException("demo target already started");
        }
        InetSocketAddress address = new InetSocketAddress(loopback(), options.port());
        HttpsServer created;
        try {
            created = HttpsServer.create(address, BACKLOG);
        } catch (BindException e) {
            throw new BindException("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
        }
        SSLContext tls = certificates.serverSslContext();
        created.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(hardened(tls));
            }
        });
        created.createContext("/", api);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(options.workerThreads(), options.workerThreads(),
                30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), daemonThreads(),
                // when the queue is full the dispatcher serves the request itself, which stops it accepting more
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        created.setExecutor(pool);
        created.start();
        this.server = created;
        this.executor = pool;
        return this;
    }

    private static SSLParameters hardened(SSLContext tls) {
        SSLParameters parameters = tls.getDefaultSSLParameters();
        Set<String> supportedProtocols = Set.of(tls.getSupportedSSLParameters().getProtocols());
        Set<String> supportedSuites = Set.of(tls.getSupportedSSLParameters().getCipherSuites());
        parameters.setProtocols(PROTOCOLS.stream().filter(supportedProtocols::contains).toArray(String[]::new));
        parameters.setCipherSuites(CIPHER_SUITES.stream().filter(supportedSuites::contains).toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        return parameters;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "secperf-demo-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code https://127.0.0.1:<port>/}; the certificate is valid for this address and for {@code localhost}. */
    public URI uri() {
        return URI.create("https://127.0.0.1:" + port() + "/");
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("demo target is not started");
        }
        return server.getAddress().getPort();
    }

    /** The demo CA in PEM, for clients that want to verify the server instead of trusting all certificates. */
    public String caCertificatePem() {
        return certificates.caCertificatePem();
    }

    public X509Certificate caCertificate() {
        return certificates.caCertificate();
    }

    /** The server's own certificate (leaf), signed by {@link #caCertificate()}. */
    public X509Certificate serverCertificate() {
        return certificates.leafCertificate();
    }

    /** Writes the CA certificate (never a key) as PEM, atomically: a temporary sibling file moved into place. */
    public void writeCaCertificatePem(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, caCertificatePem(), StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Requests answered so far, including errors. */
    public long requestCount() {
        return api.requestCount();
    }

    public Options options() {
        return options;
    }

    /** Stops listening at once, closes open connections and the worker pool. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
