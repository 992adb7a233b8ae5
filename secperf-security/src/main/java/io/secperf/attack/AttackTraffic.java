package io.secperf.attack;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;
import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.PreparedRequest;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfig.Endpoint;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityReport;
import io.secperf.security.TargetClient;
import io.secperf.security.TargetResponse;
import io.secperf.security.TokenProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Hostile traffic the target should survive, each kind bounded in count, rate and time: excessive TLS session
 * creation (a full handshake per connection, never resumed: every connection gets a new client TLS context), request
 * floods at a fixed rate, and slow-header (slowloris) connections with availability probes. It measures the cost and
 * the effect (handshake time and client CPU, status distribution, whether 429 appears, whether a fresh request still
 * works) and turns the effect into findings. Loopback or a staging target only: this is load, not a scan.
 *
 * <p>Every request can also be reported as a {@link Sample} to a {@link SampleSink} (labels {@value #LABEL_SESSIONS},
 * {@value #LABEL_FLOOD}, {@value #LABEL_PROBE}), so the result document can compare legit traffic with the attack.
 */
public final class AttackTraffic {

    public static final String SLOW_HEADERS_UNAVAILABLE = "ATTACK-SLOW-HEADERS-UNAVAILABLE";
    public static final String SLOW_HEADERS_HELD = "ATTACK-SLOW-HEADERS-HELD";
    public static final String FLOOD_NO_RATE_LIMIT = "ATTACK-FLOOD-NO-RATE-LIMIT";
    public static final String FLOOD_SERVER_ERRORS = "ATTACK-FLOOD-5XX";
    public static final String FLOOD_FAILURES = "ATTACK-FLOOD-FAILURES";
    public static final String SESSIONS_FAILED = "ATTACK-SESSIONS-FAILED";

    public static final String LABEL_SESSIONS = "secperf-attack-sessions";
    public static final String LABEL_FLOOD = "secperf-attack-flood";
    public static final String LABEL_PROBE = "secperf-attack-slow-probe";

    public static final String M_REQUESTS = "attack.requests";
    public static final String M_SESSIONS = "attack.sessions.connections";
    public static final String M_SESSIONS_FAILED = "attack.sessions.failed";
    public static final String M_HANDSHAKES = "attack.handshakes";
    /** Handshake wall time percentiles: {@code attack.handshakes.ms.p50}, {@code .p95}, {@code .p99}, {@code .max}, {@code .mean}. */
    public static final String M_HANDSHAKE_MS = "attack.handshakes.ms";
    /** Client CPU time spent in handshakes: {@code attack.handshakes.cpu.ms.total} and {@code .mean}. */
    public static final String M_HANDSHAKE_CPU_MS = "attack.handshakes.cpu.ms";
    public static final String M_SESSION_RATE = "attack.sessions.rate";
    public static final String M_FLOOD_REQUESTS = "attack.flood.requests";
    public static final String M_FLOOD_STATUS = "attack.flood.status";
    public static final String M_FLOOD_ERRORS = "attack.flood.errors";
    public static final String M_FLOOD_RATE = "attack.flood.rate";
    public static final String M_FLOOD_MS = "attack.flood.ms";
    public static final String M_FLOOD_LIMITED = "attack.flood.rateLimited";
    public static final String M_SLOW_OPENED = "attack.slow.connections.opened";
    public static final String M_SLOW_CLOSED = "attack.slow.connections.closedByServer";
    public static final String M_SLOW_HELD = "attack.slow.connections.heldToEnd";
    public static final String M_SLOW_HELD_MAX_S = "attack.slow.heldSeconds.max";
    public static final String M_SLOW_PROBES = "attack.slow.probes";
    public static final String M_SLOW_PROBES_FAILED = "attack.slow.probes.failed";
    public static final String M_SLOW_PROBE_MS_MAX = "attack.slow.probe.ms.max";

    /** Failed requests above this share of a flood are a finding. */
    static final double FAILURE_SHARE = 0.01;

    private final SecurityConfig config;
    private final Credentials credentials;
    private final SampleSink sink;

    /** @throws SecurityConfigException when the target's CA file is unusable */
    public AttackTraffic(SecurityConfig config, Credentials credentials) throws SecurityConfigException {
        this(config, credentials, sample -> { });
    }

    /**
     * @param sink receives one sample per attack request (must be thread-safe)
     */
    public AttackTraffic(SecurityConfig config, Credentials credentials, SampleSink sink)
            throws SecurityConfigException {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sink = Objects.requireNonNull(sink, "sink");
        TargetClient.validate(config.target());
    }

    /** Every configured attack, one after the other, in one report. */
    public SecurityReport run() {
        SecurityReport.Builder report = newReport();
        SecurityConfig.Attack attack = config.attack();
        if (attack.sessions().isEmpty() && attack.flood().isEmpty() && attack.slowHeaders().isEmpty()) {
            report.note("no attack configured (attack.sessions, attack.flood, attack.slowHeaders)");
        }
        try {
            if (attack.sessions().isPresent()) {
                sessions(attack.sessions().get(), report);
            }
            if (attack.flood().isPresent()) {
                flood(attack.flood().get(), report);
            }
            if (attack.slowHeaders().isPresent()) {
                slowHeaders(attack.slowHeaders().get(), report);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.incomplete("interrupted");
        }
        return report.build();
    }

    /** Only the session flood ({@code attack.sessions}, defaults when not configured). */
    public SecurityReport sessionFlood() {
        return one(report -> sessions(config.attack().sessions().orElse(new SecurityConfig.SessionFlood(
                SecurityConfig.Limits.DEFAULT_SESSIONS, SecurityConfig.Limits.DEFAULT_SESSION_RATE,
                SecurityConfig.Limits.DEFAULT_SESSION_CONCURRENCY, "/")), report));
    }

    /** Only the request flood ({@code attack.flood}, defaults when not configured). */
    public SecurityReport requestFlood() {
        return one(report -> flood(config.attack().flood().orElse(new SecurityConfig.RequestFlood(
                List.of(Endpoint.of("GET", "/").withAuthenticated(false)), SecurityConfig.Limits.DEFAULT_FLOOD_RATE,
                SecurityConfig.Limits.DEFAULT_FLOOD_DURATION, SecurityConfig.Limits.DEFAULT_FLOOD_CONCURRENCY)),
                report));
    }

    /** Only the slow-header attack ({@code attack.slowHeaders}, defaults when not configured). */
    public SecurityReport slowHeaders() {
        return one(report -> slowHeaders(config.attack().slowHeaders().orElse(new SecurityConfig.SlowHeaders(
                SecurityConfig.Limits.DEFAULT_SLOW_CONNECTIONS, SecurityConfig.Limits.DEFAULT_SLOW_DURATION,
                SecurityConfig.Limits.DEFAULT_SLOW_INTERVAL, "/", SecurityConfig.Limits.DEFAULT_PROBE_TIMEOUT,
                SecurityConfig.Limits.DEFAULT_PROBE_INTERVAL)), report));
    }

    @FunctionalInterface
    private interface Part {
        void run(SecurityReport.Builder report) throws InterruptedException;
    }

    private SecurityReport one(Part part) {
        SecurityReport.Builder report = newReport();
        try {
            part.run(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.incomplete("interrupted");
        }
        return report.build();
    }

    private SecurityReport.Builder newReport() {
        return new SecurityReport.Builder("attack", config.target().url().toString(), credentials.newMask());
    }

    private TargetClient client(int parallelism) {
        try {
            return new TargetClient(config.target(), parallelism);
        } catch (SecurityConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------ session flood

    private void sessions(SecurityConfig.SessionFlood settings, SecurityReport.Builder report)
            throws InterruptedException {
        boolean tls = config.target().https();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        if (!tls) {
            report.note("attack.sessions: the target is plain HTTP, so there are no TLS handshakes; TCP connection "
                    + "setup is measured instead");
        } else if (!cpu) {
            report.note("attack.sessions: this JVM does not measure thread CPU time; handshake CPU not reported");
        }
        Distribution handshakeMs = new Distribution();
        Distribution cpuMs = new Distribution();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        String request = "GET " + config.target().basePath() + settings.path() + " HTTP/1.1\r\nHost: "
                + config.target().hostHeader() + "\r\nUser-Agent: secperf-attack\r\nConnection: close\r\n\r\n";
        Duration timeout = config.target().requestTimeout();
        long start = System.nanoTime();
        try (TargetClient client = client(1)) {
            runWorkers(settings.concurrency(), "secperf-attack-sessions", () -> {
                int i;
                while ((i = next.getAndIncrement()) < settings.count()) {
                    sleepUntil(start + (long) (i * 1e9 / settings.rate()));
                    long begin = System.currentTimeMillis();
                    long t0 = System.nanoTime();
                    String code = "";
                    String message = "";
                    boolean ok = false;
                    long connectMs = 0;
                    try (Socket socket = new Socket()) {
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout((int) timeout.toMillis());
                        socket.connect(new InetSocketAddress(config.target().host(), config.target().port()),
                                (int) config.target().connectTimeout().toMillis());
                        Socket stream = socket;
                        if (tls) {
                            SSLContext fresh = client.newSslContext();
                            SSLSocket ssl = client.layerTls(socket, fresh);
                            ssl.setSoTimeout((int) timeout.toMillis());
                            long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
                            long h0 = System.nanoTime();
                            ssl.startHandshake();
                            handshakeMs.add((System.nanoTime() - h0) / 1e6);
                            if (cpu) {
                                cpuMs.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
                            }
                            stream = ssl;
                        } else {
                            handshakeMs.add((System.nanoTime() - t0) / 1e6);
                        }
                        connectMs = (System.nanoTime() - t0) / 1_000_000;
                        OutputStream out = stream.getOutputStream();
                        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        int status = statusOf(stream.getInputStream());
                        code = status > 0 ? String.valueOf(status) : "";
                        ok = status > 0 && status < 500;
                        message = status > 0 ? "" : "no HTTP response";
                    } catch (IOException | RuntimeException e) {
                        message = TargetClient.describe(e);
                    }
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                    long elapsed = (System.nanoTime() - t0) / 1_000_000;
                    sink.accept(new Sample(begin, elapsed, LABEL_SESSIONS, code.isEmpty()
                            ? "Non HTTP response code: " + message : code, message, ok, ok ? "" : message, 0,
                            request.length(), elapsed, connectMs, settings.concurrency()));
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int attempted = Math.min(next.get(), settings.count());
        report.add(M_REQUESTS, attempted);
        report.measure(M_SESSIONS, attempted);
        report.measure(M_SESSIONS_FAILED, failed.get());
        report.measure(M_HANDSHAKES, tls ? handshakeMs.count() : 0);
        report.measure(M_SESSION_RATE, seconds > 0 ? attempted / seconds : 0);
        String prefix = tls ? M_HANDSHAKE_MS : "attack.connect.ms";
        report.measure(prefix + ".p50", handshakeMs.percentile(50));
        report.measure(prefix + ".p95", handshakeMs.percentile(95));
        report.measure(prefix + ".p99", handshakeMs.percentile(99));
        report.measure(prefix + ".max", handshakeMs.max());
        report.measure(prefix + ".mean", handshakeMs.mean());
        if (tls && cpu) {
            report.measure(M_HANDSHAKE_CPU_MS + ".total", cpuMs.sum());
            report.measure(M_HANDSHAKE_CPU_MS + ".mean", cpuMs.mean());
        }
        if (attempted > 0 && failed.get() > attempted * FAILURE_SHARE) {
            report.finding(SESSIONS_FAILED, Severity.MEDIUM, failed.get() + " of " + attempted
                            + " new connections failed under a session flood",
                    attempted + " connections, each with a full " + (tls ? "TLS handshake" : "TCP setup") + ", at up to "
                            + settings.rate() + "/s with " + settings.concurrency() + " in parallel: " + failed.get()
                            + " got no answer or a 5xx",
                    "Limit new connections and handshakes per client (connection rate limits at the edge), keep "
                            + "TLS session resumption enabled for legit clients and size the TLS termination for "
                            + "handshake bursts.");
        }
    }

    /** The status code of the response on a stream, -1 when there is none. */
    private static int statusOf(InputStream in) throws IOException {
        byte[] line = new byte[64];
        int n = 0;
        int b;
        while (n < line.length && (b = in.read()) >= 0 && b != '\n') {
            line[n++] = (byte) b;
        }
        String text = new String(line, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP/") && text.length() >= 12) {
            try {
                return Integer.parseInt(text.substring(9, 12));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------ request flood

    private void flood(SecurityConfig.RequestFlood settings, SecurityReport.Builder report)
            throws InterruptedException {
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        Distribution responseMs = new Distribution();
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        try (TargetClient client = client(settings.concurrency())) {
            Optional<String> token = Optional.empty();
            if (settings.endpoints().stream().anyMatch(Endpoint::authenticated) && config.auth().hasTokenSource()) {
                TokenProvider.Result result = TokenProvider.obtain(config, credentials, client, report.mask());
                token = result.token();
                if (!result.problem().isEmpty()) {
                    report.note("attack.flood: no valid token (" + result.problem() + "), flooding without it");
                }
            }
            List<PreparedRequest> requests = new ArrayList<>();
            for (Endpoint endpoint : settings.endpoints()) {
                requests.add(PreparedRequest.of(config, endpoint, credentials,
                        endpoint.authenticated() ? token : Optional.empty()));
            }
            Duration timeout = config.target().requestTimeout();
            runWorkers(settings.concurrency(), "secperf-attack-flood", () -> {
                while (true) {
                    long i = next.getAndIncrement();
                    long slot = start + (long) (i * 1e9 / settings.rate());
                    if (slot >= end) {
                        return;
                    }
                    sleepUntil(slot);
                    PreparedRequest request = requests.get((int) (i % requests.size()));
                    long begin = System.currentTimeMillis();
                    TargetResponse response = client.send(request, timeout);
                    long elapsed = response.elapsed().toMillis();
                    responseMs.add(response.elapsed().toNanos() / 1e6);
                    if (response.answered()) {
                        statuses.computeIfAbsent(String.valueOf(response.status()), k -> new AtomicInteger())
                                .incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    boolean ok = response.answered() && response.status() < 400;
                    sink.accept(new Sample(begin, elapsed, LABEL_FLOOD, response.answered()
                            ? String.valueOf(response.status()) : "Non HTTP response code: " + response.failure(),
                            response.answered() ? "" : response.detail(), ok, ok ? "" : response.outcome(),
                            response.bodyBytes(), request.bodyLength(), elapsed, 0, settings.concurrency()));
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = statuses.values().stream().mapToLong(AtomicInteger::get).sum() + errors.get();
        Map<String, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        int[] classes = new int[6];
        byStatus.forEach((status, count) -> classes[Math.min(5, Integer.parseInt(status) / 100)] += count);
        int limited = byStatus.getOrDefault("429", 0);
        int serverErrors = classes[5];
        report.add(M_REQUESTS, sent);
        report.measure(M_FLOOD_REQUESTS, sent);
        for (int c = 2; c <= 5; c++) {
            report.measure(M_FLOOD_STATUS + "." + c + "xx", classes[c]);
        }
        report.measure(M_FLOOD_STATUS + ".429", limited);
        report.measure(M_FLOOD_LIMITED, limited > 0 ? 1 : 0);
        report.measure(M_FLOOD_ERRORS, errors.get());
        report.measure(M_FLOOD_RATE, seconds > 0 ? sent / seconds : 0);
        report.measure(M_FLOOD_MS + ".p50", responseMs.percentile(50));
        report.measure(M_FLOOD_MS + ".p95", responseMs.percentile(95));
        report.measure(M_FLOOD_MS + ".p99", responseMs.percentile(99));
        report.measure(M_FLOOD_MS + ".max", responseMs.max());
        StringBuilder distribution = new StringBuilder();
        byStatus.forEach((status, count) -> distribution.append(distribution.length() == 0 ? "" : ", ")
                .append(status).append(" ×").append(count));
        if (errors.get() > 0) {
            distribution.append(distribution.length() == 0 ? "" : ", ").append("no answer ×").append(errors.get());
        }
        String what = sent + " requests to " + settings.endpoints().stream().map(Endpoint::label).toList()
                + " at up to " + settings.rate() + "/s for " + settings.duration().toSeconds() + " s ("
                + String.format(Locale.ROOT, "%.0f", seconds > 0 ? sent / seconds : 0) + "/s achieved): "
                + distribution;
        if (limited == 0 && sent > 0) {
            report.finding(FLOOD_NO_RATE_LIMIT, Severity.LOW, "no rate limiting seen at "
                            + String.format(Locale.ROOT, "%.0f", sent / Math.max(seconds, 1e-9)) + " requests/s",
                    what, "Limit requests per client and answer 429 with Retry-After above the limit (OWASP "
                            + "API4:2023 Unrestricted Resource Consumption); set attack.flood.rate above the limit "
                            + "you expect.");
        }
        if (serverErrors > 0) {
            report.finding(FLOOD_SERVER_ERRORS, Severity.MEDIUM, serverErrors + " server errors under a request "
                    + "flood", what, "Shed excess load with 429/503 + Retry-After before it reaches fragile parts; "
                    + "a flood must not turn into 500s.");
        }
        if (sent > 0 && errors.get() > sent * FAILURE_SHARE) {
            report.finding(FLOOD_FAILURES, Severity.MEDIUM, errors.get() + " of " + sent + " flood requests got no "
                    + "answer", what, "Keep answering under load (queue limits, timeouts, 503 with Retry-After) "
                    + "instead of dropping connections.");
        }
    }

    // ------------------------------------------------------------------------------------------ slow headers

    /** One slow-header connection. */
    private static final class Slow {
        final Socket socket;
        final long openedNanos;
        volatile long closedNanos;
        int lines;

        Slow(Socket socket) {
            this.socket = socket;
            this.openedNanos = System.nanoTime();
        }
    }

    private void slowHeaders(SecurityConfig.SlowHeaders settings, SecurityReport.Builder report)
            throws InterruptedException {
        String path = config.target().basePath() + settings.probePath();
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + config.target().hostHeader()
                + "\r\nUser-Agent: secperf-slow-headers\r\n";
        List<Slow> connections = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger openFailures = new AtomicInteger();
        Distribution probeMs = new Distribution();
        AtomicInteger probeFailures = new AtomicInteger();
        List<String> failedProbes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (TargetClient client = client(1)) {
            Probe baseline = probe(client, path, settings.probeTimeout());
            if (!baseline.ok()) {
                report.note("attack.slowHeaders: the probe " + path + " failed before the attack ("
                        + baseline.outcome() + "); availability during the attack is not judged");
            }
            long start = System.nanoTime();
            long end = start + settings.duration().toNanos();
            ExecutorService openers = Executors.newFixedThreadPool(Math.min(8, settings.connections()),
                    daemon("secperf-slow-open"));
            AtomicInteger toOpen = new AtomicInteger();
            List<Future<?>> opening = new ArrayList<>();
            for (int t = 0; t < Math.min(8, settings.connections()); t++) {
                opening.add(openers.submit(() -> {
                    while (toOpen.getAndIncrement() < settings.connections() && System.nanoTime() < end) {
                        try {
                            Socket socket = client.openRaw(settings.duration().plusSeconds(5));
                            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                            socket.getOutputStream().flush();
                            connections.add(new Slow(socket));
                        } catch (IOException e) {
                            openFailures.incrementAndGet();
                        }
                    }
                }));
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                    daemon("secperf-slow-tick"));
            ticker.scheduleWithFixedDelay(() -> {
                List<Slow> snapshot;
                synchronized (connections) {
                    snapshot = new ArrayList<>(connections);
                }
                for (Slow slow : snapshot) {
                    if (slow.closedNanos != 0) {
                        continue;
                    }
                    try {
                        slow.socket.getOutputStream().write(("X-Slow-" + slow.lines++ + ": a\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        slow.socket.getOutputStream().flush();
                    } catch (IOException e) {
                        slow.closedNanos = System.nanoTime();
                    }
                }
            }, settings.interval().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
            try {
                for (Future<?> future : opening) {
                    try {
                        future.get(settings.duration().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        future.cancel(true);
                    }
                }
                // probe while the connections are held, until the attack ends
                while (System.nanoTime() < end) {
                    Probe probe = probe(client, path, settings.probeTimeout());
                    probeMs.add(probe.millis());
                    if (!probe.ok()) {
                        probeFailures.incrementAndGet();
                        if (failedProbes.size() < 5) {
                            failedProbes.add(String.format(Locale.ROOT, "at %.1f s: %s",
                                    (System.nanoTime() - start) / 1e9, probe.outcome()));
                        }
                    }
                    long remaining = end - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.min(remaining, settings.probeInterval().toNanos()));
                }
            } finally {
                ticker.shutdownNow();
                openers.shutdownNow();
            }
            long finished = System.nanoTime();
            int closedByServer = 0;
            int held = 0;
            double heldMax = 0;
            synchronized (connections) {
                for (Slow slow : connections) {
                    if (slow.closedNanos == 0 && serverClosed(slow.socket)) {
                        slow.closedNanos = finished;
                    }
                    long until = slow.closedNanos == 0 ? finished : slow.closedNanos;
                    heldMax = Math.max(heldMax, (until - slow.openedNanos) / 1e9);
                    if (slow.closedNanos == 0) {
                        held++;
                    } else {
                        closedByServer++;
                    }
                    try {
                        slow.socket.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
            int opened = connections.size();
            int probes = probeMs.count();
            report.add(M_REQUESTS, opened + probes + 1);
            report.measure(M_SLOW_OPENED, opened);
            report.measure(M_SLOW_CLOSED, closedByServer);
            report.measure(M_SLOW_HELD, held);
            report.measure(M_SLOW_HELD_MAX_S, heldMax);
            report.measure(M_SLOW_PROBES, probes);
            report.measure(M_SLOW_PROBES_FAILED, probeFailures.get());
            report.measure(M_SLOW_PROBE_MS_MAX, probeMs.max());
            if (openFailures.get() > 0) {
                report.note("attack.slowHeaders: " + openFailures.get() + " of " + settings.connections()
                        + " connections could not be opened (the server or the OS refused them)");
            }
            String what = opened + " connections sending one header line every " + settings.interval().toMillis()
                    + " ms for " + settings.duration().toSeconds() + " s; " + closedByServer
                    + " closed by the server, " + held + " still open at the end";
            if (baseline.ok() && probeFailures.get() > 0) {
                report.finding(SLOW_HEADERS_UNAVAILABLE, Severity.HIGH, "service unavailable during a slow-header "
                                + "attack (" + probeFailures.get() + " of " + probes + " probes failed)",
                        what + "; probe GET " + path + " failed " + String.join("; ", failedProbes),
                        "Limit how long a client may take to send its headers (nginx client_header_timeout, Apache "
                                + "mod_reqtimeout, Tomcat connectionTimeout), cap connections per client, and use "
                                + "an event-driven front end so slow clients do not hold worker threads "
                                + "(slowhttptest).");
            }
            if (opened > 0 && held == opened) {
                report.finding(SLOW_HEADERS_HELD, Severity.INFO, "all slow-header connections were held for the whole "
                                + settings.duration().toSeconds() + " s", what,
                        "A request header timeout shorter than the attack closes such connections; lengthen "
                                + "attack.slowHeaders.duration beyond your header timeout to verify it.");
            }
        }
    }

    /** Whether the server already closed the connection (end of stream or a reset, without blocking long). */
    private static boolean serverClosed(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private record Probe(boolean ok, double millis, String outcome) {
    }

    /** A normal request on a fresh connection (a pooled one would hide an exhausted accept queue). */
    private Probe probe(TargetClient client, String path, Duration timeout) {
        long begin = System.currentTimeMillis();
        long t0 = System.nanoTime();
        String outcome;
        boolean ok = false;
        int status = -1;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("secperf-probe"));
        Socket socket = null;
        try {
            socket = client.openRaw(timeout);
            Socket toClose = socket;
            watchdog.schedule(() -> {
                try {
                    toClose.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + config.target().hostHeader()
                    + "\r\nUser-Agent: secperf-probe\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            status = statusOf(socket.getInputStream());
            ok = status > 0 && status < 500;
            outcome = status > 0 ? "status " + status : "no HTTP response";
        } catch (IOException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            outcome = ms >= timeout.toMillis() - 50 ? "no answer within " + timeout.toMillis() + " ms"
                    : TargetClient.describe(e);
        } finally {
            watchdog.shutdownNow();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        sink.accept(new Sample(begin, (long) millis, LABEL_PROBE, status > 0 ? String.valueOf(status)
                : "Non HTTP response code: " + outcome, ok ? "" : outcome, ok, ok ? "" : outcome, 0, 0, (long) millis,
                0, 1));
        return new Probe(ok, millis, outcome);
    }

    // ------------------------------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static void runWorkers(int count, String name, Work work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(count, daemon(name));
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                work.run();
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    throw new IllegalStateException("attack worker failed: " + TargetClient.describe(e.getCause()),
                            e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** For messages. */
    @Override
    public String toString() {
        return "AttackTraffic[" + config.target().origin() + "]";
    }
}
