package io.secperf.security.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written HTTP/1.1 server with the mistakes of naive implementations, plain HTTP on 127.0.0.1: one worker
 * thread per connection from a small fixed pool, no read timeouts (slow clients hold workers: slowloris), framing by
 * Content-Length only (Transfer-Encoding ignored, connection kept open: request smuggling risk), an unchecked
 * Content-Length parse (500 with a Java stack trace), and a worker that never answers a request with a NUL byte.
 */
public final class NaiveHttpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();

    public NaiveHttpServer(int workerThreads) throws IOException {
        this.listener = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread thread = new Thread(r, "naive-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::accept, "naive-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    public int served() {
        return served.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                if (head.indexOf('\0') >= 0) {
                    // the flaw: the worker gets stuck on a NUL byte and never answers
                    Thread.sleep(Long.MAX_VALUE);
                }
                String contentLength = null;
                for (String line : head.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                        contentLength = line.substring(colon + 1).trim();
                    }
                }
                try {
                    long length = contentLength == null ? 0 : Long.parseLong(contentLength);
                    in.readNBytes((int) length);
                } catch (RuntimeException e) {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    write(out, 500, trace.toString(), true);
                    return;
                }
                served.incrementAndGet();
                write(out, 200, "{\"status\":\"ok\"}", false);
            }
        } catch (IOException | InterruptedException e) {
            // client gone or server closing
        } finally {
            open.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    private static void write(OutputStream out, int status, String body, boolean close) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Internal Server Error") + "\r\n"
                + "Content-Type: " + (status == 200 ? "application/json" : "text/plain") + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }
}
