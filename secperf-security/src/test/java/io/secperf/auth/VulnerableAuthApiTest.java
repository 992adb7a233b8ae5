package io.secperf.auth;

import io.secperf.gate.GateEvaluator;
import io.secperf.gate.GateList;
import io.secperf.gate.GateReference;
import io.secperf.result.Finding;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.SecurityData;
import io.secperf.result.SecurityNote;
import io.secperf.security.Credentials;
import io.secperf.security.SecretSource;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;
import io.secperf.security.testing.TestConfigs;
import io.secperf.security.testing.VulnerableAuthApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth check against {@link VulnerableAuthApi}: every endpoint's flaw is found with the right finding id, and
 * only that; the control endpoint stays clean. A detection only counts when the control is clean.
 */
@Timeout(60)
class VulnerableAuthApiTest {

    @TempDir
    Path dir;

    private static final String MAIN_ENDPOINTS = """
              protectedEndpoints:
                - GET /api/control
                - GET /api/open
                - GET /api/alg-none
                - GET /api/unsigned
                - GET /api/no-exp
                - GET /api/status-400
                - GET /api/no-challenge
                - GET /api/error-500
                - method: POST
                  path: /api/stack-trace
                  body: {item: 1}
                - GET /api/cookie
                - GET /api/banner
                - GET /api/no-headers
                - GET /api/redirect-token
                - GET /api/echo
                - GET /api/query-token
            """;

