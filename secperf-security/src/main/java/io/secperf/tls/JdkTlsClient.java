package io.secperf.tls;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The checks that need a completed handshake (TLS 1.3 certificate, handshake time, HSTS, renegotiation) use the
 * JDK's own TLS stack, each connection with its own {@link SSLContext} whose trust manager accepts any chain: the
 * probe judges the chain itself, and a fresh context means a fresh session (no resumption). The permissive trust
 * manager exists only here and only per connection; nothing process-wide ({@code SSLContext.setDefault},
 * {@code HttpsURLConnection.setDefault*}, security properties) is ever touched, so a JMeter load or a Jenkins agent
 * in the same JVM is unaffected.
 *
 * <p>These checks see only what the JDK negotiates (it refuses SSLv3, TLS 1.0/1.1, RC4, 3DES ... by
 * {@code jdk.tls.disabledAlgorithms}); protocol and suite enumeration never depend on them.
 */
final class JdkTlsClient {

    private final InetSocketAddress address;
    private final String sniName;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final SecureRandom random;

    JdkTlsClient(InetSocketAddress address, String sniName, String hostHeader, int connectTimeoutMillis,
                 int readTimeoutMillis, SecureRandom random) {
        this.address = address;
        this.sniName = sniName;
        this.hostHeader = hostHeader;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.random = random;
    }

    /** A completed handshake: how long it took and what it negotiated. */
    record Handshake(double millis, String protocol, String cipherSuite, List<X509Certificate> peerChain) {
    }

