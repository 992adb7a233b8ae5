package io.secperf.fuzz;

import io.secperf.security.TargetClient;
import io.secperf.security.TargetResponse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * Sends raw bytes on a fresh connection and reads one HTTP/1.1 response with hard limits: a watchdog closes the
 * socket at the deadline (a socket write can otherwise block forever when the server stops reading), at most
 * {@link #MAX_HEAD} bytes of status line and headers and {@link TargetClient#MAX_BODY_KEPT} bytes of body are kept.
 */
final class RawExchange {

    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY_READ = 1 << 20;

    /**
     * What came back.
     *
     * @param response status, headers and body start; status 0 when there was none
     * @param keptOpen for {@link MalformedRequest.Kind#CONFLICT}: the connection still answered a second request
     */
    record Result(TargetResponse response, boolean keptOpen) {
    }

    private RawExchange() {
    }

    static Result send(TargetClient client, MalformedRequest request, Duration timeout,
                       ScheduledExecutorService watchdog) {
        long start = System.nanoTime();
        Socket socket;
        try {
            socket = client.openRaw(timeout);
        } catch (IOException e) {
            return new Result(TargetClient.classify(e, since(start)).failure() == TargetResponse.Failure.CLOSED
                    ? TargetResponse.failed(TargetResponse.Failure.CONNECT, TargetClient.describe(e), since(start))
                    : TargetClient.classify(e, since(start)), false);
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            fired.set(true);
            closeQuietly(socket);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(request.bytes());
            out.flush();
            if (request.kind() == MalformedRequest.Kind.HALF_CLOSE) {
                halfClose(socket);
            }
            TargetResponse response = read(in, since(start));
            if (response == null) {
                return new Result(TargetResponse.failed(TargetResponse.Failure.CLOSED, "closed without response",
                        since(start)), false);
            }
            boolean keptOpen = false;
            if (request.kind() == MalformedRequest.Kind.CONFLICT && response.status() < 500
                    && !response.header("Connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close"))
                    .orElse(false)) {
                keptOpen = secondRequestAnswered(socket, in);
            }
            return new Result(withElapsed(response, since(start)), keptOpen);
        } catch (SocketTimeoutException e) {
            return new Result(TargetResponse.failed(TargetResponse.Failure.TIMEOUT, "timeout", since(start)), false);
        } catch (IOException e) {
            if (fired.get()) {
                return new Result(TargetResponse.failed(TargetResponse.Failure.TIMEOUT, "timeout (watchdog)",
                        since(start)), false);
            }
            return new Result(TargetResponse.failed(TargetResponse.Failure.CLOSED, TargetClient.describe(e),
                    since(start)), false);
        } finally {
            alarm.cancel(false);
            closeQuietly(socket);
        }
    }

    /** After the answer to a CL+TE request: does the same connection still serve a request? */
    private static boolean secondRequestAnswered(Socket socket, InputStream in) {
        try {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: secperf.invalid\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            TargetResponse second = read(in, Duration.ZERO);
            return second != null && second.answered();
        } catch (IOException e) {
            return false;
        }
    }

    private static void halfClose(Socket socket) throws IOException {
        if (socket instanceof SSLSocket) {
            try {
                socket.shutdownOutput();
            } catch (UnsupportedOperationException | IOException e) {
                // TLS 1.2 has no half-close: leave it open, the deadline bounds the wait
            }
        } else {
            socket.shutdownOutput();
        }
    }

    /** One response, skipping interim 1xx; null when the stream ends before a status line. */
    static TargetResponse read(InputStream in, Duration elapsed) throws IOException {
        while (true) {
            String statusLine = line(in, MAX_HEAD);
            if (statusLine == null) {
                return null;
            }
            if (statusLine.isEmpty()) {
                continue;
            }
            int status = parseStatus(statusLine);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int headBytes = statusLine.length();
            String line;
            while ((line = line(in, MAX_HEAD - headBytes)) != null && !line.isEmpty()) {
                headBytes += line.length() + 2;
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long total = readBody(in, status, headers, body);
            return new TargetResponse(Math.max(status, 0), headers, body.toString(StandardCharsets.UTF_8), total,
                    elapsed, status > 0 ? TargetResponse.Failure.NONE : TargetResponse.Failure.ERROR,
                    status > 0 ? "" : "not an HTTP response: " + FuzzInput.escape(statusLine
                            .getBytes(StandardCharsets.ISO_8859_1), 80));
        }
    }

    private static long readBody(InputStream in, int status, Map<String, List<String>> headers,
                                 ByteArrayOutputStream body) throws IOException {
        if (status == 204 || status == 304 || status < 100) {
            return 0;
        }
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (!encoding.isEmpty() && encoding.get(encoding.size() - 1).toLowerCase(Locale.ROOT).contains("chunked")) {
            long total = 0;
            while (total < MAX_BODY_READ) {
                String sizeLine = line(in, 1024);
                if (sizeLine == null) {
                    return total;
                }
                int semicolon = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    return total;
                }
                if (size == 0) {
                    while (true) {
                        String trailer = line(in, 8192);
                        if (trailer == null || trailer.isEmpty()) {
                            return total;
                        }
                    }
                }
                total += copy(in, body, Math.min(size, MAX_BODY_READ - total));
                line(in, 16);
            }
            return total;
        }
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (!length.isEmpty()) {
            try {
                return copy(in, body, Math.min(Long.parseLong(length.get(0).trim()), MAX_BODY_READ));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return copy(in, body, MAX_BODY_READ);
    }

    /** Copies up to {@code limit} bytes, keeping the first {@link TargetClient#MAX_BODY_KEPT}. */
    private static long copy(InputStream in, ByteArrayOutputStream body, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            int keep = Math.min(n, Math.max(0, TargetClient.MAX_BODY_KEPT - body.size()));
            body.write(buffer, 0, keep);
            copied += n;
        }
        return copied;
    }

    /** A CRLF- (or LF-) terminated line in ISO-8859-1, null at end of stream; cut at {@code max} bytes. */
    private static String line(InputStream in, int max) throws IOException {
        StringBuilder out = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = out.length();
                if (end > 0 && out.charAt(end - 1) == '\r') {
                    out.setLength(end - 1);
                }
                return out.toString();
            }
            if (out.length() < Math.max(1, max)) {
                out.append((char) b);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static int parseStatus(String statusLine) {
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static TargetResponse withElapsed(TargetResponse response, Duration elapsed) {
        return new TargetResponse(response.status(), response.headers(), response.body(), response.bodyBytes(),
                elapsed, response.failure(), response.detail());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
