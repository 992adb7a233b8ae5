package io.secperf.security.testing;

import io.secperf.security.Credentials;
import io.secperf.security.SecretSource;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** security.yaml texts for the test servers, and the credentials they reference (never real secrets). */
public final class TestConfigs {

    /** The environment the tests pretend to have. */
    public static final Map<String, String> ENV = Map.of(
            "TEST_USER", TestApiServer.USER,
            "TEST_PASSWORD", TestApiServer.PASSWORD);

    private TestConfigs() {
    }

    public static SecretSource secrets() {
        return SecretSource.of(name -> null, ENV::get);
    }

    /** The target section for a test server: CA file for the correct one, insecure for the self-signed ones. */
    public static String target(TestApiServer server, Path dir, boolean correct) throws IOException {
        String trust = correct ? "  caFile: " + server.writeCaPem(dir) + "\n" : "  insecure: true\n";
        return "target:\n  url: " + server.uri() + "\n" + trust + "  requestTimeout: 5s\n";
    }

    public static final String CREDENTIALS = """
            credentials:
              username: env:TEST_USER
              password: env:TEST_PASSWORD
            """;

    public static final String AUTH = """
            auth:
              login:
                path: /api/login
                body: {username: "${username}", password: "${password}"}
              protectedEndpoints:
                - GET /api/items
                - method: POST
                  path: /api/orders
                  body: {itemId: 1, quantity: 2}
              lockout:
                attempts: 6
            """;

    public static SecurityConfig parse(String yaml, Path dir) throws SecurityConfigException {
        return SecurityConfigReader.parse(yaml, "test.yaml", dir);
    }

    public static Credentials credentials(SecurityConfig config) throws SecurityConfigException {
        return Credentials.resolve(config, secrets());
    }

    /** Every text of a report in one string, for "no secret anywhere" assertions. */
    public static String allText(SecurityReport report) {
        return report.findings().stream()
                .map(f -> f.id() + " " + f.title() + " " + f.evidence() + " " + f.remediation())
                .collect(Collectors.joining("\n")) + "\n" + String.join("\n", report.notes());
    }

    /** One line per finding, for failure messages. */
    public static String describe(SecurityReport report) {
        return report.findings().stream().map(f -> f.severity() + " " + f.id() + ": " + f.title() + " | "
                + f.evidence()).collect(Collectors.joining("\n")) + "\nnotes: " + report.notes()
                + "\nmeasurements: " + report.measurements();
    }
}
