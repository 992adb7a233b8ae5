package io.secperf.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** security.yaml: values and defaults, and one-line errors with line and column for every kind of mistake. */
class SecurityConfigReaderTest {

    @TempDir
    Path dir;

    private SecurityConfig parse(String yaml) throws SecurityConfigException {
        return SecurityConfigReader.parse(yaml, "security.yaml", dir);
    }

    private SecurityConfigException error(String yaml) {
        try {
            parse(yaml);
        } catch (SecurityConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void minimalConfigGetsBoundedDefaults() throws Exception {
        SecurityConfig config = parse("target:\n  url: https://staging.example.com:8443/app/\n");
        assertThat(config.target().basePath()).isEqualTo("/app");
        assertThat(config.target().hostHeader()).isEqualTo("staging.example.com:8443");
        assertThat(config.target().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.fuzz().iterations()).isEqualTo(200);
        assertThat(config.fuzz().timeBudget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.attack().sessions()).isEmpty();
        assertThat(config.auth().protectedEndpoints()).isEmpty();
    }

    @Test
    void fullConfigIsRead() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "x");
        SecurityConfig config = parse("""
                target:
                  url: https://127.0.0.1:8443/
                  caFile: ca.pem
                  requestTimeout: 2500ms
                credentials:
                  username: env:APP_USER
                  password: property:app.password
                auth:
                  login:
                    path: /api/login
                    body: {username: "${username}", password: "${password}", remember: true, n: 1.5}
                    tokenFrom: json:/data/token
                  sendAs: header:X-Api-Token
                  protectedEndpoints:
                    - GET /api/items
                    - {method: post, path: /api/orders, body: '{"q":1}', contentType: application/json}
                  lockout: {attempts: 4, expectStatus: [429]}
                  skip: [cookies]
                fuzz:
                  seed: -5
                  iterations: 10
                attack:
                  sessions: {count: 20, rate: 5}
                  flood: {endpoints: [GET /health], rate: 10, duration: 2s}
                  slowHeaders: {connections: 3, duration: 1s, interval: 200ms}
                """);
        assertThat(config.target().caFile()).contains(dir.resolve("ca.pem"));
        assertThat(config.target().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.credentials()).containsEntry("password", new SecretRef(SecretRef.Source.PROPERTY,
                "app.password"));
        SecurityConfig.Login login = config.auth().login().orElseThrow();
        assertThat(login.request().method()).isEqualTo("POST");
        assertThat(login.request().contentType()).contains("application/json");
        assertThat(login.request().body()).contains(
                "{\"username\":\"${username}\",\"password\":\"${password}\",\"remember\":true,\"n\":1.5}");
        assertThat(login.tokenFrom()).isEqualTo(new SecurityConfig.TokenLocation(
                SecurityConfig.TokenLocation.Kind.JSON, "/data/token"));
        assertThat(config.auth().sendAs().toString()).isEqualTo("header:X-Api-Token");
        assertThat(config.auth().protectedEndpoints()).extracting(SecurityConfig.Endpoint::label)
                .containsExactly("GET /api/items", "POST /api/orders");
        assertThat(config.auth().lockout().orElseThrow().expectStatus()).containsExactly(429);
        assertThat(config.auth().skip()).containsExactly(SecurityConfig.AuthPart.COOKIES);
        assertThat(config.fuzz().seed()).isEqualTo(-5);
        assertThat(config.fuzz().endpoints()).hasSize(2);
        assertThat(config.attack().sessions().orElseThrow().concurrency()).isEqualTo(2);
        assertThat(config.attack().flood().orElseThrow().duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.attack().slowHeaders().orElseThrow().probePath()).isEqualTo("/");
        Credentials credentials = Credentials.resolve(config, SecretSource.of(
                Map.of("app.password", "pw-\"1")::get, Map.of("APP_USER", "alice")::get));
        assertThat(credentials.expand(login.request().body().orElseThrow()))
                .contains("\"username\":\"alice\"").contains("\"password\":\"pw-\"1\"");
        assertThat(credentials.expand("$${literal} ${username}")).isEqualTo("${literal} alice");
        assertThat(credentials.toString()).doesNotContain("alice").doesNotContain("pw-");
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        SecurityConfigException e = error("target:\n  url: [https://x\n  insecure: true\n");
        assertThat(e.getMessage()).startsWith("security.yaml:").contains("invalid YAML");
        assertThat(e.line()).isGreaterThan(0);
        assertThat(e.column()).isGreaterThan(0);
    }

    @Test
    void unknownKeysAreRejectedWithASuggestion() {
        SecurityConfigException e = error("target:\n  url: http://h/\nfuzz:\n  seed: 1\n  iteratons: 5\n");
        assertThat(e.getMessage()).isEqualTo("security.yaml:5:3: unknown key 'iteratons' in fuzz (did you mean "
                + "'iterations'?)");
        assertThat(error("target:\n  url: http://h/\nauth:\n  skip: [cookie]\n").getMessage())
                .contains("4:").contains("did you mean 'cookies'?");
        assertThat(error("target:\n  url: http://h/\nzzz: 1\n").getMessage()).contains("known: version, target");
    }

    @Test
    void inlineSecretsAreRefusedWithoutEchoingThem() {
        SecurityConfigException e = error("target:\n  url: http://h/\ncredentials:\n  password: hunter2-secret\n");
        assertThat(e.getMessage()).startsWith("security.yaml:4:13: credentials.password must be a reference")
                .doesNotContain("hunter2");
    }

