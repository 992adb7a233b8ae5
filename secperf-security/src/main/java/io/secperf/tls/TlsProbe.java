package io.secperf.tls;

import io.secperf.result.Finding;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Probes one TLS endpoint the way testssl.sh and sslscan do and grades it.
 *
 * <p><b>Why hand-crafted hellos.</b> The JDK (SunJSSE) and Bouncy Castle's JSSE both obey
 * {@code jdk.tls.disabledAlgorithms}, client side too: a JDK client cannot even offer SSLv3, TLS 1.0/1.1, RC4, 3DES,
 * NULL or anonymous suites, so it would report a server that accepts them as clean. Relaxing that property is
 * process-wide and would weaken the JMeter load or the Jenkins agent running in the same JVM. So protocols and
 * suites are enumerated with ClientHello bytes built here and the server's plaintext answer (ServerHello, Certificate,
 * ServerKeyExchange, or an alert) read back; nothing is encrypted, so no crypto library decides what may be offered.
 * Bouncy Castle's low-level {@code TlsClientProtocol} would also work but brings a runtime dependency, still lacks
 * SSLv3/export/RC4 in current versions, and completes handshakes the probe does not need.
 *
 * <p><b>Enumeration.</b> For each of SSLv3, TLS 1.0, 1.1, 1.2 the probe offers every catalogue suite usable with that
 * version; the server picks one; it is removed and the rest offered again until the server refuses (sslscan's
 * method: N+1 short handshakes for N accepted suites, each dropped right after the server's first flight). TLS 1.3
 * is probed the same way with supported_versions and an x25519 key share. One more hello with the accepted suites in
 * reverse order tells whether the server imposes its own order. Versions are probed in parallel, after one first
 * hello alone that tells whether the port speaks TLS at all ({@link NotTlsException} for plain HTTP).
 *
 * <p><b>A hello without an answer is not a refusal.</b> Many servers take one connection at a time or limit
 * handshakes per second; with eight connections at once some wait longer than the read timeout. Every connection
 * goes through a {@link ConnectionPacer}: each unanswered connection halves the parallel connections (down to
 * sequential) and the hello is sent again, up to {@link #HELLO_ATTEMPTS} times. What still gets no answer is reported
 * as not answered ({@link ProtocolSupport#complete()} false, TLS-PROBE-INCOMPLETE, provisional grade), never as
 * refused; TLS-NONE needs every version refused, and a version a completed JDK handshake negotiated is accepted
 * whatever the hellos saw. Client renegotiation, which can hold a single-connection server for seconds, runs last.
 *
 * <p><b>Completed handshakes.</b> Handshake time, HSTS, client-initiated renegotiation and (for TLS 1.3-only
 * servers) the certificate need a finished handshake; they use the JDK stack with a per-connection
 * {@code SSLContext} that accepts any chain (see {@link JdkTlsClient}). The chain is validated here instead.
 *
 * <p><b>Bounded.</b> Connect and read timeouts per connection (a server flight or HTTP head may take at most twice
 * the read timeout in total), at most {@link #HELLO_ATTEMPTS} tries per connection, a cap on the number of
 * connections (retries included) and a total time budget checked before every connection, so a run ends at most
 * one connection's timeouts after the budget; when a limit hits, the report says so ({@code complete == false},
 * finding TLS-PROBE-INCOMPLETE).
 */
public final class TlsProbe {

    /** Renegotiations in a row that make a server "vulnerable" (sslyze and testssl.sh use 10). */
    public static final int RENEGOTIATION_ATTEMPTS = 10;

    /** Times a connection is tried when the server does not answer it (the first try included). */
    static final int HELLO_ATTEMPTS = 3;

    private final String host;
    private final int port;
    private final String serverName;
    private final Set<X509Certificate> trustAnchors;
    private final MozillaProfile profile;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration budget;
    private final int maxHandshakes;
    private final int parallelism;
    private final int timingSamples;
    private final boolean http;
    private final String httpPath;
    private final boolean renegotiation;
    private final Clock clock;

    private TlsProbe(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.serverName = b.serverName;
        this.trustAnchors = b.trustAnchors;
        this.profile = b.profile;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.budget = b.budget;
        this.maxHandshakes = b.maxHandshakes;
        this.parallelism = b.parallelism;
        this.timingSamples = b.timingSamples;
        this.http = b.http;
        this.httpPath = b.httpPath;
        this.renegotiation = b.renegotiation;
        this.clock = b.clock;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Runs the probe. Never changes any process-wide setting.
     *
     * @throws TlsProbeException if the host does not resolve, the TCP port cannot be reached, the port does not
     *                           speak TLS ({@link NotTlsException}), or the server answered no connection at all
     */
    public TlsReport run() throws TlsProbeException {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        TlsTrace.mark("probe: start");
        SecureRandom random = new SecureRandom();
        InetSocketAddress address = reachable();
        TlsTrace.mark("probe: TCP connect");
        String checkedName = serverName != null ? serverName : host;
        String sni = CertificateInspector.isIpLiteral(checkedName) ? null : checkedName;
        int connectMillis = (int) connectTimeout.toMillis();
        int readMillis = (int) readTimeout.toMillis();
        HelloExchange exchange = new HelloExchange(address, connectMillis, readMillis, sni, random);
        String hostHeader = checkedName.contains(":") ? "[" + checkedName + "]" : checkedName;
        if (port != 443) {
            hostHeader = hostHeader + ":" + port;
        }
        JdkTlsClient jdk = new JdkTlsClient(address, sni, hostHeader, connectMillis, readMillis, random);
        ConnectionPacer pacer = new ConnectionPacer(parallelism, deadline, maxHandshakes, readTimeout.toNanos());
        List<String> notes = Collections.synchronizedList(new ArrayList<>());

        // first contact, alone: the first TLS 1.2 hello tells whether this port speaks TLS at all
        List<Integer> tls12Suites = ids(TlsVersion.TLS_1_2);
        HelloExchange.Result firstContact = offer(exchange, TlsVersion.TLS_1_2, tls12Suites, pacer);
        TlsTrace.mark("probe: first hello");
        if (firstContact != null && firstContact.outcome() == HelloExchange.Outcome.NOT_TLS) {
            throw new NotTlsException("not TLS: " + firstContact.detail());
        }
        if (firstContact != null && !firstContact.answered()
                && firstContact.outcome() != HelloExchange.Outcome.CLOSED) {
            throw new TlsProbeException("no answer: the server accepted TCP connections but answered none of "
                    + HELLO_ATTEMPTS + " TLS hellos (" + firstContact.detail() + ")", null);
        }

        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "secperf-tls-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Set<X509Certificate>> anchors = pool.submit(() -> {
                Set<X509Certificate> set = trustAnchors != null ? trustAnchors : TrustAnchors.jdkDefault();
                TlsTrace.mark("probe: trust anchors");
                return set;
            });
            Future<List<JdkTlsClient.Handshake>> timing = pool.submit(() -> time(jdk, pacer, notes));
            Map<TlsVersion, Future<Enumeration>> enumerations = new EnumMap<>(TlsVersion.class);
            for (TlsVersion v : List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3, TlsVersion.TLS_1_1,
                    TlsVersion.TLS_1_0, TlsVersion.SSL_3_0)) {
                HelloExchange.Result known = v == TlsVersion.TLS_1_2 ? firstContact : null;
                enumerations.put(v, pool.submit(() -> {
                    Enumeration e = enumerate(exchange, v, pacer, known);
                    TlsTrace.mark("probe: enumerated", v.displayName());
                    return e;
                }));
            }
            Future<HstsResult> hsts = http ? pool.submit(() -> hsts(jdk, pacer)) : null;

            List<ProtocolSupport> protocols = new ArrayList<>();
            Map<TlsVersion, Enumeration> results = new EnumMap<>(TlsVersion.class);
            for (TlsVersion v : TlsVersion.values()) {
                Enumeration e = get(enumerations.get(v));
                results.put(v, e);
                protocols.add(e.support());
            }
            List<JdkTlsClient.Handshake> handshakes = get(timing);
            HstsResult hstsResult = hsts != null ? get(hsts) : HstsResult.notTested("HTTP checks switched off");
            TlsTrace.mark("probe: enumeration, timing, HSTS joined");
            confirmByHandshakes(protocols, handshakes, notes);

            boolean legacyAccepted = protocols.stream().anyMatch(p -> p.accepted()
                    && p.version() != TlsVersion.TLS_1_3);
            boolean tls12 = protocols.stream().anyMatch(p -> p.accepted() && p.version() == TlsVersion.TLS_1_2);
            // last and alone: a renegotiating connection can hold a single-connection server for seconds
            RenegotiationResult renegResult;
            if (!renegotiation) {
                renegResult = new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0,
                        RENEGOTIATION_ATTEMPTS, "renegotiation check switched off");
            } else if (!legacyAccepted && protocols.stream().anyMatch(ProtocolSupport::accepted)) {
                renegResult = new RenegotiationResult(RenegotiationResult.Status.NOT_APPLICABLE, 0,
                        RENEGOTIATION_ATTEMPTS, "only TLS 1.3 accepted, which has no renegotiation");
            } else if (legacyAccepted && !tls12) {
                renegResult = new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0,
                        RENEGOTIATION_ATTEMPTS, "needs TLS 1.2; the JDK client refuses the older versions");
            } else if (!tls12) {
                renegResult = new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0,
                        RENEGOTIATION_ATTEMPTS, "no TLS 1.2 handshake to renegotiate");
            } else {
                renegResult = renegotiate(jdk, pacer);
                TlsTrace.mark("probe: renegotiation");
            }

            TlsReport.SecureRenegotiation secure = TlsReport.SecureRenegotiation.NOT_APPLICABLE;
            for (TlsVersion v : List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0,
                    TlsVersion.SSL_3_0)) {
                HelloExchange.Result first = results.get(v).first();
                if (first != null && first.accepted(v)) {
                    secure = first.secureRenegotiation() ? TlsReport.SecureRenegotiation.SUPPORTED
                            : TlsReport.SecureRenegotiation.NOT_SUPPORTED;
                    break;
                }
            }

            boolean anyAnswer = results.values().stream().anyMatch(Enumeration::answered) || !handshakes.isEmpty();
            if (!anyAnswer && !pacer.exhausted()) {
                throw new TlsProbeException("no answer: the server accepted TCP connections but answered none of "
                        + pacer.used() + " TLS hellos and handshakes (each timed out after " + readMillis
                        + " ms or was closed without a word)", null);
            }
            CertificateReport certificate = certificate(handshakes, results, checkedName, get(anchors), notes);
            TlsTrace.mark("probe: certificate");
            HandshakeTiming handshakeTiming = timing(handshakes, notes);
            List<String> unanswered = protocols.stream().filter(p -> !p.complete())
                    .map(p -> p.version().displayName() + " (" + p.detail() + ")").toList();
            boolean complete = !pacer.exhausted() && unanswered.isEmpty();
            if (pacer.exhausted()) {
                notes.add(pacer.reason());
            }
            String backOff = pacer.backOffNote();
            if (backOff != null) {
                notes.add(backOff);
            }
            Grade grade = TlsGrader.grade(protocols, certificate, secure, hstsResult);
            if (!complete) {
                grade = grade.asProvisional();
            }
            ProfileCompliance compliance = profile.check(protocols, certificate);
            List<String> notesCopy = List.copyOf(notes);
            List<Finding> findings = TlsFindings.collect(protocols, certificate, secure, renegResult, hstsResult,
                    complete, incompleteEvidence(pacer, unanswered));
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            int count = pacer.used();
            Map<String, String> measurements = TlsMeasurements.of(protocols, certificate, secure, renegResult,
                    hstsResult, handshakeTiming, grade, compliance, findings, elapsed, count);
            TlsTrace.mark("probe: graded; connections:", count);
            return new TlsReport(host, port, checkedName, startedAt, elapsed, count, complete, protocols,
                    certificate, secure, renegResult, hstsResult, handshakeTiming, grade, compliance, findings,
                    measurements, notesCopy);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What TLS-PROBE-INCOMPLETE says: the limit that hit and every version whose enumeration did not finish. */
    private static String incompleteEvidence(ConnectionPacer pacer, List<String> unanswered) {
        List<String> parts = new ArrayList<>();
        if (pacer.exhausted()) {
            parts.add(pacer.reason());
        }
        if (!unanswered.isEmpty()) {
            parts.add("not answered: " + String.join("; ", unanswered));
        }
        return String.join("; ", parts);
    }

    private static List<Integer> ids(TlsVersion version) {
        return new ArrayList<>(CipherSuiteCatalog.usableWith(version).stream().map(CipherSuite::id).toList());
    }

    /**
     * A version or suite that a completed JDK handshake negotiated is accepted, whatever the enumeration saw (for
     * example when the enumeration's hellos went unanswered): never "no TLS" after a successful handshake.
     */
    private static void confirmByHandshakes(List<ProtocolSupport> protocols, List<JdkTlsClient.Handshake> handshakes,
                                            List<String> notes) {
        for (JdkTlsClient.Handshake h : handshakes) {
            for (int i = 0; i < protocols.size(); i++) {
                ProtocolSupport p = protocols.get(i);
                if (!p.version().displayName().equals(h.protocol())) {
                    continue;
                }
                CipherSuite suite = CipherSuiteCatalog.byName(h.cipherSuite())
                        .or(() -> CipherSuiteCatalog.byName(h.cipherSuite().replaceFirst("^SSL_", "TLS_")))
                        .orElse(null);
                boolean known = suite == null || p.suites().stream().anyMatch(s -> s.suite().id() == suite.id());
                if (p.accepted() && known) {
                    continue;
                }
                List<AcceptedSuite> suites = new ArrayList<>(p.suites());
                if (suite != null && !known) {
                    suites.add(new AcceptedSuite(suite, null, 0));
                }
                String detail = "the enumeration missed what a completed JDK handshake negotiated ("
                        + h.protocol() + ", " + h.cipherSuite() + ")";
                notes.add(p.version().displayName() + ": " + detail);
                protocols.set(i, new ProtocolSupport(p.version(), true, suites, p.preference(), detail, false));
            }
        }
    }

    private InetSocketAddress reachable() throws TlsProbeException {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new TlsProbeException("cannot resolve " + host + ": " + e.getMessage(), e);
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) connectTimeout.toMillis());
        } catch (IOException e) {
            throw new TlsProbeException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return address;
    }

    private static <T> T get(Future<T> future) throws TlsProbeException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlsProbeException("probe interrupted", e);
        } catch (ExecutionException e) {
            throw new TlsProbeException("probe failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * One version's enumeration: its verdict, the first ServerHello (certificates, RFC 5746), and whether the server
     * answered any of its hellos.
     */
    private record Enumeration(ProtocolSupport support, HelloExchange.Result first, boolean answered) {
    }

    /**
     * One hello with retries: a hello that got no answer (timeout, refused connect, a close without a word) is sent
     * again, up to {@link #HELLO_ATTEMPTS} times, each time through the pacer, which has meanwhile slowed down.
     * Returns the last result, or null when the pacer refused a connection (cap or budget).
     */
    private static HelloExchange.Result offer(HelloExchange exchange, TlsVersion version, List<Integer> suites,
                                              ConnectionPacer pacer) {
        HelloExchange.Result r = null;
        for (int attempt = 0; attempt < HELLO_ATTEMPTS; attempt++) {
            if (!pacer.acquire()) {
                return null;
            }
            HelloExchange.Result current = null;
            try {
                current = exchange.offer(version, suites);
            } finally {
                if (current != null && current.answered()) {
                    pacer.answered();
                } else {
                    pacer.unanswered(current == null || current.outcome() != HelloExchange.Outcome.CLOSED);
                }
            }
            r = current;
            if (r.answered()) {
                return r;
            }
        }
        return r;
    }

    private static Enumeration enumerate(HelloExchange exchange, TlsVersion version, ConnectionPacer pacer,
                                         HelloExchange.Result known) {
        List<Integer> remaining = ids(version);
        List<AcceptedSuite> accepted = new ArrayList<>();
        HelloExchange.Result first = null;
        String detail = null;
        boolean complete = true;
        boolean answered = false;
        HelloExchange.Result next = known;
        while (!remaining.isEmpty()) {
            HelloExchange.Result r = next != null ? next : offer(exchange, version, remaining, pacer);
            next = null;
            if (r == null) {
                complete = false;
                detail = pacer.reason() + untested(accepted, remaining);
                break;
            }
            if (first == null) {
                first = r;
            }
            if (!r.answered() && r.outcome() != HelloExchange.Outcome.CLOSED) {
                // a close repeated HELLO_ATTEMPTS times is the server's way of refusing; silence is not
                complete = false;
                detail = "no answer to " + HELLO_ATTEMPTS + " hellos (" + r.detail() + ")"
                        + untested(accepted, remaining);
                break;
            }
            answered |= r.answered();
            if (!r.accepted(version)) {
                if (accepted.isEmpty()) {
                    detail = refusal(r, version);
                }
                break;
            }
            if (!remaining.remove(Integer.valueOf(r.suite()))) {
                detail = "server chose a suite that was not offered: " + CipherSuiteCatalog.forId(r.suite());
                break;
            }
            accepted.add(new AcceptedSuite(CipherSuiteCatalog.forId(r.suite()), r.keyExchangeGroup(),
                    r.keyExchangeBits()));
        }
        ProtocolSupport.Preference preference = ProtocolSupport.Preference.UNKNOWN;
        if (accepted.size() >= 2 && complete && pacer.acquire()) {
            List<Integer> reversed = new ArrayList<>(accepted.stream().map(s -> s.suite().id()).toList());
            Collections.reverse(reversed);
            HelloExchange.Result r = null;
            try {
                r = exchange.offer(version, reversed);
            } finally {
                if (r != null && r.answered()) {
                    pacer.answered();
                } else {
                    pacer.unanswered(r == null || r.outcome() != HelloExchange.Outcome.CLOSED);
                }
            }
            if (r.accepted(version)) {
                preference = r.suite() == accepted.get(0).suite().id() ? ProtocolSupport.Preference.SERVER
                        : ProtocolSupport.Preference.CLIENT;
            }
        }
        return new Enumeration(new ProtocolSupport(version, !accepted.isEmpty(), accepted, preference,
                accepted.isEmpty() || !complete ? detail : null, complete), first, answered);
    }

    /** ", 3 suites found, 40 not tested" or the untested names when there are few. */
    private static String untested(List<AcceptedSuite> accepted, List<Integer> remaining) {
        String found = accepted.isEmpty() ? "" : ", " + accepted.size() + " suite" + (accepted.size() == 1 ? "" : "s")
                + " found";
        if (remaining.size() <= 8) {
            return found + ", not tested: " + String.join(", ", remaining.stream()
                    .map(id -> CipherSuiteCatalog.forId(id).name()).toList());
        }
        return found + ", " + remaining.size() + " suites not tested";
    }

    private static String refusal(HelloExchange.Result r, TlsVersion offered) {
        return switch (r.outcome()) {
            case SERVER_HELLO -> "server answered with " + TlsVersion.fromWire(r.version())
                    .map(TlsVersion::displayName).orElse(String.format("version 0x%04X", r.version()));
            case ALERT, CLOSED, TIMEOUT, MALFORMED, CONNECT_FAILED, NOT_TLS -> r.detail();
        };
    }

    /** A call that opens one connection and may get no answer at all. */
    private interface PacedCall<T> {
        T call() throws JdkTlsClient.NoAnswer, IOException;
    }

    /**
     * Runs {@code call} through the pacer, again (up to {@link #HELLO_ATTEMPTS} times) when the server did not
     * answer. Returns null when it never answered or the pacer refused a connection.
     */
    private static <T> T paced(ConnectionPacer pacer, PacedCall<T> call) throws IOException {
        for (int attempt = 0; attempt < HELLO_ATTEMPTS; attempt++) {
            if (!pacer.acquire()) {
                return null;
            }
            boolean answered = false;
            try {
                T result = call.call();
                answered = true;
                return result;
            } catch (JdkTlsClient.NoAnswer e) {
                // retried below
            } catch (IOException | RuntimeException e) {
                answered = true;
                throw e;
            } finally {
                if (answered) {
                    pacer.answered();
                } else {
                    pacer.unanswered(true);
                }
            }
        }
        return null;
    }

    private HstsResult hsts(JdkTlsClient jdk, ConnectionPacer pacer) {
        try {
            HstsResult r = paced(pacer, () -> jdk.hsts(httpPath));
            TlsTrace.mark("probe: HSTS");
            return r != null ? r : HstsResult.notTested(pacer.exhausted() ? "probe budget exhausted"
                    : "no answer to " + HELLO_ATTEMPTS + " handshakes");
        } catch (IOException e) {
            return HstsResult.notTested("HTTPS request failed: " + e.getMessage());
        }
    }

    private static RenegotiationResult renegotiate(JdkTlsClient jdk, ConnectionPacer pacer) {
        try {
            RenegotiationResult r = paced(pacer, () -> jdk.renegotiate(RENEGOTIATION_ATTEMPTS));
            return r != null ? r : new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0,
                    RENEGOTIATION_ATTEMPTS, pacer.exhausted() ? "probe budget exhausted"
                    : "no answer to " + HELLO_ATTEMPTS + " handshakes");
        } catch (IOException e) {
            return new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0, RENEGOTIATION_ATTEMPTS,
                    "cannot connect: " + e.getMessage());
        }
    }

    private List<JdkTlsClient.Handshake> time(JdkTlsClient jdk, ConnectionPacer pacer, List<String> notes) {
        List<JdkTlsClient.Handshake> samples = new ArrayList<>();
        for (int i = 0; i < timingSamples; i++) {
            try {
                JdkTlsClient.Handshake h = paced(pacer, jdk::handshake);
                if (h == null) {
                    if (samples.isEmpty()) {
                        notes.add("JDK handshake not completed (handshake time, HSTS and TLS 1.3 certificate "
                                + "unavailable): " + (pacer.exhausted() ? pacer.reason()
                                : "no answer to " + HELLO_ATTEMPTS + " handshakes"));
                    }
                    break;
                }
                samples.add(h);
                TlsTrace.mark("probe: JDK handshake", h.protocol());
            } catch (IOException e) {
                if (samples.isEmpty()) {
                    notes.add("JDK handshake failed (handshake time, HSTS and TLS 1.3 certificate unavailable): "
                            + e.getMessage());
                }
                break;
            }
        }
        return samples;
    }

    private static HandshakeTiming timing(List<JdkTlsClient.Handshake> samples, List<String> notes) {
        if (samples.isEmpty()) {
            return new HandshakeTiming(List.of(), -1, null, null,
                    notes.isEmpty() ? "no handshake completed" : notes.get(notes.size() - 1));
        }
        List<Double> millis = samples.stream().map(JdkTlsClient.Handshake::millis).toList();
        List<Double> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new HandshakeTiming(millis, median, samples.get(0).protocol(), samples.get(0).cipherSuite(), null);
    }

    private CertificateReport certificate(List<JdkTlsClient.Handshake> handshakes, Map<TlsVersion, Enumeration> results,
                                          String checkedName, Set<X509Certificate> anchors,
                                          List<String> notes) {
        List<X509Certificate> chain = null;
        String source = null;
        if (!handshakes.isEmpty() && !handshakes.get(0).peerChain().isEmpty()) {
            chain = handshakes.get(0).peerChain();
            source = "JDK handshake (" + handshakes.get(0).protocol() + ")";
        } else {
            for (TlsVersion v : List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0,
                    TlsVersion.SSL_3_0)) {
                HelloExchange.Result first = results.get(v).first();
                if (first != null && first.accepted(v) && !first.certificates().isEmpty()) {
                    try {
                        chain = CertificateInspector.parse(first.certificates());
                        source = v.displayName() + " handshake (plaintext Certificate message)";
                        break;
                    } catch (GeneralSecurityException e) {
                        notes.add("unparsable certificate in the " + v.displayName() + " handshake: "
                                + e.getMessage());
                    }
                }
            }
        }
        if (chain == null) {
            if (results.values().stream().anyMatch(e -> e.support().accepted())) {
                notes.add("no certificate obtained");
            }
            return null;
        }
        return CertificateInspector.inspect(chain, source, anchors, checkedName, clock.instant());
    }

    /** Settings with safe defaults: 3 s connect and read timeouts, 60 s budget, 2000 handshakes, Mozilla intermediate. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String serverName;
        private Set<X509Certificate> trustAnchors;
        private MozillaProfile profile = MozillaProfile.INTERMEDIATE;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration readTimeout = Duration.ofSeconds(3);
        private Duration budget = Duration.ofSeconds(60);
        private int maxHandshakes = 2000;
        private int parallelism = 8;
        private int timingSamples = 5;
        private boolean http = true;
        private String httpPath = "/";
        private boolean renegotiation = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
        }

        /** SNI name and the name the certificate must match (default: the host, no SNI for IP literals). */
        public Builder serverName(String name) {
            if (name != null && !CertificateInspector.isIpLiteral(name)) {
                try {
                    new javax.net.ssl.SNIHostName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a valid server name: '" + name + "' (" + e.getMessage()
                            + ")", e);
                }
            }
            this.serverName = name;
            return this;
        }

        /** Trust the CA certificates of a PEM or DER file instead of the JDK default trust store. */
        public Builder trustStore(Path caFile) throws IOException {
            this.trustAnchors = TrustAnchors.fromFile(caFile);
            return this;
        }

        /** Trust exactly these CA certificates instead of the JDK default trust store. */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            this.trustAnchors = Set.copyOf(new LinkedHashSet<>(anchors));
            return this;
        }

        public Builder profile(MozillaProfile profile) {
            this.profile = Objects.requireNonNull(profile);
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = positive(connect, "connect timeout");
            this.readTimeout = positive(read, "read timeout");
            return this;
        }

        /** Total wall-time budget; running out stops further handshakes and marks the report incomplete. */
        public Builder budget(Duration budget) {
            this.budget = positive(budget, "budget");
            return this;
        }

        public Builder maxHandshakes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxHandshakes must be positive");
            }
            this.maxHandshakes = max;
            return this;
        }

        /** Connections at once at the start (default 8); the probe lowers it when the server stops answering. */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be positive");
            }
            this.parallelism = threads;
            return this;
        }

        /** Full handshakes timed for the median (default 5). */
        public Builder timingSamples(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("timingSamples must be positive");
            }
            this.timingSamples = samples;
            return this;
        }

        /** Whether to send one HTTPS GET for the HSTS check (default true; switch off for non-HTTP services). */
        public Builder http(boolean enabled) {
            this.http = enabled;
            return this;
        }

        public Builder httpPath(String path) {
            if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("HTTP path must start with / and contain no spaces or controls");
            }
            this.httpPath = path;
            return this;
        }

        /** Whether to test client-initiated renegotiation (default true). */
        public Builder renegotiation(boolean enabled) {
            this.renegotiation = enabled;
            return this;
        }

        /** The clock certificate dates are judged against (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Builds the probe; the JDK default trust store (when no anchors are set) is read during the run. */
        public TlsProbe build() {
            return new TlsProbe(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
