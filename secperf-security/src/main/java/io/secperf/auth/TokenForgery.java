package io.secperf.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Forges invalid variants of a valid token without knowing any key: exactly what an attacker can do. For a JWT
 * (RFC 7519) that is a changed payload or an expired {@code exp} under the original signature, {@code alg: none}
 * with the signature stripped (in three spellings, as libraries have compared case-sensitively), an empty or a
 * missing signature, a corrupted signature, and — when the server's public key is known — the RS→HS key-confusion
 * token (HMAC-signed with the public key as the secret). For an opaque token it is a changed character, a cut-off
 * end and a dropped last segment. Every variant must be refused; a server that accepts one does not check what it
 * should.
 */
public final class TokenForgery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * One forged token.
     *
     * @param variant     stable short name, e.g. "alg-none", "expired"
     * @param description what was changed, safe to show (decoded header, claim names; never the token)
     * @param token       the forged token (treat as a secret: it is derived from a valid one)
     */
    public record Forged(String variant, String description, String token) {
        @Override
        public String toString() {
            return "Forged[" + variant + "]";
        }
    }

    /** An expired copy under the original signature: proves signatures cover the claims, not that exp is checked. */
    public static final String EXPIRED_UNSIGNED = "expired-unsigned";
    /** A genuinely expired token with a valid signature: proves exp is checked. */
    public static final String EXPIRED = "expired";
    /** A validly signed token for another subject (only with a weak key: demonstrates what the key gives away). */
    public static final String OTHER_SUBJECT = "other-subject";
    /** A validly signed token claiming an elevated role (same). */
    public static final String ELEVATED_ROLE = "elevated-role";

    private TokenForgery() {
    }

    /** The {@code exp} claim of a JWT, empty when the token is not a JWT or has none. */
    public static Optional<Instant> expiry(String token) {
        return claims(token).map(c -> c.path("exp")).filter(JsonNode::canConvertToLong)
                .map(e -> Instant.ofEpochSecond(e.asLong()));
    }

    /**
     * Validly signed variants of an HMAC-signed JWT, made with a known key (a weak key found offline, or a test key
     * from the configuration): {@value #EXPIRED} (exp 24 h ago), {@value #OTHER_SUBJECT} and {@value #ELEVATED_ROLE}.
     * Empty when the token is not an HS256/384/512 JWT.
     *
     * @param keySource what the key is, for the descriptions ("the weak key", "the test key auth.jwt.testKey")
     */
    public static List<Forged> signedVariants(String token, byte[] key, String keySource, Instant now) {
        Optional<ObjectNode> header = header(token);
        Optional<ObjectNode> claims = claims(token);
        if (header.isEmpty() || claims.isEmpty()) {
            return List.of();
        }
        String alg = header.get().get("alg").asText();
        Optional<String> jca = WeakJwtSecrets.macAlgorithm(alg);
        if (jca.isEmpty()) {
            return List.of();
        }
        List<Forged> variants = new ArrayList<>();
        ObjectNode expired = claims.get().deepCopy();
        long past = now.minusSeconds(24 * 3600).getEpochSecond();
        expired.put("exp", past);
        if (expired.has("iat")) {
            expired.put("iat", past - 3600);
        }
        if (expired.has("nbf")) {
            expired.put("nbf", past - 3600);
        }
        variants.add(new Forged(EXPIRED, "a genuinely expired token (claim 'exp' 24 h ago) signed " + alg + " with "
                + keySource, sign(header.get(), expired, key, jca.get())));
        ObjectNode other = claims.get().deepCopy();
        String subject = other.path("sub").isTextual() ? other.get("sub").asText() : "";
        other.put("sub", subject.equals("admin") ? "root" : "admin");
        variants.add(new Forged(OTHER_SUBJECT, "claim 'sub' set to '" + other.get("sub").asText() + "', signed "
                + alg + " with " + keySource, sign(header.get(), other, key, jca.get())));
        ObjectNode elevated = claims.get().deepCopy();
        elevated.put("role", "admin");
        elevated.putArray("roles").add("admin");
        elevated.put("admin", true);
        elevated.put("scope", "admin");
        variants.add(new Forged(ELEVATED_ROLE, "claims role/roles/scope 'admin' and admin: true added, signed " + alg
                + " with " + keySource, sign(header.get(), elevated, key, jca.get())));
        return variants;
    }

    private static Optional<ObjectNode> claims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || header(token).isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(B64_DECODER.decode(parts[1]));
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String sign(ObjectNode header, ObjectNode claims, byte[] key, String jca) {
        String input = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the token looks like a JWS compact serialisation with a JSON header that names an algorithm. */
    public static boolean isJwt(String token) {
        return header(token).isPresent();
    }

    /** The decoded JOSE header of a JWT, empty if the token is not one. */
    public static Optional<ObjectNode> header(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(B64_DECODER.decode(parts[0]));
            if (node instanceof ObjectNode object && object.hasNonNull("alg")) {
                return Optional.of(object);
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The JWT variants of a valid JWT (empty list when the token is not a JWT).
     *
     * @param publicKeyPem the server's public key file content, for the RS→HS probe; empty to skip it
     */
    public static List<Forged> jwtVariants(String token, Optional<byte[]> publicKeyPem, Instant now) {
        Optional<ObjectNode> header = header(token);
        if (header.isEmpty()) {
            return List.of();
        }
        String[] parts = token.split("\\.", -1);
        String alg = header.get().get("alg").asText();
        ObjectNode claims;
        try {
            JsonNode node = JSON.readTree(B64_DECODER.decode(parts[1]));
            claims = node instanceof ObjectNode object ? object : null;
        } catch (IOException | IllegalArgumentException e) {
            claims = null;
        }
        List<Forged> variants = new ArrayList<>();
        if (claims != null) {
            ObjectNode tampered = claims.deepCopy();
            String changed;
            if (tampered.hasNonNull("sub") && tampered.get("sub").isTextual()) {
                tampered.put("sub", tampered.get("sub").asText() + "-x");
                changed = "claim 'sub' changed";
            } else {
                tampered.put("admin", true);
                changed = "claim 'admin': true added";
            }
            variants.add(new Forged("payload-tampered", changed + ", original " + alg + " signature kept",
                    parts[0] + "." + encode(tampered) + "." + parts[2]));
            ObjectNode expired = claims.deepCopy();
            long past = now.minusSeconds(24 * 3600).getEpochSecond();
            expired.put("exp", past);
            if (expired.has("iat")) {
                expired.put("iat", past - 3600);
            }
            if (expired.has("nbf")) {
                expired.put("nbf", past - 3600);
            }
            variants.add(new Forged(EXPIRED_UNSIGNED, "claim 'exp' set to 24 h ago, original " + alg
                    + " signature kept", parts[0] + "." + encode(expired) + "." + parts[2]));
        }
        for (String none : List.of("none", "None", "NONE")) {
            ObjectNode noneHeader = header.get().deepCopy();
            noneHeader.put("alg", none);
            variants.add(new Forged("alg-" + none, "header " + noneHeader + ", signature stripped",
                    encode(noneHeader) + "." + parts[1] + "."));
        }
        variants.add(new Forged("signature-empty", "original header and payload, empty signature",
                parts[0] + "." + parts[1] + "."));
        variants.add(new Forged("signature-missing", "original header and payload, no signature part",
                parts[0] + "." + parts[1]));
        variants.add(new Forged("signature-altered", "original header and payload, signature bytes changed",
                parts[0] + "." + parts[1] + "." + corrupt(parts[2])));
        if (publicKeyPem.isPresent() && alg.toUpperCase(Locale.ROOT).matches("(RS|PS|ES)\\d+")) {
            ObjectNode hsHeader = header.get().deepCopy();
            hsHeader.put("alg", "HS256");
            String signingInput = encode(hsHeader) + "." + parts[1];
            variants.add(new Forged("rs-hs-confusion", "header " + hsHeader + ", HMAC-SHA256 keyed with the "
                    + "server's public key file (" + alg + " → HS256 key confusion)",
                    signingInput + "." + B64.encodeToString(hmac(publicKeyPem.get(), signingInput))));
        }
        return variants;
    }

    /** Variants of an opaque (non-JWT) token. */
    public static List<Forged> opaqueVariants(String token) {
        List<Forged> variants = new ArrayList<>();
        if (token.length() >= 2) {
            variants.add(new Forged("token-altered", "one character in the middle changed", corrupt(token)));
        }
        if (token.length() > 8) {
            variants.add(new Forged("token-truncated", "last 8 characters removed",
                    token.substring(0, token.length() - 8)));
        }
        int dot = token.lastIndexOf('.');
        if (dot > 0) {
            variants.add(new Forged("signature-missing", "last dot-separated segment removed",
                    token.substring(0, dot)));
        }
        return variants;
    }

    /** A random token of the same length and alphabet: well-formed looking, but never issued. */
    public static String randomLike(String token, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            out.append(c == '.' ? '.' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String encode(JsonNode node) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text with the character in the middle replaced by a different one of the base64url alphabet. */
    private static String corrupt(String text) {
        if (text.isEmpty()) {
            return "A";
        }
        int middle = text.length() / 2;
        char current = text.charAt(middle);
        char replacement = current == 'A' ? 'B' : 'A';
        return text.substring(0, middle) + replacement + text.substring(middle + 1);
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
