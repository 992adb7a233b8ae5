package io.secperf.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The offline weak-key test of an HMAC-signed JWT (HS256/384/512), as jwt_tool and hashcat do it: the token the login
 * issued is verified against a list of well-known weak secrets, without any traffic. A hit means anyone can mint
 * valid tokens for any subject and role. The built-in list ({@code jwt-weak-secrets.txt}, about 1300 entries written
 * for secperf) can be extended with a file; the work is bounded (one HMAC per secret, a few milliseconds in all).
 */
public final class WeakJwtSecrets {

    /** The built-in list, a resource next to this class. */
    static final String RESOURCE = "jwt-weak-secrets.txt";

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static volatile List<String> builtIn;

    private final List<String> secrets;

    private WeakJwtSecrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** The built-in list plus the secrets of {@code extra} (one per line, {@code #} comments, at most {@code max}). */
    public static WeakJwtSecrets load(Optional<Path> extra, int max) throws IOException {
        LinkedHashSet<String> all = new LinkedHashSet<>(builtIn());
        if (extra.isPresent()) {
            try (BufferedReader reader = Files.newBufferedReader(extra.get(), StandardCharsets.UTF_8)) {
                all.addAll(read(reader, max));
            }
        }
        return new WeakJwtSecrets(new ArrayList<>(all));
    }

    /** The built-in list only. */
    public static WeakJwtSecrets builtInOnly() {
        return new WeakJwtSecrets(builtIn());
    }

    public int size() {
        return secrets.size();
    }

    /**
     * The secret the token is signed with, if it is on the list; empty for other algorithms, malformed tokens and
     * strong keys.
     */
    public Optional<String> find(String token) {
        String[] parts = token.split("\\.", -1);
        Optional<String> algorithm = TokenForgery.header(token).map(h -> h.path("alg").asText())
                .flatMap(WeakJwtSecrets::macAlgorithm);
        if (parts.length != 3 || algorithm.isEmpty()) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = B64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance(algorithm.get());
            for (String secret : secrets) {
                byte[] key = secret.getBytes(StandardCharsets.UTF_8);
                if (key.length == 0) {
                    continue;
                }
                mac.init(new SecretKeySpec(key, algorithm.get()));
                if (MessageDigest.isEqual(mac.doFinal(input), signature)) {
                    return Optional.of(secret);
                }
            }
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The JCA name of a JWS HMAC algorithm ("HS256" → "HmacSHA256"), empty for any other. */
    static Optional<String> macAlgorithm(String jwsAlgorithm) {
        return switch (jwsAlgorithm.toUpperCase(Locale.ROOT)) {
            case "HS256" -> Optional.of("HmacSHA256");
            case "HS384" -> Optional.of("HmacSHA384");
            case "HS512" -> Optional.of("HmacSHA512");
            default -> Optional.empty();
        };
    }

    /**
     * A key for people: its first characters (none for keys shorter than 6) and its length, never the whole key,
     * e.g. {@code "se**** (6 characters)"}.
     */
    public static String masked(String key) {
        int shown = key.length() >= 10 ? 3 : key.length() >= 6 ? 2 : 0;
        return key.substring(0, shown) + "*".repeat(Math.max(4, key.length() - shown)) + " (" + key.length()
                + " characters)";
    }

    private static List<String> builtIn() {
        List<String> list = builtIn;
        if (list == null) {
            try (InputStream in = WeakJwtSecrets.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " missing from the class path");
                }
                list = List.copyOf(read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                        Integer.MAX_VALUE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = list;
        }
        return list;
    }

    private static List<String> read(BufferedReader reader, int max) throws IOException {
        List<String> secrets = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null && secrets.size() < max) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                secrets.add(line);
            }
        }
        return secrets;
    }
}
