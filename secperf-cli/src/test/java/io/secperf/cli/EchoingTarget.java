package io.secperf.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A careless HTTP/1.1 server on loopback that repeats what it is sent, the way real ones leak credentials:
 * {@code POST .../login} answers 200 with the password in the status line's reason phrase ("Welcome back,
 * PASSWORD") and a token; {@code .../echo} answers 500 with a Java stack trace that quotes the request line, the
 * headers and the body; everything else answers 200 (201 for POST) with a small JSON body. One request per
 * connection ({@code Connection: close}), a bounded pool of workers.
 */
final class EchoingTarget implements AutoCloseable {

    private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]*)\"");

    private final ServerSocket listener;
    private final ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "echoing-target");
        thread.setDaemon(true);
        return thread;
    });

    EchoingTarget() throws IOException {
        listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    workers.execute(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }, "echoing-target-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    try {
                        length = Math.min(1 << 20, Integer.parseInt(line.substring(15).strip()));
                    } catch (NumberFormatException e) {
                        length = 0;
                    }
                }
            }
            byte[] body = in.readNBytes(length);
            String requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n")));
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String status;
            String answer;
            if (requestLine.contains("/login")) {
                Matcher password = PASSWORD.matcher(text);
                status = "200 Welcome back, " + (password.find() ? password.group(1) : "stranger");
                answer = "{\"token\":\"tok-0123456789abcdef\"}";
            } else if (requestLine.contains("/echo")) {
                status = "500 Internal Server Error";
                answer = "java.lang.IllegalStateException: cannot handle " + head.replace("\r\n", " | ") + " body "
                        + text + "\n\tat com.example.Api.handle(Api.java:42)\n\tat com.example.Server.run(Server.java:7)\n";
            } else {
                status = requestLine.startsWith("POST") ? "201 Created" : "200 OK";
                answer = "{\"items\":[1,2,3],\"id\":1}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status.replaceAll("[\r\n]", " ") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // a client that went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        workers.shutdownNow();
    }
}
