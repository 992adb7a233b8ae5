package io.secperf.logscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.ServerLogScan;

/** Log scanning on fixture logs: traces of four platforms, auth failures, masking, size limits, confinement. */
class ServerLogScannerTest {

    @TempDir
    Path dir;

    static final String JAVA = """
            2026-12-06 06:00:01 INFO  started
            2026-12-06 06:00:02 ERROR request failed
            java.lang.IllegalStateException: connection pool exhausted
            \tat com.example.db.Pool.borrow(Pool.java:42)
            \tat com.example.api.Orders.list(Orders.java:17)
            Caused by: java.util.concurrent.TimeoutException: waited 5000 ms
            \tat com.example.db.Pool.await(Pool.java:88)
            2026-12-06 06:00:03 WARN  Authentication failed for user alice: password=hunter2 Authorization: Bearer abc.def-123
            2026-12-06 06:00:04 INFO  ok
            """;
    static final String PYTHON = """
            [2026-12-06 06:00:05] ERROR in app: Exception on /api/items [GET]
            Traceback (most recent call last):
              File "/srv/app.py", line 12, in items
                return load()
              File "/srv/db.py", line 30, in load
                raise ValueError("bad")
            ValueError: bad
            [2026-12-06 06:00:06] WARNING invalid token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl from 10.0.0.1
            """;
    static final String NODE = """
            TypeError: Cannot read properties of undefined (reading 'id')
                at handler (/app/routes/orders.js:14:22)
                at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)
            127.0.0.1 - - [06/Dec/2026:06:00:07 +0000] "GET /api/orders HTTP/1.1" 401 12 "-" "secperf"
            127.0.0.1 - - [06/Dec/2026:06:00:08 +0000] "GET /api/admin HTTP/1.1" 403 9 "-" "secperf"
            127.0.0.1 - - [06/Dec/2026:06:00:09 +0000] "GET /api/orders HTTP/1.1" 200 40 "-" "secperf"
            """;
    static final String GO = """
            panic: runtime error: invalid memory address or nil pointer dereference
            goroutine 1 [running]:
            main.handler(0x0)
            \t/app/main.go:12 +0x1d
            level=info msg="request" status=200
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void countsStackTracesOfFourPlatformsOnceEachAndAuthFailuresWithMaskedEvidence() throws IOException {
        write("logs/java.log", JAVA);
        write("logs/python.log", PYTHON);
        write("logs/node/access.log", NODE);
        write("logs/go.log", GO);
        write("logs/ignored.txt", JAVA);

        ServerLogScan scan = new ServerLogScanner(dir).scan(List.of("logs/*.log", "logs/**/*.log"));

        assertThat(scan.files()).containsExactlyInAnyOrder("logs/java.log", "logs/python.log",
                "logs/node/access.log", "logs/go.log");
        assertThat(scan.stackTracesByTechnology()).containsEntry("Java", 1L).containsEntry("Python", 1L)
                .containsEntry("Node.js", 1L).containsEntry("Go", 1L);
        assertThat(scan.stackTraces()).isEqualTo(4);
        assertThat(scan.authFailures()).as("java: authentication failed, python: invalid token, node: 401, 403")
                .isEqualTo(4);
        assertThat(scan.truncated()).isFalse();
        assertThat(scan.linesScanned()).isEqualTo(9 + 8 + 6 + 5);
        assertThat(scan.evidence()).hasSize(ServerLogScanner.MAX_EVIDENCE);
        String evidence = String.join("\n", scan.evidence());
        assertThat(evidence).contains("logs/go.log:2: goroutine 1 [running]:")
                .doesNotContain("hunter2", "abc.def-123", "eyJhbGciOiJIUzI1NiJ9");
    }

    @Test
    void masksSecretsInEvidence() {
        assertThat(ServerLogScanner.mask("login failed password=hunter2 token: \"t0k3n\" Authorization: Basic dXNlcjpw"))
                .isEqualTo("login failed password=**** token: \"****\" Authorization: Basic ****");
        assertThat(ServerLogScanner.mask("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig")).isEqualTo("jwt ****");
        assertThat(ServerLogScanner.mask("Bearer abc.DEF_123")).isEqualTo("Bearer ****");
    }

    @Test
    void aTenMegabyteFileIsReadOnlyUpToItsLimitAndAHugeLineCostsNoMemory() throws IOException {
        Path big = dir.resolve("big.log");
        byte[] line = "2026-12-06 INFO nothing to see here, move along\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(("java.lang.IllegalStateException: first\n").getBytes(StandardCharsets.US_ASCII));
            byte[] noBreak = new byte[3 * 1024 * 1024];
            java.util.Arrays.fill(noBreak, (byte) 'x');
            out.write(noBreak);
            out.write('\n');
            long written = noBreak.length;
            while (written < 10L * 1024 * 1024) {
                out.write(line);
                written += line.length;
            }
            out.write("\nTraceback (most recent call last):\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.size(big)).isGreaterThan(10L * 1024 * 1024);

        long limit = 4L * 1024 * 1024;
        long started = System.nanoTime();
        ServerLogScan scan = new ServerLogScanner(dir, limit, 64L * 1024 * 1024).scan(List.of("*.log"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(scan.bytesScanned()).isEqualTo(limit);
        assertThat(scan.truncated()).isTrue();
        assertThat(scan.notes()).anyMatch(n -> n.contains("big.log: only the first " + limit));
        assertThat(scan.stackTraces()).as("the trace at the end lies beyond the limit").isEqualTo(1);
        assertThat(scan.stackTracesByTechnology()).containsOnlyKeys("Java");
        assertThat(millis).as("4 MB scanned in %d ms", millis).isLessThan(20_000);

        ServerLogScan total = new ServerLogScanner(dir, limit, 1024).scan(List.of("*.log"));
        assertThat(total.bytesScanned()).isEqualTo(1024);
        assertThat(total.truncated()).isTrue();
    }

    @Test
    void globsThatEscapeTheBaseDirectoryAreRefused() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        write("outside.log", JAVA);
        ServerLogScanner scanner = new ServerLogScanner(base);
        assertThatThrownBy(() -> scanner.scan(List.of("../*.log"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../*.log' escapes the base directory");
        assertThatThrownBy(() -> scanner.scan(List.of("logs/../../outside.log")))
                .hasMessageContaining("escapes the base directory");
        assertThatThrownBy(() -> scanner.scan(List.of(dir.resolve("outside.log").toString())))
                .hasMessageContaining("escapes the base directory");
    }

    @Test
    void aGlobThatDoesNotParseIsRefusedByTheCheckBeforeTheRun() {
        ServerLogScanner scanner = new ServerLogScanner(dir);
        assertThatThrownBy(() -> scanner.checkGlobs(List.of("logs/*.log", "logs/[a.log")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'logs/[a.log' is not a valid glob");
        assertThatThrownBy(() -> scanner.checkGlobs(List.of("{a,b.log"))).hasMessageContaining("not a valid glob");
    }

    @Test
    void aSymlinkLeadingOutsideIsSkippedNotRead() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path outside = write("secret/app.log", JAVA);
        try {
            Files.createSymbolicLink(base.resolve("app.log"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symlinks on this file system
        }
        ServerLogScan scan = new ServerLogScanner(base).scan(List.of("*.log"));
        assertThat(scan.files()).isEmpty();
        assertThat(scan.stackTraces()).isZero();
        assertThat(scan.notes()).anyMatch(n -> n.contains("app.log was skipped: it leads outside"));
    }

    @Test
    void manyLinksLeadingOutsideAreNamedUpToALimitThenCounted() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path outside = write("secret/app.log", JAVA);
        try {
            for (int i = 0; i < 12; i++) {
                Files.createSymbolicLink(base.resolve("app" + i + ".log"), outside);
            }
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symlinks on this file system
        }
        ServerLogScan scan = new ServerLogScanner(base).scan(List.of("*.log"));
        assertThat(scan.files()).isEmpty();
        assertThat(scan.notes()).filteredOn(n -> n.contains("was skipped"))
                .hasSize(ServerLogScanner.MAX_SKIP_NOTES);
        assertThat(scan.notes()).contains((12 - ServerLogScanner.MAX_SKIP_NOTES)
                + " more files matching '*.log' were skipped for the same reason");
    }

    @Test
    void aGlobThatMatchesNothingIsANoteNotAnError() {
        ServerLogScan scan = new ServerLogScanner(dir).scan(List.of("nothing/*.log"));
        assertThat(scan.files()).isEmpty();
        assertThat(scan.notes()).anyMatch(n -> n.contains("matched no file"));
    }
}
