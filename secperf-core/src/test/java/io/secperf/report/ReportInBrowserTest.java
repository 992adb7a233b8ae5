package io.secperf.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.secperf.testsupport.SystemTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees: the report opened in headless Chromium, served from a loopback server that sends Jenkins'
 * default Content-Security-Policy (plus a report-uri on the same server) and logs every request. A second loopback
 * socket is Chromium's proxy, so any request to anywhere but loopback lands there and is recorded. Without Chromium
 * (Debian package {@code chromium}, or {@code SECPERF_CHROMIUM}) the test is skipped and counted in the build's
 * summary; CI installs it and runs with {@code -Dsecperf.requireTools=true}, so there it fails instead.
 *
 * <p>The screenshot is kept in {@code target/browser-check/report.png} for a person to look at.
 */
@Tag("slow")
class ReportInBrowserTest {

    /** Jenkins' default (hudson.model.DirectoryBrowserSupport.CSP) plus a report endpoint on the same server. */
    static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";
    static final String CSP_REPORT_PATH = "/csp-report";
    private static final Duration TIMEOUT = new Duration(90);

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> cspReports = new CopyOnWriteArrayList<>();
    private ServerSocket trap;
    private final List<String> escaped = new CopyOnWriteArrayList<>();
    private Thread trapThread;
    private volatile boolean withoutCsp;

    private record Duration(long seconds) {
    }

    private record BrowserRun(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void startServers() throws IOException {
        Path site = dir.resolve("site");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> serve(exchange, site));
        server.start();
        trap = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        trapThread = new Thread(this::recordEscapes, "escape-trap");
        trapThread.setDaemon(true);
        trapThread.start();
    }

    @AfterEach
    void stopServers() throws Exception {
        server.stop(0);
        trap.close();
        trapThread.join(5000);
    }

