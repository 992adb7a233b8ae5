package io.secperf.security.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JWTs for the test servers: a strict verifier, and the classic flaw of honouring {@code alg: none}. */
public final class TestJwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;

    public TestJwt(byte[] key) {
        this.key = key.clone();
    }

    public String issue(String subject, Instant expires) {
        try {
            ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
            ObjectNode claims = JSON.createObjectNode().put("sub", subject)
                    .put("iat", Instant.now().getEpochSecond()).put("exp", expires.getEpochSecond());
            String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return input + "." + B64.encodeToString(mac(input));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The subject of a valid token.
     *
     * @param acceptNone the flaw: trust tokens whose header says {@code alg: none} without any signature
     */
    public Optional<String> verify(String token, boolean acceptNone) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            String alg = header.path("alg").asText();
            boolean signed;
            if (alg.equalsIgnoreCase("none")) {
                signed = acceptNone;
            } else if (alg.equals("HS256")) {
                signed = MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), B64D.decode(parts[2]));
            } else {
                signed = false;
            }
            if (!signed || !claims.path("exp").canConvertToLong()
                    || claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(claims.path("sub").asText());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }
}
