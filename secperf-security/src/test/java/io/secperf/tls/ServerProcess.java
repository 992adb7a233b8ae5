package io.secperf.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.secperf.testsupport.SystemTool;

/**
 * A TLS server started as a subprocess on a free loopback port (openssl s_server, nginx, or a JVM with relaxed
 * jdk.tls.disabledAlgorithms). Closing it ends the process. A missing tool (openssl, nginx) skips the test and is
 * counted in the build's summary with the package to install; with -Dsecperf.requireTools=true (CI) it fails.
 */
final class ServerProcess implements AutoCloseable {

    final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServerProcess start(List<String> command, int port, Path workDir, Map<String, String> env)
            throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("server-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p = pb.start();
        ServerProcess server = new ServerProcess(port, p, log);
        server.awaitPort(Duration.ofSeconds(20));
        return server;
    }

    private void awaitPort(Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + ": " + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        close();
        throw new IOException("server did not listen on " + port + " within " + timeout + ": " + logText());
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The tool's absolute path, or the test is skipped (counted in the build's summary; CI fails instead). */
    static String requireTool(SystemTool tool) {
        return tool.require().toAbsolutePath().toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** openssl s_server with the given extra arguments, serving a status page (-www). */
    static ServerProcess openssl(Path dir, Path leafCertificate, Path key, String... args) throws IOException {
        String openssl = requireTool(SystemTool.OPENSSL);
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", leafCertificate.toString(), "-key", key.toString(), "-www", "-quiet"));
        cmd.addAll(List.of(args));
        return start(cmd, port, dir, Map.of());
    }

    /** nginx with its own prefix and config (never the system service), one HTTPS server block. */
    static ServerProcess nginx(Path dir, Path certChain, Path key, String tlsDirectives, String hstsHeader)
            throws IOException {
        String nginx = requireTool(SystemTool.NGINX);
        int port = freePort();
        Path prefix = dir.toAbsolutePath();
        Files.createDirectories(prefix.resolve("tmp"));
        Files.createDirectories(prefix.resolve("logs"));
        String hsts = hstsHeader == null ? "" : "add_header Strict-Transport-Security \"" + hstsHeader + "\" always;";
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                error_log %1$s/logs/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 128; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    server_name localhost;
                    ssl_certificate %3$s;
                    ssl_certificate_key %4$s;
                    %5$s
                    location / { %6$s return 200 "ok\\n"; }
                  }
                }
                """.formatted(prefix, port, certChain.toAbsolutePath(), key.toAbsolutePath(), tlsDirectives, hsts);
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        return start(List.of(nginx, "-p", prefix.toString(), "-c", confFile.toString(),
                "-e", prefix.resolve("logs/error.log").toString()), port, dir, Map.of());
    }

    /**
     * A JDK TLS server in a child JVM whose jdk.tls.disabledAlgorithms is emptied (for SSLv3, RC4, 3DES, DES): the
     * relaxed setting lives only in that child process.
     */
    static ServerProcess legacyJdk(Path dir, Path keyStore, String protocols, String suites, String hsts)
            throws IOException {
        int port = freePort();
        Path security = dir.resolve("legacy.security");
        Files.createDirectories(dir);
        Files.writeString(security, "jdk.tls.disabledAlgorithms=\njdk.tls.legacyAlgorithms=\n"
                + "jdk.certpath.disabledAlgorithms=\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Djava.security.properties=" + security.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), LegacyTlsServer.class.getName(),
                Integer.toString(port), keyStore.toAbsolutePath().toString(), protocols, suites,
                hsts == null ? "-" : hsts);
        return start(cmd, port, dir, Map.of());
    }
}