    @Test
    void outOfRangeAndBadTypesPointAtTheValue() {
        assertThat(error("target:\n  url: http://h/\nfuzz:\n  iterations: 1000000\n").getMessage())
                .isEqualTo("security.yaml:4:15: fuzz.iterations must be 0..100000, was 1000000");
        assertThat(error("target:\n  url: http://h/\nattack:\n  flood:\n    duration: 30\n").getMessage())
                .contains("5:15").contains("add a unit: 30s");
        assertThat(error("target:\n  url: http://h/\nattack:\n  slowHeaders: {duration: 2h}\n").getMessage())
                .contains("attack.slowHeaders.duration must be 500ms..10m, was 2h");
        assertThat(error("target:\n  url: http://h/\n  insecure: yes please\n").getMessage())
                .contains("3:13").contains("true or false");
        assertThat(error("target:\n  url: ftp://h/\n").getMessage()).contains("http:// or https://");
        assertThat(error("fuzz: {}\n").getMessage()).contains("'target' is required");
        assertThat(error("target:\n  url: http://h/\n  headers: {Host: x}\n").getMessage())
                .contains("'Host' is set by the HTTP client");
        assertThat(error("target:\n  url: http://h/\n  url: http://g/\n").getMessage())
                .contains("3:3").contains("duplicate key 'url'");
    }

    @Test
    void crossReferencesAreChecked() {
        assertThat(error("target:\n  url: http://h/\nauth:\n  protectedEndpoints:\n"
                + "    - {path: '/x', body: '${pasword}'}\n").getMessage())
                .contains("${pasword} is used but no credential 'pasword'");
        assertThat(error("target:\n  url: http://h/\nauth:\n  lockout: {attempts: 3}\n").getMessage())
                .contains("auth.lockout needs auth.login");
        assertThat(error("target:\n  url: http://h/\ncredentials:\n  password: env:P\nauth:\n  login:\n"
                + "    path: /login\n    body: 'fixed'\n  lockout: {}\n").getMessage())
                .contains("is not used as ${password} in the auth.login request");
    }

    @Test
    void missingCredentialNamesTheVariableNotAValue() throws Exception {
        SecurityConfig config = parse("target:\n  url: http://h/\ncredentials:\n  password: env:SECPERF_TEST_UNSET\n");
        assertThatThrownBy(() -> Credentials.resolve(config, SecretSource.of(n -> null, n -> null)))
                .isInstanceOf(SecurityConfigException.class)
                .hasMessage("security.yaml: credential 'password': environment variable SECPERF_TEST_UNSET is not set");
    }

    @Test
    void readsFilesAndReportsMissingOnes() throws Exception {
        Path file = dir.resolve("security.yaml");
        Files.writeString(file, "target:\n  url: http://127.0.0.1:8080/\n  caFile: certs/ca.pem\n");
        assertThat(SecurityConfigReader.read(file).target().caFile()).contains(dir.resolve("certs/ca.pem"));
        assertThatThrownBy(() -> SecurityConfigReader.read(dir.resolve("nope.yaml")))
                .hasMessageEndingWith("nope.yaml: file not found");
        Files.write(dir.resolve("bad.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff});
        assertThatThrownBy(() -> SecurityConfigReader.read(dir.resolve("bad.yaml")))
                .hasMessageEndingWith("bad.yaml: not valid UTF-8");
    }

    @Test
    void endpointListsAreReadLikeFuzzEndpointsWithTheSameErrors() throws Exception {
        var endpoints = SecurityConfigReader.parseEndpoints("""
                - GET /health
                - {method: POST, path: /api/orders, contentType: application/json, body: '{"a":1}'}
                - method: PUT
                  path: /api/items/1
                  body: {name: x}
                  authenticated: true
                """, "endpoints", false);
        assertThat(endpoints).extracting(SecurityConfig.Endpoint::label)
                .containsExactly("GET /health", "POST /api/orders", "PUT /api/items/1");
        assertThat(endpoints.get(0).authenticated()).isFalse();
        assertThat(endpoints.get(1).body()).contains("{\"a\":1}");
        assertThat(endpoints.get(1).contentType()).contains("application/json");
        assertThat(endpoints.get(2).body()).contains("{\"name\":\"x\"}");
        assertThat(endpoints.get(2).authenticated()).isTrue();
        assertThat(SecurityConfigReader.parseEndpoints("  ", "endpoints", true)).isEmpty();

        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints("- GET /a\n- {method: POST, pth: /b}\n",
                "endpoints", false)).hasMessage("endpoints:2:18: unknown key 'pth' in endpoints[1] (did you mean "
                + "'path'?)");
        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints("- [GET /a\n", "endpoints", false))
                .isInstanceOf(SecurityConfigException.class).hasMessageStartingWith("endpoints:")
                .hasMessageContaining("invalid YAML")
                .satisfies(e -> assertThat(((SecurityConfigException) e).line()).isPositive());
        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints("path: /a", "endpoints", false))
                .hasMessage("endpoints:1:1: endpoints must be a list, was a map");
        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints("- GET api", "endpoints", false))
                .hasMessageContaining("endpoints[0]: path must start with '/'");
    }
}