    @Test
    void theReportRendersUnderJenkinsCspWithoutViolationsOrExternalRequests() throws Exception {
        Path site = dir.resolve("site");
        List<Path> files = HtmlReport.write(ReportFixtures.input(), site);
        List<String> pngs = files.stream().map(f -> site.relativize(f).toString().replace('\\', '/'))
                .filter(f -> f.endsWith(".png")).toList();
        assertThat(pngs).hasSizeGreaterThan(5);

        Path screenshot = dir.resolve("report.png");
        BrowserRun shot = chromium(List.of("--screenshot=" + screenshot, "--window-size=1280,2400"), "/report.html");
        BrowserRun dom = chromium(List.of("--dump-dom"), "/report.html");

        assertThat(shot.exitCode()).as("chromium exit code; stderr:%n%s", shot.stderr()).isZero();
        assertThat(dom.exitCode()).as("chromium exit code; stderr:%n%s", dom.stderr()).isZero();
        assertThat(screenshot).isRegularFile();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        keepForPeople(screenshot);

        // the sections a person looks for, in the DOM the browser built
        assertThat(dom.stdout()).contains("<section id=\"verdict\"", "<section id=\"gates\"",
                "<section id=\"findings\"", "<section id=\"resilience\"", "<section id=\"charts\"",
                "<section id=\"labels\"", "<section id=\"errors\"", "<section id=\"trends\"", "<section id=\"run\"");
        assertThat(dom.stdout()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        // the stylesheet and every chart were fetched: CSP let them through (a blocked resource is never requested)
        List<String> paths = requests.stream().map(r -> r.split(" ")[1]).toList();
        assertThat(paths).contains("/report.html", "/report.css");
        for (String png : pngs) {
            assertThat(paths).as("request for %s", png).contains("/" + png);
        }
        // the page asked the server for nothing else
        assertThat(paths).allSatisfy(p -> assertThat(p).matches("/report\\.html|/report\\.css|/charts/[a-z-]+\\.png"
                + "|/favicon\\.ico"));
        // nothing was blocked and nothing but Chromium's own service traffic tried to leave loopback (and that
        // reached only the trap)
        assertThat(cspReports).as("CSP violation reports").isEmpty();
        assertThat(cspConsoleLines(shot.stderr() + dom.stderr())).as("CSP messages on the console").isEmpty();
        assertThat(pageEscapes()).as("requests that tried to leave loopback (all: %s)", escaped).isEmpty();
    }

    /** The checks above can fail: a page with inline script and style, and an external image, is caught. */
    @Test
    void aPageThatBreaksTheCspIsCaught() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("bad.html"), "<!DOCTYPE html><html><head><title>bad</title>"
                + "<style>p { color: red; }</style></head><body><p style=\"color: blue\">inline</p>"
                + "<img src=\"http://198.51.100.7/pixel.png\" alt=\"\"><script>document.title = 'x';</script>"
                + "</body></html>");
        BrowserRun run = chromium(List.of("--dump-dom"), "/bad.html");
        assertThat(run.exitCode()).as("chromium exit code; stderr:%n%s", run.stderr()).isZero();
        waitFor(() -> !cspReports.isEmpty(), 5000);
        String console = String.join("\n", cspConsoleLines(run.stderr()));
        System.out.println("CSP check self-test: " + cspReports.size() + " reports, "
                + cspConsoleLines(run.stderr()).size() + " console lines");
        assertThat(cspReports.size() + cspConsoleLines(run.stderr()).size())
                .as("CSP violations seen (reports %s, console %s)", cspReports, console).isGreaterThan(0);
        assertThat(run.stdout()).contains("<title>bad</title>");
    }

    /** The trap works: an external image on a page without CSP is requested, and the request is caught. */
    @Test
    void anExternalRequestIsCaught() throws Exception {
        Path site = dir.resolve("site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("leaky.html"), "<!DOCTYPE html><html><head><title>leaky</title></head><body>"
                + "<img src=\"http://198.51.100.7/pixel.png\" alt=\"\"></body></html>");
        withoutCsp = true;
        BrowserRun run = chromium(List.of("--dump-dom"), "/leaky.html");
        assertThat(run.exitCode()).isZero();
        assertThat(pageEscapes()).contains("198.51.100.7");
    }

    /**
     * Hosts of requests that reached the trap, less Chromium's own service traffic (time, component updates,
     * accounts), which the browser sends despite the flags and which never came from the page.
     */
    private List<String> pageEscapes() {
        List<String> hosts = new ArrayList<>();
        for (String line : escaped) {
            String host = trappedHost(line);
            if (!(host.equals("google.com") || host.endsWith(".google.com") || host.endsWith(".googleapis.com")
                    || host.endsWith(".gvt1.com") || host.endsWith(".gstatic.com"))) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** "GET http://host:port/path HTTP/1.1" or "CONNECT host:443 HTTP/1.1" -> host. */
    static String trappedHost(String requestLine) {
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            return requestLine;
        }
        String target = parts[1];
        int scheme = target.indexOf("://");
        if (scheme >= 0) {
            target = target.substring(scheme + 3);
        }
        int end = target.length();
        for (char c : new char[] {'/', ':', '?'}) {
            int at = target.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return target.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private BrowserRun chromium(List<String> extra, String path) throws Exception {
        Path executable = findChromium();
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = dir.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--hide-scrollbars", "--no-pings", "--disable-domain-reliability", "--disable-breakpad",
                "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
                "--user-data-dir=" + profile,
                "--proxy-server=http://127.0.0.1:" + trap.getLocalPort(),
                "--enable-logging=stderr", "--v=0"));
        command.addAll(extra);
        command.add("http://127.0.0.1:" + server.getAddress().getPort() + path);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT.seconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + TIMEOUT.seconds() + " s: "
                    + Files.readString(err));
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return new BrowserRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Headless Chromium, or the test is skipped (counted in the build's summary; CI fails instead). */
    static Path findChromium() {
        return SystemTool.CHROMIUM.require();
    }

    static List<String> cspConsoleLines(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains("Content Security Policy") || line.contains("Content-Security-Policy")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void serve(HttpExchange exchange, Path site) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + path);
            if (path.equals(CSP_REPORT_PATH)) {
                try (InputStream in = exchange.getRequestBody()) {
                    cspReports.add(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Path file = site.resolve(path.substring(1)).normalize();
            if (!method.equals("GET") || !file.startsWith(site) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            if (!withoutCsp) {
                exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP + " report-uri "
                        + CSP_REPORT_PATH + ";");
            }
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    /** Chromium's proxy: every request that would leave loopback arrives here and is recorded, then refused. */
    private void recordEscapes() {
        while (!trap.isClosed()) {
            try (Socket socket = trap.accept()) {
                socket.setSoTimeout(2000);
                byte[] head = new byte[512];
                int length = socket.getInputStream().read(head);
                String firstLine = length <= 0 ? "(nothing)" : new String(head, 0, length, StandardCharsets.ISO_8859_1)
                        .lines().findFirst().orElse("");
                escaped.add(firstLine);
                socket.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                escaped.add("(unreadable request: " + e.getMessage() + ")");
            }
        }
    }

    private static void keepForPeople(Path screenshot) throws IOException {
        Path target = Path.of("target", "browser-check");
        Files.createDirectories(target);
        Files.copy(screenshot, target.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
