package io.secperf.auth;

import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.testing.TestJwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offline weak-key test, the key's masked form, the signed probes and the configuration that feeds them. */
class WeakJwtSecretsTest {

    @TempDir
    Path dir;

    private static String token(String key) {
        return new TestJwt(key.getBytes(StandardCharsets.UTF_8)).issue("alice", Instant.now().plusSeconds(600));
    }

    @Test
    void findsListedKeysOnlyAndTheListIsBounded() throws Exception {
        WeakJwtSecrets secrets = WeakJwtSecrets.builtInOnly();
        assertThat(secrets.size()).isBetween(1000, 5000);
        assertThat(secrets.find(token("secret"))).contains("secret");
        assertThat(secrets.find(token("your-256-bit-secret"))).contains("your-256-bit-secret");
        assertThat(secrets.find(token("keyboard cat"))).contains("keyboard cat");
        assertThat(secrets.find(token("x9$Lq2!vR7#pW4&zT1"))).isEmpty();
        assertThat(secrets.find("not.a.jwt")).isEmpty();
        // an RS256 header is not tested (no HMAC)
        String rs = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes(
                StandardCharsets.UTF_8)) + ".e30.c2ln";
        assertThat(secrets.find(rs)).isEmpty();

        Path extra = Files.writeString(dir.resolve("extra.txt"), "# project keys\nacme-staging-2019\n");
        assertThat(WeakJwtSecrets.load(Optional.of(extra), 10).find(token("acme-staging-2019")))
                .contains("acme-staging-2019");
    }

    @Test
    void theKeyIsNeverShownWhole() {
        assertThat(WeakJwtSecrets.masked("secret")).isEqualTo("se**** (6 characters)");
        assertThat(WeakJwtSecrets.masked("abc")).isEqualTo("**** (3 characters)").doesNotContain("abc");
        assertThat(WeakJwtSecrets.masked("your-256-bit-secret")).startsWith("you****").doesNotContain("secret");
    }

    @Test
    void signedVariantsVerifyWithTheKeyAndSayWhatTheyChanged() {
        String key = "a-test-key-of-the-staging-env";
        TestJwt jwt = new TestJwt(key.getBytes(StandardCharsets.UTF_8));
        List<TokenForgery.Forged> variants = TokenForgery.signedVariants(token(key),
                key.getBytes(StandardCharsets.UTF_8), "the test key", Instant.now());
        assertThat(variants).extracting(TokenForgery.Forged::variant)
                .containsExactly(TokenForgery.EXPIRED, TokenForgery.OTHER_SUBJECT, TokenForgery.ELEVATED_ROLE);
        // the strict verifier refuses the expired one only because of exp; the others verify
        assertThat(jwt.verify(variants.get(0).token(), false)).isEmpty();
        assertThat(TokenForgery.expiry(variants.get(0).token()).orElseThrow()).isBefore(Instant.now());
        assertThat(jwt.verify(variants.get(1).token(), false)).contains("admin");
        assertThat(jwt.verify(variants.get(2).token(), false)).contains("alice");
        assertThat(variants).allSatisfy(v -> assertThat(v.description()).contains("the test key")
                .doesNotContain(key));
    }

    @Test
    void configurationErrorsAreOneLineAndNameTheKey() {
        String base = "target:\n  url: http://127.0.0.1:1/\ncredentials:\n  k: env:K\n"
                + "auth:\n  protectedEndpoints: [GET /a]\n";
        assertThatThrownBy(() -> SecurityConfigReader.parse(base + "  jwt:\n    testKey: nope\n", "t.yaml", dir))
                .isInstanceOf(SecurityConfigException.class).hasMessageContaining("'nope' is not a credential name");
        assertThatThrownBy(() -> SecurityConfigReader.parse(base + "  tokenInUrlEndpoints: [GET /b]\n", "t.yaml",
                dir)).isInstanceOf(SecurityConfigException.class)
                .hasMessageContaining("auth.tokenInUrlEndpoints: 'GET /b' is not one of auth.protectedEndpoints");
        assertThatThrownBy(() -> SecurityConfigReader.parse(base + "  jwt:\n    maxWait: 1h\n", "t.yaml", dir))
                .isInstanceOf(SecurityConfigException.class).hasMessageContaining("auth.jwt.maxWait");
        assertThatThrownBy(() -> SecurityConfigReader.parse(base + "  jwt:\n    waitMax: 1s\n", "t.yaml", dir))
                .isInstanceOf(SecurityConfigException.class).hasMessageContaining("waitMax");
    }
}
