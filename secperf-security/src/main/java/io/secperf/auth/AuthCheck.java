package io.secperf.auth;

import io.secperf.result.Severity;
import io.secperf.security.Cookies;
import io.secperf.security.Credentials;
import io.secperf.security.LeakDetector;
import io.secperf.security.PreparedRequest;
import io.secperf.security.SecretMask;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfig.AuthPart;
import io.secperf.security.SecurityConfig.Endpoint;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityReport;
import io.secperf.security.TargetClient;
import io.secperf.security.TargetResponse;
import io.secperf.security.TokenProvider;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authentication preflight: every protected endpoint must refuse requests without credentials, with invalid
 * credentials and with forged tokens ({@link TokenForgery}); failed logins must hit a limit (optional); and every
 * response seen on the way is checked for cookie flags, security headers, leaks and tokens in URLs. Criteria and
 * sources (OWASP API Security Top 10 2023, ZAP passive rules, RFC 6750/9110) are in docs/security-checks.md.
 *
 * <p>Bounded: at most (endpoints × 12) + lockout attempts + a few extra requests, each with the target's request
 * timeout. Interruptible: an interrupted thread gets the report so far, marked incomplete.
 */
public final class AuthCheck {

    /** A protected endpoint (or the login) accepted a request it must refuse. */
    public static final String BYPASS = "AUTH-BYPASS";
    /** Refused, but with a status other than 401/403. */
    public static final String STATUS = "AUTH-STATUS";
    /** A server error or no answer to a request with bad credentials. */
    public static final String ERROR = "AUTH-ERROR";
    /** 401 without WWW-Authenticate. */
    public static final String CHALLENGE = "AUTH-CHALLENGE";
    /** Failed logins never hit a limit. */
    public static final String BRUTE = "AUTH-BRUTE";
    /** Credentials or tokens in URLs. */
    public static final String URL = "AUTH-URL";
    /** The login's HMAC-signed JWT verifies with a well-known weak secret. */
    public static final String JWT_WEAK_KEY = "JWT-WEAK-KEY";
    /** A credential secperf sent (token, password) came back in a response body or header. */
    public static final String ECHO = "AUTH-ECHO";
    public static final String COOKIE_SECURE = "COOKIE-SECURE";
    public static final String COOKIE_HTTPONLY = "COOKIE-HTTPONLY";
    public static final String COOKIE_SAMESITE = "COOKIE-SAMESITE";
    public static final String HEADER_HSTS = "HDR-HSTS";
    public static final String HEADER_NOSNIFF = "HDR-XCTO";
    public static final String HEADER_FRAME = "HDR-FRAME";
    public static final String HEADER_CSP = "HDR-CSP";
    public static final String LEAK_STACK_TRACE = "LEAK-STACKTRACE";
    public static final String LEAK_ERROR_PAGE = "LEAK-ERRORPAGE";
    public static final String LEAK_VERSION = "LEAK-VERSION";

