package io.secperf.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secperf.security.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Forged variants are what their names say, and a strict verifier refuses every one of them. */
class TokenForgeryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(B64.decode(token.split("\\.", -1)[index]));
    }

    @Test
    void jwtVariantsChangeExactlyWhatTheyClaim() throws Exception {
        TestJwt jwt = new TestJwt("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String token = jwt.issue("alice", Instant.now().plusSeconds(600));
        String[] original = token.split("\\.");
        Map<String, TokenForgery.Forged> variants = TokenForgery.jwtVariants(token, Optional.empty(), Instant.now())
                .stream().collect(Collectors.toMap(TokenForgery.Forged::variant, v -> v));
        assertThat(variants.keySet()).containsExactlyInAnyOrder("payload-tampered", "expired-unsigned", "alg-none",
                "alg-None", "alg-NONE", "signature-empty", "signature-missing", "signature-altered");
        assertThat(part(variants.get("payload-tampered").token(), 1).path("sub").asText()).isEqualTo("alice-x");
        assertThat(variants.get("payload-tampered").token()).endsWith("." + original[2]);
        assertThat(part(variants.get("expired-unsigned").token(), 1).path("exp").asLong())
                .isLessThan(Instant.now().getEpochSecond());
        assertThat(part(variants.get("alg-NONE").token(), 0).path("alg").asText()).isEqualTo("NONE");
        assertThat(variants.get("alg-none").token()).endsWith(".").contains("." + original[1] + ".");
        assertThat(variants.get("signature-missing").token()).isEqualTo(original[0] + "." + original[1]);
        assertThat(variants.get("signature-altered").token()).isNotEqualTo(token).startsWith(original[0] + "."
                + original[1] + ".");
        assertThat(variants.values()).allSatisfy(v -> {
            assertThat(jwt.verify(v.token(), false)).as(v.variant()).isEmpty();
            assertThat(v.description()).doesNotContain(original[1]).doesNotContain(original[2]);
        });
        assertThat(jwt.verify(token, false)).contains("alice");
        assertThat(jwt.verify(variants.get("alg-none").token(), true)).as("the flawed verifier").contains("alice");
    }

    @Test
    void rsToHsConfusionIsSignedWithThePublicKeyFile() throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"bob\"}".getBytes(StandardCharsets.US_ASCII));
        String token = header + "." + payload + ".c2lnbmF0dXJl";
        byte[] pem = "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n".getBytes(
                StandardCharsets.US_ASCII);
        TokenForgery.Forged confusion = TokenForgery.jwtVariants(token, Optional.of(pem), Instant.now()).stream()
                .filter(v -> v.variant().equals("rs-hs-confusion")).findFirst().orElseThrow();
        String[] parts = confusion.token().split("\\.");
        assertThat(part(confusion.token(), 0).path("alg").asText()).isEqualTo("HS256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pem, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(B64.decode(parts[2])).isEqualTo(expected);
        assertThat(TokenForgery.jwtVariants(token, Optional.empty(), Instant.now()))
                .noneMatch(v -> v.variant().equals("rs-hs-confusion"));
    }

    @Test
    void opaqueTokensGetOpaqueVariants() {
        String token = "v1.cGF5bG9hZC1ieXRlcw.c2lnbmF0dXJlLWJ5dGVz";
        assertThat(TokenForgery.isJwt(token)).isFalse();
        List<TokenForgery.Forged> variants = TokenForgery.opaqueVariants(token);
        assertThat(variants).extracting(TokenForgery.Forged::variant)
                .containsExactly("token-altered", "token-truncated", "signature-missing");
        assertThat(variants).allMatch(v -> !v.token().equals(token));
        assertThat(TokenForgery.randomLike(token, 1)).hasSameSizeAs(token).isNotEqualTo(token)
                .isEqualTo(TokenForgery.randomLike(token, 1));
    }
}