    /**
     * The server did not answer at all: the TCP connect or the handshake timed out, or the connect was refused. A
     * busy server looks like this; it says nothing about what the server supports, so the probe retries later.
     */
    static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        NoAnswer(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    Handshake handshake() throws IOException, NoAnswer {
        try (Socket plain = connect();
             SSLSocket socket = layer(plain, null)) {
            long start = System.nanoTime();
            startHandshake(socket);
            double millis = (System.nanoTime() - start) / 1e6;
            SSLSession session = socket.getSession();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return new Handshake(millis, session.getProtocol(), session.getCipherSuite(), chain);
        }
    }

    /** One GET after a completed handshake; a timeout after the handshake is a verdict ("no HTTP answer"). */
    HstsResult hsts(String path) throws NoAnswer {
        try (Socket plain = connect();
             SSLSocket socket = layer(plain, null)) {
            startHandshake(socket);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nUser-Agent: secperf-tls-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return HstsParser.parseResponse(readHead(socket.getInputStream(), 2L * readTimeoutMillis));
        } catch (SocketTimeoutException e) {
            return HstsResult.notTested("no HTTP answer within " + readTimeoutMillis + " ms");
        } catch (IOException e) {
            return HstsResult.notTested("HTTPS request failed: " + e.getMessage());
        }
    }

    /** The response head, at most 64 KiB and {@code maxMillis} in total (a trickling server cannot hold us). */
    private static String readHead(InputStream in, long maxMillis) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (head.size() < 64 * 1024) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("response head not complete within " + maxMillis + " ms");
            }
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Initial TLS 1.2 handshake, then up to {@code attempts} client-initiated renegotiations on the same connection
     * (SSLEngine, because {@code SSLSocket.startHandshake()} only starts a renegotiation without waiting for it).
     */
    RenegotiationResult renegotiate(int attempts) throws NoAnswer {
        try (Socket plain = connect()) {
            SSLContext context = trustAllContext(random);
            SSLEngine engine = context.createSSLEngine(address.getHostString(), address.getPort());
            engine.setUseClientMode(true);
            engine.setSSLParameters(parameters(engine.getSSLParameters(), new String[] {"TLSv1.2"}));
            EngineDriver driver = new EngineDriver(engine, plain);
            try {
                driver.handshake();
            } catch (SocketTimeoutException e) {
                throw new NoAnswer(e);
            } catch (IOException e) {
                return new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0, attempts,
                        "the JDK client could not complete a TLS 1.2 handshake: " + e.getMessage());
            }
            int done = 0;
            while (done < attempts) {
                try {
                    driver.handshake();
                    done++;
                } catch (SocketTimeoutException e) {
                    return new RenegotiationResult(RenegotiationResult.Status.MITIGATED, done, attempts,
                            "renegotiation " + (done + 1) + " timed out");
                } catch (IOException e) {
                    String message = String.valueOf(e.getMessage());
                    if (done == 0 && message.toLowerCase(Locale.ROOT).contains("insecure renegotiation")) {
                        return new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0, attempts,
                                "the server lacks RFC 5746; the JDK refuses insecure renegotiation");
                    }
                    return new RenegotiationResult(RenegotiationResult.Status.MITIGATED, done, attempts,
                            "renegotiation " + (done + 1) + " refused: " + message);
                }
            }
            return new RenegotiationResult(RenegotiationResult.Status.VULNERABLE, done, attempts,
                    done + " client-initiated renegotiations in a row succeeded");
        } catch (IOException e) {
            return new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0, attempts,
                    "cannot connect: " + e.getMessage());
        }
    }

    private Socket connect() throws IOException, NoAnswer {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            return socket;
        } catch (SocketTimeoutException | ConnectException e) {
            socket.close();
            throw new NoAnswer(e);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void startHandshake(SSLSocket socket) throws IOException, NoAnswer {
        try {
            socket.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new NoAnswer(e);
        }
    }

    private SSLSocket layer(Socket plain, String[] protocols) throws IOException {
        SSLContext context = trustAllContext(random);
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, address.getHostString(), address.getPort(), true);
        socket.setSSLParameters(parameters(socket.getSSLParameters(), protocols));
        return socket;
    }

    private SSLParameters parameters(SSLParameters params, String[] protocols) {
        if (sniName != null) {
            params.setServerNames(List.of(new SNIHostName(sniName)));
        }
        if (protocols != null) {
            params.setProtocols(protocols);
        }
        params.setEndpointIdentificationAlgorithm(null);
        return params;
    }

    static SSLContext trustAllContext(SecureRandom random) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every chain so the handshake completes and the probe can judge the chain itself. Extended so the JDK
     * does not wrap it with its own algorithm-constraint checks, which would abort on exactly the weak chains the
     * probe must report.
     */
    private static final class AcceptAnyChain extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Drives an SSLEngine over a blocking socket, one handshake at a time. */
    private static final class EngineDriver {
        private final SSLEngine engine;
        private final InputStream in;
        private final OutputStream out;
        private ByteBuffer netIn;
        private ByteBuffer netOut;
        private ByteBuffer appIn;
        private final byte[] readBuffer = new byte[16 * 1024];

        EngineDriver(SSLEngine engine, Socket socket) throws IOException {
            this.engine = engine;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            SSLSession session = engine.getSession();
            netIn = ByteBuffer.allocate(session.getPacketBufferSize());
            netIn.flip();
            netOut = ByteBuffer.allocate(session.getPacketBufferSize());
            appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        }

        void handshake() throws IOException {
            engine.beginHandshake();
            HandshakeStatus status = engine.getHandshakeStatus();
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                switch (status) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), netOut);
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                            continue;
                        }
                        netOut.flip();
                        out.write(netOut.array(), 0, netOut.limit());
                        out.flush();
                        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLException("the engine closed while writing");
                        }
                        status = result.getHandshakeStatus();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        appIn.clear();
                        SSLEngineResult result = engine.unwrap(netIn, appIn);
                        switch (result.getStatus()) {
                            case BUFFER_UNDERFLOW -> readMore();
                            case BUFFER_OVERFLOW -> appIn = ByteBuffer.allocate(appIn.capacity() * 2);
                            case CLOSED -> throw new SSLException("the server closed the connection");
                            default -> { }
                        }
                        status = result.getStatus() == SSLEngineResult.Status.OK
                                ? result.getHandshakeStatus() : engine.getHandshakeStatus();
                    }
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                        status = engine.getHandshakeStatus();
                    }
                    default -> throw new SSLException("unexpected handshake status " + status);
                }
            }
        }

        private void readMore() throws IOException {
            int n = in.read(readBuffer);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            netIn.compact();
            if (netIn.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + n + 1024);
                netIn.flip();
                bigger.put(netIn);
                netIn = bigger;
            }
            netIn.put(readBuffer, 0, n);
            netIn.flip();
        }
    }
}