    /** Measurement: requests accepted that had to be refused (gate metric {@code auth.bypass}). */
    public static final String M_BYPASS = "auth.bypass";
    public static final String M_REQUESTS = "auth.requests";
    public static final String M_PROBES = "auth.probes";
    public static final String M_REJECTED = "auth.rejected";
    public static final String M_UNEXPECTED = "auth.unexpectedStatus";
    public static final String M_ERRORS = "auth.errors";
    public static final String M_TOKEN = "auth.tokenAvailable";
    public static final String M_LOCKOUT_LIMITED = "auth.lockout.limited";
    public static final String M_LOCKOUT_ATTEMPTS = "auth.lockout.attempts";
    public static final String M_COOKIE_ISSUES = "auth.cookieIssues";
    public static final String M_HEADER_ISSUES = "auth.headerIssues";
    public static final String M_LEAKS = "auth.leaks";
    public static final String M_TOKEN_IN_URL = "auth.tokenInUrl";
    /** Measurement: 1 when the login's token verifies with a listed weak secret, 0 when tested and not, absent otherwise. */
    public static final String M_WEAK_KEY = "auth.jwt.weakKey";
    /** Measurement: responses that echoed a credential secperf sent. */
    public static final String M_ECHO = "auth.credentialEcho";
    /** Measurement: protected endpoints the token-in-URL probe went to. */
    public static final String M_TOKEN_IN_URL_PROBED = "auth.tokenInUrl.probed";
    /** Forged-with-a-weak-key probes go to at most this many endpoints that accept the valid token. */
    static final int WEAK_KEY_DEMONSTRATIONS = 3;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|secret|key|token).*");
    /** Credentials shorter than this are not searched for in responses (too many accidental matches). */
    private static final int MIN_ECHO_LENGTH = 6;

    /** HSTS shorter than this is reported (testssl.sh warns below 180 days). */
    static final long MIN_HSTS_SECONDS = 180L * 24 * 3600;
    private static final int LISTED = 5;
    private static final Pattern SENSITIVE_PARAM = Pattern.compile(
            "(?i)(?:^|[?&])(access_?token|id_?token|refresh_?token|token|api_?key|apikey|password|passwd|pwd|secret|"
                    + "session_?id|sessionid|sid|jwt|auth)=");
    private static final Pattern URL_WITH_TOKEN = Pattern.compile(
            "(?i)https?://[^\\s\"'<>]{1,500}[?&#](?:access_token|id_token|token|api_key|apikey|password)=");
    private static final Pattern HSTS_MAX_AGE = Pattern.compile("(?i)max-age\\s*=\\s*\"?(\\d{1,12})");

    private final SecurityConfig config;
    private final Credentials credentials;
    private final Optional<byte[]> publicKey;
    private final WeakJwtSecrets weakSecrets;

    /**
     * @throws SecurityConfigException when a file the configuration names (CA file, JWT public key) is unusable
     */
    public AuthCheck(SecurityConfig config, Credentials credentials) throws SecurityConfigException {
        this.config = config;
        this.credentials = credentials;
        TargetClient.validate(config.target());
        Optional<Path> keyFile = config.auth().jwtPublicKeyFile();
        if (keyFile.isPresent()) {
            try {
                this.publicKey = Optional.of(Files.readAllBytes(keyFile.get()));
            } catch (IOException e) {
                throw new SecurityConfigException(keyFile.get().toString(), "auth.jwtPublicKeyFile: cannot read ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            this.publicKey = Optional.empty();
        }
        Optional<Path> extra = config.auth().jwt().weakSecretsFile();
        try {
            this.weakSecrets = WeakJwtSecrets.load(extra, SecurityConfig.Limits.MAX_EXTRA_WEAK_SECRETS);
        } catch (IOException e) {
            throw new SecurityConfigException(extra.map(Path::toString).orElse("auth.jwt"),
                    "auth.jwt.weakSecretsFile: cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One response the check received, with what was sent (masked label). */
    private record Seen(String label, TargetResponse response) {
    }

    /** The outcome of one probe of an endpoint. */
    private record Probe(Endpoint endpoint, String variant, String description, TargetResponse response) {
    }

    /** Runs the check. Never throws for target problems; they become findings or notes. */
    public SecurityReport run() {
        SecretMask mask = credentials.newMask();
        SecurityReport.Builder report = new SecurityReport.Builder("auth", config.target().url().toString(), mask);
        try (TargetClient client = new TargetClient(config.target())) {
            new Run(client, report).execute();
        } catch (SecurityConfigException e) {
            report.incomplete("cannot connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.incomplete("interrupted");
        }
        return report.build();
    }

    /** State of one run. */
    private final class Run {
        private final TargetClient client;
        private final SecurityReport.Builder report;
        private final SecretMask mask;
        private final List<Seen> seen = new ArrayList<>();
        private final List<Probe> probes = new ArrayList<>();
        private final Set<String> challengeMissing = new LinkedHashSet<>();
        private final Map<String, Integer> anonymousStatus = new LinkedHashMap<>();
        private Optional<String> token = Optional.empty();
        /** The weak secret the login's token verifies with, when one was found. */
        private Optional<String> weakKey = Optional.empty();
        /** Validly signed probes (weak or test key): expired, other subject, elevated role. */
        private List<TokenForgery.Forged> signed = List.of();
        /** The expired-token probe, when one could be made (signed, configured, or the token itself after waiting). */
        private Optional<TokenForgery.Forged> expired = Optional.empty();
        /** When set, wait for the token's exp to pass and probe with the token itself at the end. */
        private Optional<Instant> waitUntil = Optional.empty();
        /** Endpoints that answered the valid token with 2xx, for the weak-key demonstration. */
        private final List<Endpoint> acceptedValid = new ArrayList<>();
        private int requests;

        Run(TargetClient client, SecurityReport.Builder report) {
            this.client = client;
            this.report = report;
            this.mask = report.mask();
        }

        void execute() throws InterruptedException {
            SecurityConfig.Auth auth = config.auth();
            for (AuthPart part : auth.skip()) {
                report.note("skipped by configuration: " + part.key());
            }
            if (auth.hasTokenSource()) {
                TokenProvider.Result result = TokenProvider.obtain(config, credentials, client, mask);
                if (auth.login().isPresent()) {
                    requests++;
                }
                result.loginResponse().ifPresent(r -> seen.add(new Seen(auth.login().get().request().label()
                        + " (login)", r)));
                token = result.token();
                if (!result.problem().isEmpty()) {
                    report.incomplete("no valid token: " + result.problem() + "; the token-based probes (valid "
                            + "token, forged and expired tokens, weak JWT key, token in URL, credential echo) did not "
                            + "run");
                }
            } else if (auth.runs(AuthPart.JWT)) {
                report.incomplete("no token source configured (auth.token or auth.login): the token-based probes "
                        + "did not run (skip them on purpose with auth.skip: [jwt])");
            } else {
                report.note("no token source configured and jwt skipped: only requests without or with a random "
                        + "token were tried");
            }
            report.measure(M_TOKEN, token.isPresent() ? 1 : 0);
            if (token.isPresent() && auth.runs(AuthPart.JWT)) {
                prepareJwtProbes(auth);
            }
            if (auth.protectedEndpoints().isEmpty()) {
                report.note("no auth.protectedEndpoints configured: only the target's base path is checked");
            }
            String root = config.target().basePath() + "/";
            seen.add(new Seen("GET " + root, send(new PreparedRequest("GET", root, config.target().headers(),
                    new byte[0]))));
            for (Endpoint endpoint : auth.protectedEndpoints()) {
                probeEndpoint(endpoint);
            }
            if (waitUntil.isPresent()) {
                waitForExpiry();
            }
            judgeProbes();
            if (weakKey.isPresent()) {
                weakKeyFinding();
            }
            if (auth.lockout().isPresent()) {
                if (auth.runs(AuthPart.LOCKOUT)) {
                    lockout(auth.lockout().get());
                }
            } else if (auth.login().isPresent() && auth.runs(AuthPart.LOCKOUT)) {
                report.note("lockout check not configured (auth.lockout): brute-force protection not tested");
            }
            if (auth.runs(AuthPart.TOKEN_IN_URL)) {
                tokenInUrl();
            }
            if (auth.runs(AuthPart.COOKIES)) {
                cookies();
            }
            if (auth.runs(AuthPart.HEADERS)) {
                headers();
            }
            if (auth.runs(AuthPart.LEAKS)) {
                leaks();
                credentialEcho();
            }
            report.measure(M_REQUESTS, requests);
        }

        /**
         * The weak-key test (offline) and the probes that need a valid signature: with a known key (weak, or the
         * configured test key) a genuinely expired token and, for a weak key, tokens for another subject and an
         * elevated role; without one, a configured expired token or the login's own token after its exp passed,
         * when that is at most auth.jwt.maxWait away. What could not be done is a note.
         */
        private void prepareJwtProbes(SecurityConfig.Auth auth) {
            String valid = token.get();
            if (!TokenForgery.isJwt(valid)) {
                return;
            }
            String alg = TokenForgery.header(valid).map(h -> h.path("alg").asText()).orElse("?");
            boolean hmac = WeakJwtSecrets.macAlgorithm(alg).isPresent();
            if (hmac) {
                weakKey = weakSecrets.find(valid);
                report.measure(M_WEAK_KEY, weakKey.isPresent() ? 1 : 0);
            } else {
                report.note("weak JWT key test not applicable: the token is signed " + alg + " (not HMAC)");
            }
            Optional<String> testKey = auth.jwt().testKey().flatMap(credentials::value);
            Instant now = Instant.now();
            if (weakKey.isPresent()) {
                signed = TokenForgery.signedVariants(valid, weakKey.get().getBytes(StandardCharsets.UTF_8),
                        "the weak key", now);
            } else if (testKey.isPresent() && hmac) {
                signed = TokenForgery.signedVariants(valid, testKey.get().getBytes(StandardCharsets.UTF_8),
                        "the test key (auth.jwt.testKey)", now).stream()
                        .filter(f -> f.variant().equals(TokenForgery.EXPIRED)).toList();
            } else if (testKey.isPresent()) {
                report.note("auth.jwt.testKey ignored: the token is signed " + alg + ", the test key is for HMAC");
            }
            signed.forEach(f -> mask.addToken(f.token()));
            expired = signed.stream().filter(f -> f.variant().equals(TokenForgery.EXPIRED)).findFirst();
            if (expired.isPresent()) {
                return;
            }
            Optional<String> configured = auth.jwt().expiredToken().flatMap(credentials::value);
            if (configured.isPresent()) {
                mask.addToken(configured.get());
                Optional<Instant> exp = TokenForgery.expiry(configured.get());
                if (exp.isPresent() && exp.get().isBefore(now)) {
                    expired = Optional.of(new TokenForgery.Forged(TokenForgery.EXPIRED, "the configured expired "
                            + "token (auth.jwt.expiredToken, exp " + exp.get() + ")", configured.get()));
                } else {
                    report.note("expired-token probe not run: the token of auth.jwt.expiredToken "
                            + (exp.isPresent() ? "expires only at " + exp.get() : "has no exp claim"));
                }
                return;
            }
            Optional<Instant> exp = TokenForgery.expiry(valid);
            Duration maxWait = auth.jwt().maxWait();
            if (exp.isPresent() && !maxWait.isZero() && Duration.between(now, exp.get()).compareTo(maxWait) <= 0) {
                waitUntil = exp;
                return;
            }
            report.note("expired-token probe not run: no key to sign an expired token (the token's key is not on the "
                    + "weak-secret list" + (hmac ? "" : " test") + ", no auth.jwt.testKey), no auth.jwt.expiredToken, "
                    + "and the token's exp is " + exp.map(e -> Duration.between(now, e).toSeconds() + " s away")
                    .orElse("absent") + " (auth.jwt.maxWait " + maxWait.toSeconds() + " s): only '"
                    + TokenForgery.EXPIRED_UNSIGNED + "' ran, which proves the signature covers exp, not that an "
                    + "expired token is refused");
        }

        /** Waits out the login's token and sends it, now expired, to every endpoint. */
        private void waitForExpiry() throws InterruptedException {
            long millis = Duration.between(Instant.now(), waitUntil.get()).toMillis() + 1500;
            if (millis > 0) {
                Thread.sleep(millis);
            }
            TokenForgery.Forged itself = new TokenForgery.Forged(TokenForgery.EXPIRED, "the login's own token after "
                    + "its exp passed (waited " + Math.max(0, millis / 1000) + " s)", token.get());
            for (Endpoint endpoint : config.auth().protectedEndpoints()) {
                PreparedRequest anonymous = PreparedRequest.anonymous(config, endpoint, credentials);
                TargetResponse response = send(anonymous.withToken(config.auth().sendAs(), itself.token()));
                seen.add(new Seen(endpoint.label() + " (" + itself.variant() + ")", response));
                probes.add(new Probe(endpoint, itself.variant(), itself.description(), response));
            }
        }

        private void weakKeyFinding() throws InterruptedException {
            List<String> demonstrated = new ArrayList<>();
            int accepted = 0;
            List<TokenForgery.Forged> forged = signed.stream().filter(f -> !f.variant().equals(TokenForgery.EXPIRED))
                    .toList();
            for (Endpoint endpoint : acceptedValid.subList(0, Math.min(acceptedValid.size(),
                    WEAK_KEY_DEMONSTRATIONS))) {
                PreparedRequest anonymous = PreparedRequest.anonymous(config, endpoint, credentials);
                for (TokenForgery.Forged f : forged) {
                    TargetResponse response = send(anonymous.withToken(config.auth().sendAs(), f.token()));
                    seen.add(new Seen(endpoint.label() + " (" + f.variant() + ")", response));
                    boolean ok = response.answered() && response.status() >= 200 && response.status() <= 299;
                    accepted += ok ? 1 : 0;
                    demonstrated.add(endpoint.label() + " " + f.variant() + " → " + response.outcome());
                }
            }
            report.add(M_BYPASS, accepted);
            String alg = TokenForgery.header(token.get()).map(h -> h.path("alg").asText()).orElse("?");
            String login = config.auth().login().map(l -> "the token of " + l.request().label())
                    .orElse("the token of auth.token");
            report.finding(JWT_WEAK_KEY, Severity.CRITICAL, alg + " tokens are signed with a well-known weak key",
                    login + " verifies with the key " + WeakJwtSecrets.masked(weakKey.get()) + ", found offline "
                            + "among " + weakSecrets.size() + " weak secrets; anyone can sign tokens with it"
                            + (demonstrated.isEmpty() ? "" : "; forged with it: " + String.join(", ", demonstrated)),
                    "Sign tokens with a random key of at least 256 bits kept in a secret store (RFC 7518 §3.2, "
                            + "RFC 8725 §3.5), or with an asymmetric key; replace the key now: every token signed "
                            + "with it can be forged.");
        }

        /**
         * The credentials secperf sent (the valid token, and credentials whose names say they are secrets) coming
         * back in a response's body or headers. The login response may carry the token (that is where it comes
         * from), not the password.
         */
        private void credentialEcho() {
            Map<String, String> sent = new LinkedHashMap<>();
            token.ifPresent(t -> sent.put(config.auth().login().isPresent() ? "the session token"
                    : "the token (auth.token)", t));
            config.auth().lockout().ifPresent(l -> credentials.value(l.wrongCredential())
                    .ifPresent(v -> sent.putIfAbsent("credential '" + l.wrongCredential() + "'", v)));
            for (String name : config.credentials().keySet()) {
                if (SECRET_NAME.matcher(name).matches() && !config.auth().jwt().expiredToken().equals(
                        Optional.of(name))) {
                    credentials.value(name).ifPresent(v -> sent.putIfAbsent("credential '" + name + "'", v));
                }
            }
            sent.values().removeIf(v -> v.length() < MIN_ECHO_LENGTH);
            Set<String> values = new LinkedHashSet<>();
            sent.values().removeIf(v -> !values.add(v)); // auth.token's credential is the token: report it once
            Map<String, String> echoes = new LinkedHashMap<>();
            for (Seen s : seen) {
                boolean login = s.label().endsWith("(login)");
                TargetResponse r = s.response();
                for (Map.Entry<String, String> credential : sent.entrySet()) {
                    boolean isToken = token.isPresent() && credential.getValue().equals(token.get());
                    if (login && isToken) {
                        continue;
                    }
                    String where = null;
                    if (r.body().contains(credential.getValue())) {
                        where = "body";
                    } else {
                        for (Map.Entry<String, List<String>> header : r.headers().entrySet()) {
                            if (isToken && header.getKey().equals("set-cookie") || header.getKey().equals("location")) {
                                continue; // (re)issuing the session cookie is how sessions work; a token in a
                                          // Location URL is AUTH-URL's finding
                            }
                            if (header.getValue().stream().anyMatch(v -> v.contains(credential.getValue()))) {
                                where = "header " + header.getKey();
                                break;
                            }
                        }
                    }
                    if (where != null) {
                        echoes.putIfAbsent(credential.getKey() + " in the " + where, s.label() + " → "
                                + r.status() + ": " + credential.getKey() + " (" + (isToken
                                ? SecretMask.describeToken(credential.getValue())
                                : SecretMask.describeSecret(credential.getValue())) + ") came back in the " + where);
                    }
                }
            }
            echoes.forEach((what, evidence) -> report.finding(ECHO, Severity.MEDIUM, "a response echoes " + what,
                    evidence, "Never reflect credentials: responses, error pages and debug endpoints must not "
                            + "repeat the Authorization header, session tokens or passwords (they end up in caches, "
                            + "logs and browser history; CWE-200, CWE-522)."));
            report.measure(M_ECHO, echoes.size());
        }

        private TargetResponse send(PreparedRequest request) throws InterruptedException {
            requests++;
            return client.send(request, config.target().requestTimeout());
        }

        private void probeEndpoint(Endpoint endpoint) throws InterruptedException {
            SecurityConfig.Auth auth = config.auth();
            String label = endpoint.label();
            if (token.isPresent()) {
                TargetResponse valid = send(PreparedRequest.of(config, endpoint, credentials, token));
                seen.add(new Seen(label + " (valid token)", valid));
                if (valid.answered() && valid.status() >= 200 && valid.status() <= 299) {
                    acceptedValid.add(endpoint);
                }
                if (!valid.answered() || valid.status() >= 300) {
                    report.note(label + " answered " + valid.outcome() + " with the valid token: results of the "
                            + "forged-token probes for it show only that it refuses, not why");
                }
            }
            PreparedRequest anonymous = PreparedRequest.anonymous(config, endpoint, credentials);
            if (auth.runs(AuthPart.CREDENTIALS)) {
                TargetResponse none = send(anonymous);
                seen.add(new Seen(label + " (no credentials)", none));
                anonymousStatus.put(label, none.status());
                probes.add(new Probe(endpoint, "no-credentials", "no credentials", none));
                String fake = token.map(t -> TokenForgery.randomLike(t, label.hashCode()))
                        .orElse("secperf-invalid-" + TokenForgery.randomLike("0123456789abcdef0123456789",
                                label.hashCode()));
                mask.addToken(fake);
                TargetResponse invalid = send(anonymous.withToken(auth.sendAs(), fake));
                seen.add(new Seen(label + " (invalid token)", invalid));
                probes.add(new Probe(endpoint, "invalid-token", "a random token of the valid token's shape",
                        invalid));
            }
            if (auth.runs(AuthPart.JWT) && token.isPresent()) {
                List<TokenForgery.Forged> variants = TokenForgery.isJwt(token.get())
                        ? TokenForgery.jwtVariants(token.get(), publicKey, Instant.now())
                        : TokenForgery.opaqueVariants(token.get());
                if (expired.isPresent()) {
                    variants = new ArrayList<>(variants);
                    variants.add(expired.get());
                }
                for (TokenForgery.Forged forged : variants) {
                    mask.addToken(forged.token());
                    TargetResponse response = send(anonymous.withToken(auth.sendAs(), forged.token()));
                    seen.add(new Seen(label + " (" + forged.variant() + ")", response));
                    probes.add(new Probe(endpoint, forged.variant(), forged.description(), response));
                }
            }
            if (auth.runs(AuthPart.LEAKS) && endpoint.body().isPresent()) {
                // a cut-off body provokes the parser's error path, where stack traces usually escape
                PreparedRequest valid = PreparedRequest.of(config, endpoint, credentials, token);
                byte[] body = valid.body();
                byte[] broken = java.util.Arrays.copyOf(body, Math.max(1, body.length / 2));
                if (body.length == 0) {
                    broken = "{".getBytes(StandardCharsets.US_ASCII);
                }
                TargetResponse response = send(valid.withBody(broken));
                seen.add(new Seen(label + " (malformed body)", response));
            }
        }

        private void judgeProbes() {
            int bypass = 0;
            int rejected = 0;
            int unexpected = 0;
            int errors = 0;
            Set<String> anonymousBypassed = new LinkedHashSet<>();
            Map<String, List<String>> otherStatuses = new LinkedHashMap<>();
            for (Probe probe : probes) {
                TargetResponse response = probe.response();
                String label = probe.endpoint().label();
                if (!response.answered()) {
                    errors++;
                    report.finding(ERROR, Severity.MEDIUM, label + " did not answer a request with "
                                    + probe.description(),
                            "request " + label + " with " + probe.description() + " → " + response.outcome(),
                            "Bad credentials must get a fast 401/403, never a hang or a dropped connection.");
                    continue;
                }
                int status = response.status();
                if (status >= 200 && status <= 299) {
                    bypass++;
                    if (probe.variant().equals("no-credentials")) {
                        anonymousBypassed.add(label);
                    }
                    if (anonymousBypassed.contains(label) && !probe.variant().equals("no-credentials")) {
                        continue;
                    }
                    report.finding(BYPASS, Severity.CRITICAL, label + " accepted a request with "
                                    + probe.description() + " (" + status + ")",
                            "request " + label + " with " + probe.description() + " → " + status + " (body "
                                    + response.bodyBytes() + " bytes)" + (probe.variant().equals("no-credentials")
                                    ? "; forged-token probes of this endpoint are not listed separately" : ""),
                            remediation(probe.variant()));
                } else if (status == 401 || status == 403) {
                    rejected++;
                    if (status == 401 && response.header("WWW-Authenticate").isEmpty()) {
                        challengeMissing.add(label);
                    }
                } else if (status >= 500) {
                    errors++;
                    report.finding(ERROR, Severity.MEDIUM, label + " failed with " + status + " on a request with "
                                    + probe.description(),
                            "request " + label + " with " + probe.description() + " → " + status,
                            "Handle missing and malformed credentials before any other processing and answer 401.");
                } else {
                    unexpected++;
                    otherStatuses.computeIfAbsent(label, k -> new ArrayList<>())
                            .add(probe.variant() + " → " + status);
                }
            }
            otherStatuses.forEach((label, list) -> report.finding(STATUS, Severity.INFO,
                    label + " refused bad credentials with a status other than 401/403",
                    String.join(", ", list.subList(0, Math.min(list.size(), 12)))
                            + (list.size() > 12 ? " … (" + list.size() + " in all)" : ""),
                    "Answer 401 (missing or invalid credentials) or 403 (not allowed), so clients and monitoring "
                            + "can tell authentication failures from other errors."));
            if (!challengeMissing.isEmpty()) {
                report.finding(CHALLENGE, Severity.LOW, "401 responses without WWW-Authenticate",
                        "on " + listed(new ArrayList<>(challengeMissing)),
                        "RFC 9110 §15.5.2: a 401 response must carry a WWW-Authenticate challenge (e.g. "
                                + "'Bearer realm=\"api\"', RFC 6750 §3).");
            }
            report.measure(M_BYPASS, bypass);
            report.measure(M_PROBES, probes.size());
            report.measure(M_REJECTED, rejected);
            report.measure(M_UNEXPECTED, unexpected);
            report.measure(M_ERRORS, errors);
        }

        private void lockout(SecurityConfig.Lockout lockout) throws InterruptedException {
            SecurityConfig.Login login = config.auth().login().orElseThrow();
            String label = login.request().label();
            Map<Integer, Integer> statuses = new TreeMap<>();
            int sent = 0;
            boolean limited = false;
            boolean acceptedWrong = false;
            long start = System.nanoTime();
            for (int attempt = 1; attempt <= lockout.attempts() + 1; attempt++) {
                String wrong = "secperf-wrong-" + TokenForgery.randomLike("0123456789ab", start + attempt);
                PreparedRequest request = PreparedRequest.of(config, login.request(), credentials, Optional.empty(),
                        Map.of(lockout.wrongCredential(), wrong));
                TargetResponse response = send(request);
                sent++;
                statuses.merge(response.status(), 1, Integer::sum);
                if (attempt == 1) {
                    seen.add(new Seen(label + " (wrong " + lockout.wrongCredential() + ")", response));
                }
                if (response.answered() && response.status() >= 200 && response.status() <= 299) {
                    acceptedWrong = true;
                    report.add(M_BYPASS, 1);
                    report.finding(BYPASS, Severity.CRITICAL, "login " + label + " accepted a wrong "
                                    + lockout.wrongCredential() + " (" + response.status() + ")",
                            "attempt " + attempt + ": " + label + " with a wrong " + lockout.wrongCredential()
                                    + " → " + response.status(),
                            "Verify the credentials on every login; answer 401 on failure.");
                    break;
                }
                if (lockout.expectStatus().contains(response.status())
                        || (response.status() >= 400 && response.header("Retry-After").isPresent())) {
                    limited = true;
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.measure(M_LOCKOUT_LIMITED, limited ? 1 : 0);
            report.measure(M_LOCKOUT_ATTEMPTS, sent);
            if (!limited && !acceptedWrong) {
                StringBuilder distribution = new StringBuilder();
                statuses.forEach((status, count) -> distribution.append(distribution.length() == 0 ? "" : ", ")
                        .append(status == 0 ? "no answer" : status).append(" ×").append(count));
                report.finding(BRUTE, Severity.HIGH, "no brute-force limit on " + label,
                        sent + " failed logins in " + String.format(Locale.ROOT, "%.1f", seconds) + " s → "
                                + distribution + "; expected one of " + lockout.expectStatus()
                                + " or a Retry-After header",
                        "Limit failed logins per account and per client (OWASP API2:2023): answer 429 with "
                                + "Retry-After, lock the account temporarily (423) or require a captcha.");
            }
        }

        private void tokenInUrl() throws InterruptedException {
            int issues = 0;
            List<Endpoint> configured = new ArrayList<>(config.auth().protectedEndpoints());
            config.auth().login().ifPresent(l -> configured.add(l.request()));
            for (Endpoint endpoint : configured) {
                int q = endpoint.path().indexOf('?');
                if (q < 0) {
                    continue;
                }
                String query = endpoint.path().substring(q);
                if (SENSITIVE_PARAM.matcher(query).find() || !SecurityConfig.templateNames(query).isEmpty()) {
                    issues++;
                    report.finding(URL, Severity.HIGH, endpoint.label() + " carries credentials in the URL",
                            "configured request " + endpoint.label(),
                            "Send credentials in the Authorization header or the body, never in the URL: URLs end "
                                    + "up in logs, browser history and Referer headers (RFC 6750 §5.3).");
                }
            }
            for (Seen s : seen) {
                Optional<String> location = s.response().header("Location");
                boolean inLocation = location.isPresent() && (token.isPresent() && location.get()
                        .contains(token.get()) || SENSITIVE_PARAM.matcher(location.get()).find());
                Matcher body = URL_WITH_TOKEN.matcher(s.response().body());
                if (inLocation || body.find()) {
                    issues++;
                    report.finding(URL, Severity.HIGH, "a response puts a token into a URL (" + s.label() + ")",
                            inLocation ? "Location: " + location.get() : "body: " + body.group(),
                            "Never put tokens or passwords in URLs; use the Authorization header, a secure "
                                    + "cookie or a POST body (RFC 6750 §5.3).");
                }
            }
            if (token.isPresent() && config.auth().sendAs().kind() != SecurityConfig.TokenPresentation.Kind.COOKIE) {
                List<String> parameters = config.auth().sendAs().kind() == SecurityConfig.TokenPresentation.Kind.BEARER
                        ? List.of("access_token")
                        : List.of(config.auth().sendAs().name().toLowerCase(Locale.ROOT), "api_key");
                List<String> chosen = config.auth().tokenInUrlEndpoints();
                List<String> probed = new ArrayList<>();
                List<String> notRefusing = new ArrayList<>();
                for (Endpoint endpoint : config.auth().protectedEndpoints()) {
                    boolean wanted = chosen.isEmpty() ? probed.size() < SecurityConfig.Limits.DEFAULT_TOKEN_IN_URL_ENDPOINTS
                            : chosen.contains(endpoint.label()) || chosen.contains(endpoint.path());
                    if (!wanted) {
                        continue;
                    }
                    Integer anonymous = anonymousStatus.get(endpoint.label());
                    if (anonymous == null || (anonymous != 401 && anonymous != 403)) {
                        if (!chosen.isEmpty()) {
                            notRefusing.add(endpoint.label());
                        }
                        continue;
                    }
                    probed.add(endpoint.label());
                    PreparedRequest base = PreparedRequest.anonymous(config, endpoint, credentials);
                    for (String parameter : parameters) {
                        String separator = base.pathAndQuery().contains("?") ? "&" : "?";
                        TargetResponse response = send(base.withPath(base.pathAndQuery() + separator + parameter
                                + "=" + URLEncoder.encode(token.get(), StandardCharsets.UTF_8)));
                        if (response.answered() && response.status() >= 200 && response.status() <= 299) {
                            issues++;
                            report.finding(URL, Severity.MEDIUM, endpoint.label() + " accepts the token in the URL "
                                            + "query ('" + parameter + "')",
                                    "request " + endpoint.label() + " without credential header, with ?" + parameter
                                            + "=<valid token> → " + response.status() + " (without it: "
                                            + anonymous + ")",
                                    "Accept tokens only in the Authorization header (RFC 6750 §2.3 and §5.3: URI "
                                            + "query tokens leak through logs and Referer).");
                            break;
                        }
                    }
                }
                report.measure(M_TOKEN_IN_URL_PROBED, probed.size());
                report.note("token-in-URL probe (?" + String.join("= / ?", parameters) + "=) sent to "
                        + (probed.isEmpty() ? "no endpoint" : String.join(", ", probed))
                        + (chosen.isEmpty() ? " (the first " + SecurityConfig.Limits.DEFAULT_TOKEN_IN_URL_ENDPOINTS
                        + " protected endpoints that refuse anonymous requests; choose with "
                        + "auth.tokenInUrlEndpoints)" : " (auth.tokenInUrlEndpoints)")
                        + (notRefusing.isEmpty() ? "" : "; not to " + String.join(", ", notRefusing)
                        + ": they do not refuse anonymous requests, so the probe would prove nothing"));
            }
            report.measure(M_TOKEN_IN_URL, issues);
        }

        private void cookies() {
            Map<String, String> secure = new LinkedHashMap<>();
            Map<String, String> httpOnly = new LinkedHashMap<>();
            Map<String, String> sameSite = new LinkedHashMap<>();
            for (Seen s : seen) {
                for (Cookies.Cookie cookie : Cookies.parse(s.response().headers("Set-Cookie"))) {
                    mask.addToken(cookie.value());
                    String shown = cookie.name() + "=" + SecretMask.describeToken(cookie.value()) + " (on "
                            + s.label() + ")";
                    if (!cookie.secure() && config.target().https()) {
                        secure.putIfAbsent(cookie.name(), shown);
                    }
                    if (!cookie.httpOnly()) {
                        httpOnly.putIfAbsent(cookie.name(), shown);
                    }
                    if (cookie.sameSite().isEmpty() || cookie.sameSite().get().equalsIgnoreCase("none")) {
                        sameSite.putIfAbsent(cookie.name(), shown + " SameSite="
                                + cookie.sameSite().orElse("(absent)"));
                    }
                }
            }
            secure.forEach((name, shown) -> report.finding(COOKIE_SECURE, Severity.LOW,
                    "cookie '" + name + "' without the Secure flag", "Set-Cookie: " + shown,
                    "Set Secure on every cookie of an HTTPS site, so it never travels over plain HTTP (ZAP 10011)."));
            httpOnly.forEach((name, shown) -> report.finding(COOKIE_HTTPONLY, Severity.LOW,
                    "cookie '" + name + "' without the HttpOnly flag", "Set-Cookie: " + shown,
                    "Set HttpOnly so scripts cannot read the cookie (ZAP 10010)."));
            sameSite.forEach((name, shown) -> report.finding(COOKIE_SAMESITE, Severity.LOW,
                    "cookie '" + name + "' without SameSite protection", "Set-Cookie: " + shown,
                    "Set SameSite=Lax or Strict to limit cross-site requests carrying the cookie (ZAP 10054)."));
            report.measure(M_COOKIE_ISSUES, secure.size() + httpOnly.size() + sameSite.size());
        }

        private void headers() {
            List<String> noHsts = new ArrayList<>();
            List<String> shortHsts = new ArrayList<>();
            List<String> noNosniff = new ArrayList<>();
            List<String> noFrame = new ArrayList<>();
            List<String> noCsp = new ArrayList<>();
            int answered = 0;
            for (Seen s : seen) {
                TargetResponse r = s.response();
                if (!r.answered()) {
                    continue;
                }
                answered++;
                String where = s.label() + " → " + r.status();
                if (config.target().https()) {
                    Optional<String> hsts = r.header("Strict-Transport-Security");
                    if (hsts.isEmpty()) {
                        noHsts.add(where);
                    } else {
                        Matcher maxAge = HSTS_MAX_AGE.matcher(hsts.get());
                        if (!maxAge.find() || Long.parseLong(maxAge.group(1)) < MIN_HSTS_SECONDS) {
                            shortHsts.add(where + " (" + hsts.get() + ")");
                        }
                    }
                }
                if (!r.header("X-Content-Type-Options").map(v -> v.trim().equalsIgnoreCase("nosniff"))
                        .orElse(false)) {
                    noNosniff.add(where);
                }
                Optional<String> csp = r.header("Content-Security-Policy");
                boolean frameOptions = r.header("X-Frame-Options").map(v -> v.trim().toUpperCase(Locale.ROOT))
                        .map(v -> v.equals("DENY") || v.equals("SAMEORIGIN")).orElse(false);
                boolean frameAncestors = csp.map(v -> v.toLowerCase(Locale.ROOT).contains("frame-ancestors"))
                        .orElse(false);
                if (!frameOptions && !frameAncestors) {
                    noFrame.add(where);
                }
                if (csp.isEmpty()) {
                    noCsp.add(where);
                }
            }
            int issues = 0;
            if (!noHsts.isEmpty()) {
                issues++;
                report.finding(HEADER_HSTS, Severity.LOW, "Strict-Transport-Security missing",
                        "missing on " + noHsts.size() + " of " + answered + " responses: " + listed(noHsts),
                        "Send 'Strict-Transport-Security: max-age=63072000' on every HTTPS response (ZAP 10035, "
                                + "Mozilla: 2 years).");
            }
            if (!shortHsts.isEmpty()) {
                issues++;
                report.finding(HEADER_HSTS, Severity.LOW, "Strict-Transport-Security max-age below 180 days",
                        listed(shortHsts), "Use max-age of at least 15552000 (180 days), ideally 63072000.");
            }
            if (!noNosniff.isEmpty()) {
                issues++;
                report.finding(HEADER_NOSNIFF, Severity.LOW, "X-Content-Type-Options: nosniff missing",
                        "missing on " + noNosniff.size() + " of " + answered + " responses: " + listed(noNosniff),
                        "Send 'X-Content-Type-Options: nosniff' on every response (ZAP 10021).");
            }
            if (!noFrame.isEmpty()) {
                issues++;
                report.finding(HEADER_FRAME, Severity.MEDIUM, "no anti-clickjacking header",
                        "neither X-Frame-Options nor CSP frame-ancestors on " + noFrame.size() + " of " + answered
                                + " responses: " + listed(noFrame),
                        "Send \"Content-Security-Policy: frame-ancestors 'none'\" and/or 'X-Frame-Options: DENY' "
                                + "(ZAP 10020).");
            }
            if (!noCsp.isEmpty()) {
                issues++;
                report.finding(HEADER_CSP, Severity.MEDIUM, "Content-Security-Policy missing",
                        "missing on " + noCsp.size() + " of " + answered + " responses: " + listed(noCsp),
                        "Send a Content-Security-Policy; for a JSON API \"default-src 'none'; frame-ancestors "
                                + "'none'\" (ZAP 10038, OWASP REST Security Cheat Sheet).");
            }
            report.measure(M_HEADER_ISSUES, issues);
        }

        private void leaks() {
            Map<String, String> stackTraces = new LinkedHashMap<>();
            Map<String, String> errorPages = new LinkedHashMap<>();
            Map<String, String> banners = new LinkedHashMap<>();
            for (Seen s : seen) {
                LeakDetector.scan(s.response().body()).ifPresent(leak -> {
                    Map<String, String> target = leak.kind() == LeakDetector.Kind.STACK_TRACE ? stackTraces
                            : errorPages;
                    target.putIfAbsent(leak.technology(), s.label() + " → " + s.response().status() + ": "
                            + leak.excerpt());
                });
                for (String banner : LeakDetector.versionBanners(s.response())) {
                    banners.putIfAbsent(banner, s.label());
                }
            }
            stackTraces.forEach((technology, evidence) -> report.finding(LEAK_STACK_TRACE, Severity.MEDIUM,
                    technology + " stack trace in a response", evidence,
                    "Return a generic error body and log the details on the server (CWE-209, ZAP 90022)."));
            errorPages.forEach((technology, evidence) -> report.finding(LEAK_ERROR_PAGE, Severity.LOW,
                    technology + " default error page", evidence,
                    "Replace framework default error pages with neutral ones (CWE-209, ZAP 10023)."));
            banners.forEach((banner, where) -> report.finding(LEAK_VERSION, Severity.LOW,
                    "version banner: " + banner, banner + " (on " + where + ")",
                    "Remove version numbers from Server and drop X-Powered-By / X-AspNet-Version "
                            + "(ZAP 10036, 10037)."));
            report.measure(M_LEAKS, stackTraces.size() + errorPages.size() + banners.size());
        }
    }

    private static String listed(List<String> items) {
        String shown = String.join("; ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? shown + "; … (" + items.size() + " in all)" : shown;
    }

    private static String remediation(String variant) {
        return switch (variant) {
            case "no-credentials" -> "Require authentication on this endpoint (deny by default) and answer 401 "
                    + "with WWW-Authenticate (OWASP API2:2023).";
            case "invalid-token" -> "Validate the token on every request and refuse unknown tokens with 401.";
            case "alg-none", "alg-None", "alg-NONE" -> "Pin the accepted signature algorithm on the server; never "
                    + "take it from the token header, and refuse 'none' (RFC 8725 §3.1, §3.2).";
            case TokenForgery.EXPIRED -> "Refuse tokens whose 'exp' has passed, also when the signature is valid "
                    + "(RFC 7519 §4.1.4; allow at most a small clock skew).";
            case TokenForgery.EXPIRED_UNSIGNED -> "The server accepted claims the signature does not cover (here a "
                    + "changed 'exp'): verify the signature before reading any claim (RFC 8725 §3.1). This probe "
                    + "does not show whether expired tokens are refused.";
            case "rs-hs-confusion" -> "Bind each key to one algorithm; never use an RSA/EC public key as an HMAC "
                    + "secret (RFC 8725 §2.1, §3.1).";
            default -> "Verify the token's signature (or look up the whole opaque token) before using any part "
                    + "of it; refuse altered, truncated or unsigned tokens (RFC 8725 §3.1).";
        };
    }
}
