package io.secperf.tls;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Child-process TLS server for legacy protocols and suites the JDK disables by default (started by
 * {@link ServerProcess#legacyJdk} with an emptied jdk.tls.disabledAlgorithms). Args: port, PKCS12 file (password
 * "changeit"), comma-separated protocols, comma-separated suites, HSTS header value or "-". Answers every request
 * with a small HTTP/1.1 response. Client-initiated renegotiation stays allowed (the JDK default).
 */
public final class LegacyTlsServer {
    private LegacyTlsServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        char[] password = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        String hsts = args[4].equals("-") ? "" : "Strict-Transport-Security: " + args[4] + "\r\n";
        byte[] response = ("HTTP/1.1 200 OK\r\n" + hsts + "Content-Length: 3\r\nConnection: close\r\n\r\nok\n")
                .getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(args[2].split(","));
            server.setEnabledCipherSuites(args[3].split(","));
            while (true) {
                SSLSocket socket = (SSLSocket) server.accept();
                pool.execute(() -> serve(socket, response));
            }
        }
    }

    private static void serve(SSLSocket socket, byte[] response) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    OutputStream out = socket.getOutputStream();
                    out.write(response);
                    out.flush();
                    return;
                }
            }
        } catch (Exception e) {
            // probes drop connections mid-handshake on purpose
        }
    }
}
