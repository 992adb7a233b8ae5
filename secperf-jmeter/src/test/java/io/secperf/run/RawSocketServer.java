package io.secperf.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that misbehaves below HTTP: it reads the start of each request, then either aborts the
 * connection with a RST (SO_LINGER 0), as a crashing backend does, or writes fixed plain bytes and closes, which a TLS
 * client sees as a broken handshake. The accept loop ends when the server is closed.
 */
final class RawSocketServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] reply;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private RawSocketServer(byte[] reply) throws IOException {
        this.reply = reply;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "raw-socket-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Resets every connection after reading the request. */
    static RawSocketServer resetting() throws IOException {
        return new RawSocketServer(null);
    }

    /** Answers every connection with {@code text} in plain bytes, then closes it. */
    static RawSocketServer replying(String text) throws IOException {
        return new RawSocketServer(text.getBytes(StandardCharsets.US_ASCII));
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connections.incrementAndGet();
                connection.setSoTimeout(2_000);
                InputStream in = connection.getInputStream();
                in.read(new byte[1024]);
                if (reply == null) {
                    connection.setSoLinger(true, 0);
                } else {
                    connection.getOutputStream().write(reply);
                    connection.getOutputStream().flush();
                }
            } catch (IOException closedOrTimedOut) {
                // a closed server ends the loop; a silent client is simply dropped
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
