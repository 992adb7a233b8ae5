package io.secperf.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts TCP connections on 127.0.0.1, reads the start of the request and aborts the connection with a RST
 * (SO_LINGER 0), as a crashing or overloaded backend does. The accept loop ends when the server is closed.
 */
final class ResettingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger resets = new AtomicInteger();
    private final Thread acceptor;

    ResettingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "resetting-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int resets() {
        return resets.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(2_000);
                InputStream in = connection.getInputStream();
                in.read(new byte[1024]);
                connection.setSoLinger(true, 0);
                resets.incrementAndGet();
            } catch (IOException closedOrTimedOut) {
                // closed server ends the loop; a silent client just gets reset
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
