package io.secperf.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback TCP proxy in front of a TLS server that behaves like a busy one: it serves one connection at a time
 * after a fixed delay (a slow single-connection server), or accepts at most N connections per second (a server or
 * load balancer that limits handshakes per second), or never answers connections whose first bytes match a
 * predicate (a middlebox that drops some hellos). Connections wait in the listen backlog meanwhile, exactly as with
 * a real busy server; a client that gave up is still accepted and costs its delay.
 */
final class ThrottlingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ExecutorService threads;
    private final long delayMillis;
    private final double acceptsPerSecond;
    private final boolean oneAtATime;
    private final Predicate<byte[]> blackHole;
    private final AtomicInteger accepted = new AtomicInteger();

    private ThrottlingProxy(int backendPort, long delayMillis, double acceptsPerSecond, boolean oneAtATime,
                            Predicate<byte[]> blackHole) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort);
        this.delayMillis = delayMillis;
        this.acceptsPerSecond = acceptsPerSecond;
        this.oneAtATime = oneAtATime;
        this.blackHole = blackHole;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "throttling-proxy");
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /** One connection at a time, each first delayed by {@code delayMillis}. */
    static ThrottlingProxy slow(int backendPort, long delayMillis) throws IOException {
        return new ThrottlingProxy(backendPort, delayMillis, 0, true, b -> false);
    }

    /** At most {@code perSecond} accepted connections per second, served concurrently. */
    static ThrottlingProxy rateLimited(int backendPort, double perSecond) throws IOException {
        return new ThrottlingProxy(backendPort, 0, perSecond, false, b -> false);
    }

    /** Concurrent and fast, but connections whose first record matches are held open and never answered. */
    static ThrottlingProxy blackHoling(int backendPort, Predicate<byte[]> firstRecord) throws IOException {
        return new ThrottlingProxy(backendPort, 0, 0, false, firstRecord);
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        long next = System.nanoTime();
        while (!listener.isClosed()) {
            try {
                if (acceptsPerSecond > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    next = Math.max(next, System.nanoTime()) + (long) (1e9 / acceptsPerSecond);
                }
                Socket client = listener.accept();
                accepted.incrementAndGet();
                if (oneAtATime) {
                    Thread.sleep(delayMillis);
                    serve(client);
                } else {
                    threads.execute(() -> serve(client));
                }
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Pipes both directions until either side closes; at most 20 s per connection. */
    private void serve(Socket client) {
        try (client; Socket server = new Socket()) {
            client.setSoTimeout(20_000);
            InputStream fromClient = client.getInputStream();
            byte[] first = new byte[0];
            if (blackHole != null) {
                first = firstRecord(fromClient);
                if (first.length > 0 && blackHole.test(first)) {
                    // hold the connection without a word until the client gives up
                    while (fromClient.read() >= 0) {
                        // discard
                    }
                    return;
                }
            }
            server.connect(backend, 5000);
            server.setSoTimeout(20_000);
            OutputStream toServer = server.getOutputStream();
            toServer.write(first);
            toServer.flush();
            var back = threads.submit(() -> copy(server.getInputStream(), client.getOutputStream(), client));
            copy(fromClient, toServer, server);
            back.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // clients drop connections on purpose
        }
    }

    /** The first TLS record (header and body), or what arrived before the client closed. */
    private static byte[] firstRecord(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
            return header;
        }
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        byte[] body = in.readNBytes(Math.min(length, 18_432));
        byte[] all = Arrays.copyOf(header, 5 + body.length);
        System.arraycopy(body, 0, all, 5, body.length);
        return all;
    }

    private static Void copy(InputStream in, OutputStream out, Socket other) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            other.shutdownOutput();
        } catch (IOException e) {
            try {
                other.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    /** True if a ClientHello record offers any TLS 1.3 suite (0x13xx), as TLS 1.3 hellos and JDK hellos do. */
    static boolean offersTls13Suite(byte[] record) {
        try {
            int pos = 5 + 4 + 2 + 32;
            pos += 1 + (record[pos] & 0xFF);
            int length = ((record[pos] & 0xFF) << 8) | (record[pos + 1] & 0xFF);
            for (int i = pos + 2; i + 1 < pos + 2 + length; i += 2) {
                if ((record[i] & 0xFF) == 0x13) {
                    return true;
                }
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
