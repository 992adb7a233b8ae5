package io.secperf.security.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * TLS termination in front of a plain test server, byte for byte (so malformed requests arrive unchanged). The test
 * servers use it instead of the JDK's HttpsServer because the JDK 17 HttpsServer now and then never sends the
 * response to a POST (about 3 in 600 on a loaded machine; JDK 25 and raw TLS servers do not), which would look like
 * a hang to the checks.
 */
public final class TlsFrontend implements AutoCloseable {

    private final ServerSocket listener;
    private final int backendPort;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public TlsFrontend(SSLContext context, int backendPort) throws IOException {
        this.backendPort = backendPort;
        this.listener = context.getServerSocketFactory().createServerSocket(0, 512,
                InetAddress.getByName("127.0.0.1"));
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "tls-frontend-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket backend = new Socket();
                backend.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                backend.connect(new InetSocketAddress("127.0.0.1", backendPort), 2000);
                open.add(client);
                open.add(backend);
                threads.execute(() -> pump(client, backend, true));
                threads.execute(() -> pump(backend, client, false));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            if (fromClient) {
                // the client finished sending: pass the half-close on, the server may still answer
                to.shutdownOutput();
                return;
            }
        } catch (IOException e) {
            // either side went away
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(this::closeQuietly);
        threads.shutdownNow();
    }
}
