package io.secperf.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Connections to one target for the checks: a private {@link HttpClient} (HTTP/1.1, no redirects followed, this
 * target's trust) for ordinary requests, raw sockets (plain or TLS) for hand-made malformed requests, and fresh TLS
 * contexts for full handshakes. Trust is the JDK default, the configured CA file, or — only with
 * {@code insecure: true} — {@link InsecureTrust}; it is set per client and never process-wide.
 */
public final class TargetClient implements AutoCloseable {

    /** Response body bytes kept for inspection; the rest is counted and dropped. */
    public static final int MAX_BODY_KEPT = 64 * 1024;
    /** Headers the JDK client sets itself and refuses from callers. */
    public static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding");

    private final SecurityConfig.Target target;
    private final TrustManager[] trustManagers;
    private final SSLContext sslContext;
    private final ExecutorService executor;
    private final HttpClient http;

    /**
     * @param parallelism threads the HTTP client may use for its callbacks (1..256); floods need more than checks
     * @throws SecurityConfigException when the CA file cannot be read
     */
    public TargetClient(SecurityConfig.Target target, int parallelism) throws SecurityConfigException {
        this.target = target;
        this.trustManagers = target.insecure() ? null : trustManagers(target.caFile().isPresent()
                ? loadCertificates(target.caFile().get()) : List.of());
        this.sslContext = newSslContext();
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, Math.min(256, parallelism)), runnable -> {
            Thread thread = new Thread(runnable, "secperf-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(target.connectTimeout())
                .sslContext(sslContext)
                .executor(executor)
                .build();
    }

    public TargetClient(SecurityConfig.Target target) throws SecurityConfigException {
        this(target, 4);
    }

    /** Checks that the target's trust settings are usable (reads the CA file), without connecting. */
    public static void validate(SecurityConfig.Target target) throws SecurityConfigException {
        if (target.caFile().isPresent()) {
            loadCertificates(target.caFile().get());
        }
    }

    public SecurityConfig.Target target() {
        return target;
    }

    public HttpClient http() {
        return http;
    }

    /** The absolute URI of a path (and query) that already carries the base path. */
    public URI uri(String pathAndQuery) {
        return URI.create(target.origin() + pathAndQuery);
    }

    /** {@code host[:port]} as a Host header value. */
    public String hostHeader() {
        return target.hostHeader();
    }

    /**
     * Sends a request and waits at most {@code timeout} for the complete (bounded) response. Never throws for
     * network problems: they come back as a {@link TargetResponse.Failure}.
     *
     * @throws InterruptedException when the calling thread is interrupted (the request is cancelled)
     */
    public TargetResponse send(PreparedRequest request, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request.pathAndQuery())).timeout(timeout);
            request.headers().forEach((name, value) -> {
                if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    builder.header(name, value);
                }
            });
            byte[] body = request.body();
            builder.method(request.method(), body.length == 0 && !hasBody(request.method())
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            httpRequest = builder.build();
        } catch (IllegalArgumentException e) {
            return TargetResponse.failed(TargetResponse.Failure.ERROR, "request not sendable by the HTTP client: "
                    + e.getMessage(), elapsed(start));
        }
        CompletableFuture<HttpResponse<Bounded>> future = http.sendAsync(httpRequest, info -> new BoundedBody());
        try {
            // the client's own timeout ends at the response headers; this one also bounds the body
            HttpResponse<Bounded> response = future.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            Bounded body = response.body();
            return new TargetResponse(response.statusCode(), response.headers().map(),
                    new String(body.bytes(), StandardCharsets.UTF_8), body.total(), elapsed(start),
                    TargetResponse.Failure.NONE, "");
        } catch (TimeoutException e) {
            future.cancel(true);
            return TargetResponse.failed(TargetResponse.Failure.TIMEOUT, "timeout", elapsed(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            return TargetResponse.failed(TargetResponse.Failure.ERROR, "cancelled", elapsed(start));
        } catch (ExecutionException e) {
            return classify(e.getCause(), elapsed(start));
        }
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Maps a network exception to a failure kind. */
    public static TargetResponse classify(Throwable cause, Duration elapsed) {
        String detail = describe(cause);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return TargetResponse.failed(TargetResponse.Failure.CONNECT, detail, elapsed);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
            return TargetResponse.failed(TargetResponse.Failure.TIMEOUT, detail, elapsed);
        }
        if (cause instanceof SSLException) {
            return TargetResponse.failed(TargetResponse.Failure.ERROR, detail, elapsed);
        }
        if (cause instanceof IOException) {
            return TargetResponse.failed(TargetResponse.Failure.CLOSED, detail, elapsed);
        }
        return TargetResponse.failed(TargetResponse.Failure.ERROR, detail, elapsed);
    }

    /** "ClassName: message", one line, short. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\s+", " ");
        String text = cause.getClass().getSimpleName() + message;
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /**
     * Opens a connection for hand-written requests: TCP, plus a completed TLS handshake for https targets (ALPN
     * offers only http/1.1; host names are verified unless the target is insecure).
     *
     * @param readTimeout socket read timeout
     */
    public Socket openRaw(Duration readTimeout) throws IOException {
        return openRaw(sslContext, readTimeout);
    }

    /** Like {@link #openRaw(Duration)} with a given TLS context (a fresh one means a full handshake). */
    public Socket openRaw(SSLContext context, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()),
                    (int) target.connectTimeout().toMillis());
            socket.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            if (!target.https()) {
                return socket;
            }
            SSLSocket tls = layerTls(socket, context);
            tls.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Puts TLS over a connected socket the way every check connects: SNI for host names, ALPN offering only
     * http/1.1, host name verification unless the target is insecure. The handshake starts with the first read or
     * write, or with {@link SSLSocket#startHandshake()}.
     */
    public SSLSocket layerTls(Socket connected, SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(connected, target.host(), target.port(),
                true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        if (!target.insecure()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        return tls;
    }

    /**
     * A new TLS context with this target's trust: connections made with it share no session cache with any other
     * context, so every handshake is a full one.
     */
    public SSLContext newSslContext() {
        if (target.insecure()) {
            return InsecureTrust.newContext();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The trust managers of the JDK default trust store, or of the given CA certificates; built once. */
    private static TrustManager[] trustManagers(List<Certificate> caCertificates) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caCertificates.isEmpty()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < caCertificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, caCertificates.get(i));
                }
                factory.init(store);
            }
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> loadCertificates(java.nio.file.Path file) throws SecurityConfigException {
        try (InputStream in = SecurityConfigReader.open(file, "target.caFile")) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new SecurityConfigException(file.toString(), "target.caFile holds no certificate");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new SecurityConfigException(file.toString(), "target.caFile is not a PEM/DER certificate file: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new SecurityConfigException(file.toString(), "cannot read target.caFile: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The kept start of a body and its full length. */
    record Bounded(byte[] bytes, long total) {
    }

    /** Keeps the first {@link #MAX_BODY_KEPT} bytes of a body and counts the rest. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<Bounded> {
        private final CompletableFuture<Bounded> result = new CompletableFuture<>();
        private byte[] kept = new byte[512];
        private int keptLength;
        private long total;

        @Override
        public CompletionStage<Bounded> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int remaining = buffer.remaining();
                total += remaining;
                int take = Math.min(remaining, MAX_BODY_KEPT - keptLength);
                if (take > 0) {
                    if (keptLength + take > kept.length) {
                        kept = java.util.Arrays.copyOf(kept, Math.min(MAX_BODY_KEPT,
                                Math.max(kept.length * 2, keptLength + take)));
                    }
                    buffer.get(kept, keptLength, take);
                    keptLength += take;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Bounded(java.util.Arrays.copyOf(kept, keptLength), total));
        }
    }
}