    private SecurityReport scan(VulnerableAuthApi api, String auth, Map<String, String> env) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("VULN_USER", VulnerableAuthApi.USER);
        all.put("VULN_PASSWORD", VulnerableAuthApi.PASSWORD);
        String yaml = "target:\n  url: " + api.url() + "\n  requestTimeout: 5s\n"
                + "credentials:\n  username: env:VULN_USER\n  password: env:VULN_PASSWORD\n"
                + env.keySet().stream().map(k -> "  " + k.toLowerCase() + ": env:" + k + "\n")
                .reduce("", String::concat) + auth;
        SecurityConfig config = SecurityConfigReader.parse(yaml, "vulnerable.yaml", dir);
        Credentials credentials = Credentials.resolve(config, SecretSource.of(name -> null, all::get));
        return new AuthCheck(config, credentials).run();
    }

    private static String login(String path) {
        return "  login:\n    path: " + path + "\n    body: {username: \"${username}\", password: \"${password}\"}\n";
    }

    /** Endpoint path → the ids of the findings whose title or evidence names it. */
    static Map<String, Set<String>> findingsByEndpoint(SecurityReport report, Set<String> paths) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        paths.forEach(p -> found.put(p, new TreeSet<>()));
        for (Finding finding : report.findings()) {
            String text = finding.title() + " " + finding.evidence();
            for (String path : paths) {
                if (Pattern.compile(Pattern.quote(path) + "(?![\\w/-])").matcher(text).find()) {
                    found.get(path).add(finding.id());
                }
            }
        }
        return found;
    }

    @Test
    void everyFlawIsFoundOnItsEndpointAndTheControlStaysClean() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            SecurityReport report = scan(api, "auth:\n" + login("/login") + MAIN_ENDPOINTS + """
                      lockout:
                        attempts: 5
                        wrongCredential: password
                      jwt:
                        testKey: test_jwt_key
                      tokenInUrlEndpoints: [GET /api/query-token, /api/control]
                    """, Map.of("TEST_JWT_KEY", api.key()));

            Map<String, Set<String>> found = findingsByEndpoint(report, VulnerableAuthApi.EXPECTED.keySet());
            assertThat(found).as(TestConfigs.describe(report)).isEqualTo(VulnerableAuthApi.EXPECTED);
            assertThat(report.findings()).as("every finding names its endpoint").allSatisfy(f -> assertThat(
                    VulnerableAuthApi.EXPECTED.keySet().stream().anyMatch(p -> (f.title() + f.evidence())
                            .contains(p))).isTrue());
            assertThat(report.complete()).isTrue();
            // the genuinely expired token was signed with the configured test key, and only no-exp accepted it
            assertThat(report.findings()).filteredOn(f -> f.title().contains("/api/no-exp"))
                    .extracting(Finding::title).singleElement().asString().contains("genuinely expired");
            assertThat(report.findings()).filteredOn(f -> f.title().contains("/api/no-exp"))
                    .extracting(Finding::remediation).singleElement().asString().contains("'exp' has passed");
            // the token-in-URL probe went where the configuration said, and says so
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("sent to GET /api/control, "
                    + "GET /api/query-token (auth.tokenInUrlEndpoints)"));
            assertThat(report.measurement(AuthCheck.M_TOKEN_IN_URL_PROBED).getAsDouble()).isEqualTo(2);
            assertThat(report.measurement(AuthCheck.M_WEAK_KEY).getAsDouble()).isZero();
            // credential echo: masked evidence, never the token or the test key
            Finding echo = report.findings(AuthCheck.ECHO).get(0);
            assertThat(echo.evidence()).contains("GET /api/echo (valid token) → 200", "session token", "body");
            assertThat(TestConfigs.allText(report)).doesNotContain(api.key(), VulnerableAuthApi.PASSWORD)
                    .doesNotContainPattern("eyJ[\\w-]{10,}\\.eyJ[\\w-]{10,}");
        }
    }

    @Test
    void weakKeyIsFoundOfflineReportedMaskedAndUsedToForgeTokens() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            int before = api.hits("/weak/data");
            SecurityReport report = scan(api, "auth:\n" + login("/weak/login")
                    + "  protectedEndpoints: [GET /weak/data]\n", Map.of());

            assertThat(findingsByEndpoint(report, Set.of("/weak/login", "/weak/data")))
                    .as(TestConfigs.describe(report))
                    .isEqualTo(Map.of("/weak/login", Set.of("JWT-WEAK-KEY"), "/weak/data", Set.of("JWT-WEAK-KEY")));
            Finding weak = report.findings(AuthCheck.JWT_WEAK_KEY).get(0);
            assertThat(weak.evidence()).contains("se**** (6 characters)", "GET /weak/data other-subject → 200",
                    "GET /weak/data elevated-role → 200").doesNotContainPattern("\\bsecret\\b");
            assertThat(report.measurement(AuthCheck.M_WEAK_KEY).getAsDouble()).isEqualTo(1);
            assertThat(report.measurement(AuthCheck.M_BYPASS).getAsDouble()).isEqualTo(2);
            // the expired token signed with the weak key was refused (the endpoint checks exp): no bypass finding
            assertThat(report.findings(AuthCheck.BYPASS)).isEmpty();
            assertThat(api.hits("/weak/data") - before).isGreaterThan(0);
        }
    }

    @Test
    void lockedOutUserMakesTheCheckIncompleteAndAuthBypassGateDoesNotPass() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < VulnerableAuthApi.LOCK_AFTER; i++) {
                client.send(HttpRequest.newBuilder(URI.create(api.url() + "locking/login"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"wrong\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
            SecurityReport report = scan(api, "auth:\n" + login("/locking/login")
                    + "  protectedEndpoints: [GET /api/control, GET /api/no-exp]\n", Map.of());

            assertThat(report.complete()).isFalse();
            assertThat(report.incompleteReason()).contains("no valid token", "423", "account is locked",
                    "token-based probes");
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();

            ResultDocument document = ResultDocument.of(RunInfo.of("scan auth", null, api.url(), null, null, null,
                    Map.of()), RunStatus.complete(), IngestInfo.live(0), RunResult.empty())
                    .withSecurity(new SecurityData(List.of("auth"), Map.of("auth.bypass", "0"))
                            .withNotes(report.notes().stream().map(n -> new SecurityNote("auth", n)).toList(),
                                    Map.of("auth", report.incompleteReason())));
            List<GateResult> gates = new GateEvaluator().evaluate(GateList.parse(
                    "auth.bypass == 0\nauth.bypass == 0 optional", "gates"), document, (GateReference) null)
                    .results();
            assertThat(gates.get(0).status()).isEqualTo(GateStatus.FAILED);
            assertThat(gates.get(0).message()).contains("not measured", "auth check was incomplete", "423");
            assertThat(gates.get(1).status()).isEqualTo(GateStatus.NOT_EVALUATED);
        }
    }

    @Test
    void rateLimitedLoginIsReportedAsARateLimitNotAsACredentialsProblem() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            SecurityReport report = scan(api, "auth:\n" + login("/busy/login")
                    + "  protectedEndpoints: [GET /api/control]\n", Map.of());
            assertThat(report.complete()).isFalse();
            assertThat(report.incompleteReason()).contains("429", "rate limited", "Retry-After: 30")
                    .doesNotContain("check the credentials");
        }
    }

    @Test
    void configuredExpiredTokenProvesAnEndpointIgnoresExp() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            SecurityReport report = scan(api, "auth:\n" + login("/login")
                    + "  protectedEndpoints: [GET /api/control, GET /api/no-exp]\n"
                    + "  jwt:\n    expiredToken: old_token\n", Map.of("OLD_TOKEN", api.expiredToken()));
            assertThat(findingsByEndpoint(report, Set.of("/api/control", "/api/no-exp")))
                    .as(TestConfigs.describe(report))
                    .isEqualTo(Map.of("/api/control", Set.of(), "/api/no-exp", Set.of("AUTH-BYPASS")));
            assertThat(report.findings(AuthCheck.BYPASS).get(0).title()).contains("configured expired token");
        }
    }

    @Test
    @Tag("slow")
    void shortLivedTokenIsWaitedOutWithinTheConfiguredBound() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            api.tokenLifetime(2);
            SecurityReport report = scan(api, "auth:\n" + login("/short/login")
                    + "  protectedEndpoints: [GET /api/control, GET /api/no-exp]\n"
                    + "  jwt:\n    maxWait: 10s\n", Map.of());
            assertThat(findingsByEndpoint(report, Set.of("/api/control", "/api/no-exp")))
                    .as(TestConfigs.describe(report))
                    .isEqualTo(Map.of("/api/control", Set.of(), "/api/no-exp", Set.of("AUTH-BYPASS")));
            assertThat(report.findings(AuthCheck.BYPASS).get(0).title()).contains("after its exp passed");
        }
    }

    @Test
    void withoutAKeyOrAnExpiredTokenTheExpiryIsNotClaimedAndANoteSaysSo() throws Exception {
        try (VulnerableAuthApi api = new VulnerableAuthApi()) {
            SecurityReport report = scan(api, "auth:\n" + login("/login")
                    + "  protectedEndpoints: [GET /api/control, GET /api/no-exp]\n", Map.of());
            // honest limit: without a key nothing can prove that /api/no-exp ignores exp
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.complete()).isTrue();
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("expired-token probe not run",
                    "auth.jwt.testKey", "auth.jwt.expiredToken", "auth.jwt.maxWait", "expired-unsigned"));
        }
    }
}
