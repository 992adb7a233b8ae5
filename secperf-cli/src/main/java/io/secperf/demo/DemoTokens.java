package io.secperf.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens for the demo API: {@code v1.<payload>.<HMAC-SHA256>}, keyed with a random secret that lives
 * only as long as this server. Stateless so that millions of logins during a load test cost no memory; signed so that
 * a forged or altered token is rejected; expiring so that a captured token does not work forever.
 */
final class DemoTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    /** Longer than any token we issue; anything bigger is rejected before any parsing or MAC work. */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    DemoTokens(Clock clock) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.clock = clock;
    }

    String issue(String subject) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = B64.encodeToString((subject + "|" + expires + "|" + B64.encodeToString(nonce))
                .getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + payload + "." + B64.encodeToString(mac(payload));
    }

    /** The token's subject when the token is well-formed, correctly signed and unexpired; empty otherwise. */
    Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] presented = B64_DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(presented, mac(parts[1]))) {
                return Optional.empty();
            }
            String[] fields = new String(B64_DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
            if (fields.length != 3 || Long.parseLong(fields[1]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(fields[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
