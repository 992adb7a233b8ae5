package io.secperf.fuzz;

import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.LeakDetector;
import io.secperf.security.PreparedRequest;
import io.secperf.security.SecretMask;
import io.secperf.security.SecretSpans;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfig.Endpoint;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityReport;
import io.secperf.security.TargetClient;
import io.secperf.security.TargetResponse;
import io.secperf.security.TokenProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seeded, replayable fuzzing of the configured requests, plus the catalogue of malformed raw requests
 * ({@link MalformedRequest}). A request passes when it is refused (4xx) or the connection is closed; it fails with a
 * server error ({@value #SERVER_ERROR}), a stack trace or error page in the body ({@value #LEAK}), no answer within
 * the timeout ({@value #HANG}, confirmed by sending it once more), a kept-open connection after
 * Content-Length + Transfer-Encoding ({@value #SMUGGLING}), or a success answer to a request that is invalid HTTP
 * ({@value #ACCEPTED}).
 *
 * <p>Iteration {@code i} draws from {@code new SplittableRandom(mix(seed, i))}, so any iteration can be regenerated
 * alone ({@link #replay(long)}); findings name the seed, the iteration and the exact input. Bounded by the iteration
 * count, the time budget and per-request timeouts; requests are sent one at a time.
 */
public final class Fuzzer {

    public static final String SERVER_ERROR = "FUZZ-5XX";
    public static final String LEAK = "FUZZ-LEAK";
    public static final String HANG = "FUZZ-HANG";
    public static final String SMUGGLING = "FUZZ-SMUGGLING-RISK";
    public static final String ACCEPTED = "FUZZ-ACCEPTED";

    /** Measurement: 5xx answers (gate metric {@code fuzz.serverErrors}). */
    public static final String M_SERVER_ERRORS = "fuzz.serverErrors";
    public static final String M_HANGS = "fuzz.hangs";
    public static final String M_LEAKS = "fuzz.leaks";
    public static final String M_REQUESTS = "fuzz.requests";
    public static final String M_ITERATIONS = "fuzz.iterations";
    public static final String M_RAW_CASES = "fuzz.rawCases";
    public static final String M_REJECTED = "fuzz.rejected";
    public static final String M_CLOSED = "fuzz.closed";
    public static final String M_ACCEPTED = "fuzz.accepted";
    public static final String M_SMUGGLING = "fuzz.smugglingRisk";
    public static final String M_UNSENDABLE = "fuzz.unsendable";
    public static final String M_TRANSIENT = "fuzz.transientTimeouts";

    /** Distinct findings kept; more are counted in the measurements and mentioned in a note. */
    static final int MAX_FINDINGS = 50;

    private final SecurityConfig config;
    private final Credentials credentials;
    private final List<Endpoint> endpoints;

    /** @throws SecurityConfigException when the target's CA file is unusable */
    public Fuzzer(SecurityConfig config, Credentials credentials) throws SecurityConfigException {
        this.config = config;
        this.credentials = credentials;
        TargetClient.validate(config.target());
        this.endpoints = config.fuzz().endpoints().isEmpty()
                ? List.of(Endpoint.of("GET", "/").withAuthenticated(false)) : config.fuzz().endpoints();
    }

    /** Names of the mutation operators, as findings and docs/security-checks.md name them. */
    public static List<String> mutationNames() {
        return Mutations.names();
    }

    /** The seed in use (from the configuration, or the random one drawn when it had none). */
    public long seed() {
        return config.fuzz().seed();
    }

    /** The malformed raw requests this fuzzer sends, for documentation and the JMeter wrapper. */
    public List<MalformedRequest> malformedRequests() {
        return MalformedRequest.catalogue(config.target().hostHeader(), rawPath());
    }

    private String rawPath() {
        String base = config.target().basePath();
        return base + config.fuzz().rawPath().orElse("/");
    }

    /**
     * Regenerates the input of one iteration exactly, without sending anything.
     *
     * @throws IllegalArgumentException for a negative iteration
     */
    public FuzzInput replay(long iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0");
        }
        return generate(iteration).input();
    }

    /** An input with the endpoint it came from (labels need not be unique). */
    private record Generated(Endpoint endpoint, FuzzInput input) {
    }

    private Generated generate(long iteration) {
        SplittableRandom random = new SplittableRandom(mix(seed(), iteration));
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        PreparedRequest.Marked marked = PreparedRequest.marked(config, endpoint, credentials);
        PreparedRequest base = marked.request();
        Mutations.Mutated mutated = Mutations.mutate(random, base, config.fuzz().maxBodyBytes());
        PreparedRequest request = mutated.request();
        // the secret bytes are followed through the mutation: a mutated token matches no value a mask knows
        SecretSpans secrets = marked.secrets().carry(base, request);
        return new Generated(endpoint, new FuzzInput(seed(), iteration, endpoint.label(), mutated.mutation(),
                request.method(), request.pathAndQuery(), request.headers(), request.body(), secrets));
    }

    /** SplitMix64 of seed and iteration: independent, reproducible streams per iteration. */
    static long mix(long seed, long iteration) {
        long z = seed + (iteration + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Mutated requests (the configured iteration count) and then the malformed raw requests, within the budget. */
    public SecurityReport run() {
        return execute(0, config.fuzz().iterations(), config.fuzz().raw());
    }

    /**
     * A slice of the mutated requests, e.g. one batch per JMeter sample.
     *
     * @param firstIteration first iteration number
     * @param count          how many iterations (bounded by the configured maximum)
     */
    public SecurityReport runMutations(long firstIteration, int count) {
        if (firstIteration < 0 || count < 0 || count > SecurityConfig.Limits.MAX_FUZZ_ITERATIONS) {
            throw new IllegalArgumentException("firstIteration must be >= 0 and count 0.."
                    + SecurityConfig.Limits.MAX_FUZZ_ITERATIONS);
        }
        return execute(firstIteration, count, false);
    }

    /** Only the malformed raw requests. */
    public SecurityReport runMalformed() {
        return execute(0, 0, true);
    }

    private SecurityReport execute(long first, int count, boolean raw) {
        SecretMask mask = credentials.newMask();
        SecurityReport.Builder report = new SecurityReport.Builder("fuzz", config.target().url().toString(), mask);
        report.note("seed " + seed() + " (replay: fuzz.seed: " + seed() + ")");
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("secperf-fuzz-watchdog"));
        ExecutorService background = Executors.newFixedThreadPool(2, daemon("secperf-fuzz-partial"));
        try (TargetClient client = new TargetClient(config.target(), 2)) {
            Run run = new Run(client, report, watchdog, background);
            run.execute(first, count, raw);
        } catch (SecurityConfigException e) {
            report.incomplete("cannot connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.incomplete("interrupted");
        } finally {
            background.shutdownNow();
            watchdog.shutdownNow();
        }
        return report.build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Evidence text around the outcome, which is only known after sending.
     *
     * @param secrets masks what an answer may echo of the input's (mutated) secrets; null when it holds none
     */
    private record Evidence(String before, String after, SecretMask secrets) {
        Evidence(String before, String after) {
            this(before, after, null);
        }

        String with(String outcome) {
            return mask(before + outcome + after);
        }

        String mask(String text) {
            return secrets == null ? text : secrets.apply(text);
        }
    }

    /** A distinct failure: the first occurrence in full, later ones counted. */
    private static final class Failure {
        final String id;
        final Severity severity;
        final String title;
        final String evidence;
        final String remediation;
        int count = 1;

        Failure(String id, Severity severity, String title, String evidence, String remediation) {
            this.id = id;
            this.severity = severity;
            this.title = title;
            this.evidence = evidence;
            this.remediation = remediation;
        }
    }

    private final class Run {
        private final TargetClient client;
        private final SecurityReport.Builder report;
        private final ScheduledExecutorService watchdog;
        private final ExecutorService background;
        private final Map<String, Failure> failures = new LinkedHashMap<>();
        private final long deadline;
        private Optional<String> token = Optional.empty();
        private int requests;
        private int serverErrors;
        private int hangs;
        private int leaks;
        private int rejected;
        private int closed;
        private int accepted;
        private int smuggling;
        private int unsendable;
        private int transientTimeouts;
        private int dropped;

        Run(TargetClient client, SecurityReport.Builder report, ScheduledExecutorService watchdog,
            ExecutorService background) {
            this.client = client;
            this.report = report;
            this.watchdog = watchdog;
            this.background = background;
            this.deadline = System.nanoTime() + config.fuzz().timeBudget().toNanos();
        }

        private boolean budgetLeft() {
            return System.nanoTime() < deadline;
        }

        void execute(long first, int count, boolean raw) throws InterruptedException {
            if (count > 0 && endpoints.stream().anyMatch(Endpoint::authenticated)) {
                if (config.auth().hasTokenSource()) {
                    TokenProvider.Result result = TokenProvider.obtain(config, credentials, client, report.mask());
                    token = result.token();
                    if (!result.problem().isEmpty()) {
                        report.note("no valid token (" + result.problem() + "): authenticated endpoints are fuzzed "
                                + "without it and mostly reach the authentication layer only");
                    }
                } else {
                    report.note("no token source configured: endpoints are fuzzed without credentials");
                }
            }
            if (config.fuzz().endpoints().isEmpty() && count > 0) {
                report.note("no fuzz.endpoints or auth.protectedEndpoints configured: mutating GET "
                        + config.target().basePath() + "/");
            }
            List<Future<?>> partials = new ArrayList<>();
            List<MalformedRequest> catalogue = raw
                    ? MalformedRequest.catalogue(config.target().hostHeader(), rawPath()) : List.of();
            for (MalformedRequest request : catalogue) {
                if (request.kind() == MalformedRequest.Kind.PARTIAL) {
                    // these wait for the server to give up: run them alongside everything else
                    partials.add(background.submit(() -> malformed(request)));
                }
            }
            long done = 0;
            for (long i = first; i < first + count; i++) {
                if (!budgetLeft()) {
                    report.incomplete("time budget of " + config.fuzz().timeBudget().toSeconds() + " s used up after "
                            + done + " of " + count + " iterations");
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                mutation(generate(i));
                done++;
            }
            int rawDone = 0;
            for (MalformedRequest request : catalogue) {
                if (request.kind() == MalformedRequest.Kind.PARTIAL) {
                    continue;
                }
                if (!budgetLeft()) {
                    report.incomplete("time budget used up before all malformed requests were sent");
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                malformed(request);
                rawDone++;
            }
            for (Future<?> partial : partials) {
                try {
                    partial.get(config.fuzz().partialRequestTimeout().toMillis() + config.fuzz().requestTimeout()
                            .toMillis() + 2_000, TimeUnit.MILLISECONDS);
                    rawDone++;
                } catch (ExecutionException | TimeoutException e) {
                    partial.cancel(true);
                    report.note("a partial-request probe did not finish: " + TargetClient.describe(e));
                }
            }
            emit();
            report.measure(M_ITERATIONS, done);
            report.measure(M_RAW_CASES, rawDone);
            synchronized (this) {
                report.measure(M_REQUESTS, requests);
                report.measure(M_SERVER_ERRORS, serverErrors);
                report.measure(M_HANGS, hangs);
                report.measure(M_LEAKS, leaks);
                report.measure(M_REJECTED, rejected);
                report.measure(M_CLOSED, closed);
                report.measure(M_ACCEPTED, accepted);
                report.measure(M_SMUGGLING, smuggling);
                report.measure(M_UNSENDABLE, unsendable);
                report.measure(M_TRANSIENT, transientTimeouts);
            }
        }

        private void mutation(Generated generated) throws InterruptedException {
            FuzzInput input = generated.input();
            PreparedRequest request = new PreparedRequest(input.method(), input.pathAndQuery(), input.headers(),
                    input.body());
            if (generated.endpoint().authenticated() && token.isPresent()) {
                request = request.withToken(config.auth().sendAs(), token.get());
            }
            Duration timeout = config.fuzz().requestTimeout();
            TargetResponse response = count(client.send(request, timeout));
            if (response.failure() == TargetResponse.Failure.ERROR && response.detail().startsWith(
                    "request not sendable")) {
                synchronized (this) {
                    unsendable++;
                }
                return;
            }
            if (response.failure() == TargetResponse.Failure.TIMEOUT) {
                TargetResponse again = count(client.send(request, timeout));
                if (again.failure() != TargetResponse.Failure.TIMEOUT) {
                    synchronized (this) {
                        transientTimeouts++;
                    }
                    report.note(fragmentMask(input, report.mask()).apply("iteration " + input.iteration() + " ("
                            + input.mutation() + "): no answer within "
                            + Duration.ofMillis(timeout.toMillis()).toSeconds() + " s once, answered "
                            + again.outcome() + " when replayed; not counted as a hang"));
                    response = again;
                }
            }
            String where = input.mutation() + " on " + input.endpoint();
            Evidence evidence = new Evidence("seed " + input.seed() + ", iteration " + input.iteration()
                    + ", mutation " + input.mutation() + " → ", "; input: " + input.describe()
                    + "; replay: fuzz.seed " + input.seed() + " and Fuzzer.replay(" + input.iteration() + ")",
                    input.secrets().isEmpty() ? null : fragmentMask(input, report.mask()));
            judge(response, SERVER_ERROR + "|" + where, LEAK + "|" + where, HANG + "|" + where, where, evidence,
                    false, Severity.HIGH, false, java.util.Set.of());
        }

        /**
         * The report's mask plus the input's runs of secret bytes as they are after the mutation, for text the
         * target sends back (an error page that repeats the input, an exception naming the path).
         */
        private SecretMask fragmentMask(FuzzInput input, SecretMask base) {
            if (input.secrets().isEmpty()) {
                return base;
            }
            SecretMask mask = base.copy();
            input.secretFragments().forEach(mask::addSecret);
            return mask;
        }

        private void malformed(MalformedRequest request) {
            Duration timeout = request.kind() == MalformedRequest.Kind.PARTIAL
                    ? config.fuzz().partialRequestTimeout() : config.fuzz().requestTimeout();
            RawExchange.Result result = RawExchange.send(client, request, timeout, watchdog);
            count(result.response());
            if (result.response().failure() == TargetResponse.Failure.TIMEOUT
                    && request.kind() != MalformedRequest.Kind.PARTIAL) {
                RawExchange.Result again = RawExchange.send(client, request, timeout, watchdog);
                count(again.response());
                if (again.response().failure() != TargetResponse.Failure.TIMEOUT) {
                    synchronized (this) {
                        transientTimeouts++;
                    }
                    report.note("malformed request " + request.name() + ": no answer once, answered "
                            + again.response().outcome() + " when repeated; not counted as a hang");
                    result = again;
                }
            }
            if (result.response().failure() == TargetResponse.Failure.CONNECT) {
                report.note("malformed request " + request.name() + ": " + result.response().outcome());
                return;
            }
            String where = "malformed request " + request.name();
            Evidence evidence = new Evidence(where + " (" + request.description() + ") → ",
                    "; sent: " + request.describeBytes());
            boolean partial = request.kind() == MalformedRequest.Kind.PARTIAL;
            judge(result.response(), SERVER_ERROR + "|" + request.name(), LEAK + "|" + request.name(),
                    HANG + "|" + request.name(), where, evidence, request.mustReject(),
                    partial ? Severity.MEDIUM : Severity.HIGH, partial, request.allowed5xx());
            if (result.keptOpen()) {
                synchronized (this) {
                    smuggling++;
                }
                record(SMUGGLING + "|" + request.name(), SMUGGLING, Severity.MEDIUM,
                        "connection kept open after a request with both Content-Length and Transfer-Encoding",
                        evidence.with(result.response().outcome()
                                + ", and the same connection then answered a second request"),
                        "Reject requests that carry both Content-Length and Transfer-Encoding (400), or process them "
                                + "as chunked and close the connection afterwards (RFC 9112 §6.1); front proxies "
                                + "and back ends that disagree on message boundaries enable request smuggling.");
            }
        }

        private synchronized TargetResponse count(TargetResponse response) {
            requests++;
            return response;
        }

        private void judge(TargetResponse response, String errorKey, String leakKey, String hangKey, String where,
                           Evidence evidence, boolean mustReject, Severity hangSeverity, boolean partial,
                           java.util.Set<Integer> allowed5xx) {
            if (response.failure() == TargetResponse.Failure.TIMEOUT) {
                synchronized (this) {
                    hangs++;
                }
                Duration limit = partial ? config.fuzz().partialRequestTimeout() : config.fuzz().requestTimeout();
                record(hangKey, HANG, hangSeverity, partial
                                ? "server held an incomplete request open past " + limit.toSeconds() + " s (" + where
                                + ")" : "no answer within " + limit.toMillis() + " ms (" + where + ")",
                        evidence.with("no answer and no close within " + limit.toMillis() + " ms"
                                + (partial ? "" : ", also when sent again")),
                        partial ? "Limit the time a client may take to send headers and body (e.g. nginx "
                                + "client_header_timeout/client_body_timeout, Apache mod_reqtimeout, Tomcat "
                                + "connectionTimeout) and close the connection with 408."
                                : "Bound every request's processing time and answer malformed input with 400 "
                                + "immediately; a request that hangs ties up a worker (denial of service).");
                return;
            }
            if (!response.answered()) {
                synchronized (this) {
                    closed++;
                }
                return;
            }
            int status = response.status();
            // masked before the excerpt is cut: an excerpt could cut a mutated secret in two
            Optional<LeakDetector.Leak> leak = LeakDetector.scan(evidence.mask(response.body()));
            if (status >= 500 && !allowed5xx.contains(status)) {
                synchronized (this) {
                    serverErrors++;
                }
                record(errorKey, SERVER_ERROR, Severity.HIGH, "server error " + status + " (" + where + ")",
                        evidence.with(String.valueOf(status)),
                        "Validate input before using it and answer invalid input with a 4xx; a 5xx shows an "
                                + "unhandled failure path (Schemathesis not_a_server_error).");
            } else if (status >= 400) {
                synchronized (this) {
                    rejected++;
                }
            } else {
                synchronized (this) {
                    accepted++;
                }
                if (mustReject) {
                    record(ACCEPTED + "|" + where, ACCEPTED, Severity.LOW, "invalid HTTP accepted with " + status
                                    + " (" + where + ")", evidence.with(String.valueOf(status)),
                            "Reject syntactically invalid requests with 400 (RFC 9112); lenient parsing lets a "
                                    + "proxy and this server see different requests.");
                }
            }
            if (leak.isPresent()) {
                synchronized (this) {
                    leaks++;
                }
                record(leakKey, LEAK, Severity.MEDIUM, leak.get().technology() + " "
                                + (leak.get().kind() == LeakDetector.Kind.STACK_TRACE ? "stack trace" : "error page")
                                + " in the answer to hostile input (" + where + ")",
                        evidence.with(status + " with " + leak.get().excerpt()),
                        "Return a generic error body and log the details on the server (CWE-209).");
            }
        }

        private synchronized void record(String key, String id, Severity severity, String title, String evidence,
                                         String remediation) {
            Failure existing = failures.get(key);
            if (existing != null) {
                existing.count++;
                return;
            }
            if (failures.size() >= MAX_FINDINGS) {
                dropped++;
                return;
            }
            failures.put(key, new Failure(id, severity, title, evidence, remediation));
        }

        private synchronized void emit() {
            for (Failure failure : failures.values()) {
                String evidence = failure.count > 1 ? failure.evidence + " (first of " + failure.count
                        + " occurrences)" : failure.evidence;
                report.finding(failure.id, failure.severity, failure.title, evidence, failure.remediation);
            }
            if (dropped > 0) {
                report.note(dropped + " more distinct failures not listed (limit " + MAX_FINDINGS
                        + "); see the measurements");
            }
        }
    }
}
