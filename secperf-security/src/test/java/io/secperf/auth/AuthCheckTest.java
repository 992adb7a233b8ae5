package io.secperf.auth;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityReport;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;
import io.secperf.security.testing.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth check against real HTTPS servers on 127.0.0.1: clean on the correct one, each flaw found on its own. */
@Timeout(60)
class AuthCheckTest {

    private static final Pattern JWT_LIKE = Pattern.compile("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}");

    @TempDir
    Path dir;

    private SecurityReport run(TestApiServer server, boolean correct, String auth) throws Exception {
        SecurityConfig config = TestConfigs.parse(TestConfigs.target(server, dir, correct) + TestConfigs.CREDENTIALS
                + auth, dir);
        return new AuthCheck(config, TestConfigs.credentials(config)).run();
    }

    @Test
    void correctServerHasNoFindings() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityReport report = run(server, true, TestConfigs.AUTH);
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.complete()).isTrue();
            assertThat(report.measurements()).containsEntry(AuthCheck.M_BYPASS, 0.0)
                    .containsEntry(AuthCheck.M_TOKEN, 1.0)
                    .containsEntry(AuthCheck.M_LOCKOUT_LIMITED, 1.0);
            // 2 endpoints × (no credentials, invalid token, 3 × alg none, payload, expired, 3 × signature)
            assertThat(report.measurements().get(AuthCheck.M_PROBES)).isEqualTo(20.0);
            assertThat(report.measurements().get(AuthCheck.M_REJECTED)).isEqualTo(20.0);
            assertThat(report.measurements().get(AuthCheck.M_LOCKOUT_ATTEMPTS))
                    .isEqualTo(TestApiServer.LOCKOUT_AFTER + 1.0);
        }
    }

    static Stream<Arguments> flaws() {
        return Stream.of(
                Arguments.of(Flaw.ALG_NONE, List.of(AuthCheck.BYPASS)),
                Arguments.of(Flaw.ITEMS_OPEN, List.of(AuthCheck.BYPASS)),
                Arguments.of(Flaw.STACK_TRACE, List.of(AuthCheck.LEAK_STACK_TRACE)),
                Arguments.of(Flaw.COOKIE_NO_FLAGS, List.of(AuthCheck.COOKIE_SECURE, AuthCheck.COOKIE_HTTPONLY,
                        AuthCheck.COOKIE_SAMESITE)),
                Arguments.of(Flaw.BANNER, List.of(AuthCheck.LEAK_VERSION)),
                Arguments.of(Flaw.NO_SECURITY_HEADERS, List.of(AuthCheck.HEADER_HSTS, AuthCheck.HEADER_NOSNIFF,
                        AuthCheck.HEADER_FRAME, AuthCheck.HEADER_CSP)),
                Arguments.of(Flaw.NO_LOCKOUT, List.of(AuthCheck.BRUTE)),
                Arguments.of(Flaw.NO_CHALLENGE, List.of(AuthCheck.CHALLENGE)),
                Arguments.of(Flaw.TOKEN_IN_QUERY, List.of(AuthCheck.URL)));
    }

    @ParameterizedTest
    @MethodSource("flaws")
    void eachFlawGivesExactlyItsFindings(Flaw flaw, List<String> expected) throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Set.of(flaw))) {
            SecurityReport report = run(server, false, TestConfigs.AUTH);
            assertThat(report.findings().stream().map(Finding::id).distinct())
                    .as(TestConfigs.describe(report)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void algNoneIsACriticalBypassForEveryEndpointAndSpelling() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.ALG_NONE)) {
            SecurityReport report = run(server, false, TestConfigs.AUTH);
            List<Finding> bypasses = report.findings(AuthCheck.BYPASS);
            assertThat(bypasses).hasSize(6).allMatch(f -> f.severity() == Severity.CRITICAL);
            assertThat(bypasses).anyMatch(f -> f.title().contains("GET /api/items") && f.evidence()
                    .contains("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
            assertThat(bypasses).anyMatch(f -> f.title().contains("POST /api/orders") && f.evidence()
                    .contains("\"alg\":\"NONE\""));
            assertThat(report.measurements().get(AuthCheck.M_BYPASS)).isEqualTo(6.0);
            assertThat(report.count(Severity.HIGH)).isEqualTo(6);
        }
    }

    @Test
    void openEndpointIsReportedOnceAsMissingAuthentication() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.ITEMS_OPEN)) {
            SecurityReport report = run(server, false, TestConfigs.AUTH);
            List<Finding> bypasses = report.findings(AuthCheck.BYPASS);
            assertThat(bypasses).singleElement().satisfies(f -> {
                assertThat(f.title()).contains("GET /api/items").contains("no credentials");
                assertThat(f.remediation()).contains("401");
            });
            // every probe of the open endpoint was accepted and counts for the gate
            assertThat(report.measurements().get(AuthCheck.M_BYPASS)).isEqualTo(10.0);
        }
    }

    @Test
    void allFlawsTogetherAndNoSecretInTheReport() throws Exception {
        try (TestApiServer server = TestApiServer.allFlaws()) {
            SecurityReport report = run(server, false, TestConfigs.AUTH);
            assertThat(report.findings().stream().map(Finding::id).distinct()).as(TestConfigs.describe(report))
                    .contains(AuthCheck.BYPASS, AuthCheck.BRUTE, AuthCheck.URL, AuthCheck.COOKIE_SECURE,
                            AuthCheck.HEADER_CSP, AuthCheck.LEAK_STACK_TRACE, AuthCheck.LEAK_VERSION);
            assertThat(report.highestSeverity()).contains(Severity.CRITICAL);
            String text = TestConfigs.allText(report);
            assertThat(text).doesNotContain(TestApiServer.PASSWORD);
            assertThat(JWT_LIKE.matcher(text).find()).as(text).isFalse();
            assertThat(text).contains("SESSIONID=").doesNotContainPattern("SESSIONID=[0-9a-f]{8,}");
        }
    }

    @Test
    void skippedPartsDoNotRun() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_SECURITY_HEADERS, Flaw.BANNER)) {
            SecurityReport report = run(server, false, TestConfigs.AUTH + "  skip: [headers, leaks]\n");
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.notes()).anyMatch(n -> n.contains("skipped by configuration: headers"));
        }
    }

    @Test
    void failedLoginMeansNoTokenProbesAndANote() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            String auth = TestConfigs.AUTH.replace("\"${password}\"", "\"${password}-wrong\"")
                    .replace("  lockout:\n    attempts: 6\n", "");
            SecurityReport report = run(server, true, auth);
            assertThat(report.measurements()).containsEntry(AuthCheck.M_TOKEN, 0.0);
            assertThat(report.notes()).anyMatch(n -> n.contains("no valid token") && n.contains("401"));
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(TestConfigs.allText(report)).doesNotContain(TestApiServer.PASSWORD);
        }
    }
}
