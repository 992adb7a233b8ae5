package io.secperf.tls;

import io.secperf.tls.CipherSuite.KeyExchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every cipher suite the probe knows: the IANA registry (plus a few pre-standard values still seen in the wild),
 * read from {@code cipher-suites.txt}. The probe offers all of them, because the server, not the JDK, decides
 * what is accepted; the JDK's own suite list omits exactly the weak suites the checks must find.
 *
 * <p>Classification comes from the registry name ({@code TLS_<kx>[_EXPORT]_WITH_<cipher>_<mac>}), so adding a
 * line to the resource is enough to support a new suite.
 */
public final class CipherSuiteCatalog {

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746): asks the server to confirm secure renegotiation support. */
    public static final int RENEGOTIATION_SCSV = 0x00FF;

    private static final Map<Integer, CipherSuite> BY_ID;
    private static final List<CipherSuite> ALL;

    /** Bulk ciphers by registry token, longest first so AES_128_CCM_8 wins over AES_128_CCM; value = key bits. */
    private static final List<Map.Entry<String, Integer>> ENCRYPTIONS;

    static {
        Map<String, Integer> enc = new LinkedHashMap<>();
        enc.put("NULL", 0);
        enc.put("RC4_40", 40);
        enc.put("RC4_56", 56);
        enc.put("RC4_128", 128);
        enc.put("RC2_CBC_40", 40);
        enc.put("RC2_CBC_56", 56);
        enc.put("IDEA_CBC", 128);
        enc.put("DES40_CBC", 40);
        enc.put("DES_CBC_40", 40);
        enc.put("DES_CBC", 56);
        enc.put("3DES_EDE_CBC", 112);
        enc.put("SEED_CBC", 128);
        enc.put("28147_CNT", 256);
        enc.put("CHACHA20_POLY1305", 256);
        enc.put("SM4_GCM", 128);
        enc.put("SM4_CCM", 128);
        for (String family : List.of("AES", "CAMELLIA", "ARIA")) {
            for (int size : new int[] {128, 256}) {
                for (String mode : List.of("CBC", "GCM", "CCM", "CCM_8")) {
                    enc.put(family + "_" + size + "_" + mode, size);
                }
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(enc.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        ENCRYPTIONS = List.copyOf(sorted);

        Map<Integer, CipherSuite> byId = new LinkedHashMap<>();
        try (InputStream in = CipherSuiteCatalog.class.getResourceAsStream("cipher-suites.txt")) {
            if (in == null) {
                throw new IllegalStateException("cipher-suites.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                int id = Integer.parseInt(parts[0].substring(2), 16);
                byId.put(id, classify(id, parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BY_ID = Collections.unmodifiableMap(byId);
        ALL = List.copyOf(byId.values());
    }

    private CipherSuiteCatalog() {
    }

    /** All known suites in registry order. */
    public static List<CipherSuite> all() {
        return ALL;
    }

    public static Optional<CipherSuite> byId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The suite for an id, or a placeholder named after the hex value for ids outside the registry. */
    public static CipherSuite forId(int id) {
        CipherSuite known = BY_ID.get(id);
        if (known != null) {
            return known;
        }
        return new CipherSuite(id, String.format("UNKNOWN_0x%04X", id), KeyExchange.NULL, "unknown", "unknown",
                0, "unknown", false, TlsVersion.SSL_3_0);
    }

    public static Optional<CipherSuite> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The suites a client may offer with the given protocol version (TLS 1.2-only suites not below 1.2). */
    public static List<CipherSuite> usableWith(TlsVersion version) {
        return ALL.stream().filter(s -> s.usableWith(version)).toList();
    }

    static CipherSuite classify(int id, String name) {
        if ((id >> 8) == 0x13 || id == 0x00C6 || id == 0x00C7) {
            String rest = name.substring("TLS_".length());
            String encryption = matchEncryption(rest);
            return new CipherSuite(id, name, KeyExchange.TLS13, "CERT", encryption, bitsOf(encryption), "AEAD",
                    false, TlsVersion.TLS_1_3);
        }
        String body = name.substring("TLS_".length());
        if (body.endsWith("_DRAFT")) {
            body = body.substring(0, body.length() - "_DRAFT".length());
        }
        int with = body.indexOf("_WITH_");
        if (with < 0) {
            throw new IllegalArgumentException("not a cipher suite name: " + name);
        }
        String kx = body.substring(0, with);
        String rest = body.substring(with + "_WITH_".length());
        boolean export = kx.contains("EXPORT");
        kx = kx.replace("_EXPORT1024", "").replace("_EXPORT", "");

        KeyExchange keyExchange;
        String auth;
        switch (kx) {
            case "NULL" -> { keyExchange = KeyExchange.NULL; auth = "NULL"; }
            case "RSA" -> { keyExchange = KeyExchange.RSA; auth = "RSA"; }
            case "DH_DSS" -> { keyExchange = KeyExchange.DH; auth = "DSS"; }
            case "DH_RSA" -> { keyExchange = KeyExchange.DH; auth = "RSA"; }
            case "DHE_DSS" -> { keyExchange = KeyExchange.DHE; auth = "DSS"; }
            case "DHE_RSA" -> { keyExchange = KeyExchange.DHE; auth = "RSA"; }
            case "DH_anon" -> { keyExchange = KeyExchange.DHE; auth = "anon"; }
            case "ECDH_ECDSA" -> { keyExchange = KeyExchange.ECDH; auth = "ECDSA"; }
            case "ECDH_RSA" -> { keyExchange = KeyExchange.ECDH; auth = "RSA"; }
            case "ECDHE_ECDSA" -> { keyExchange = KeyExchange.ECDHE; auth = "ECDSA"; }
            case "ECDHE_RSA" -> { keyExchange = KeyExchange.ECDHE; auth = "RSA"; }
            case "ECDH_anon" -> { keyExchange = KeyExchange.ECDHE; auth = "anon"; }
            case "KRB5" -> { keyExchange = KeyExchange.KRB5; auth = "KRB5"; }
            case "PSK" -> { keyExchange = KeyExchange.PSK; auth = "PSK"; }
            case "DHE_PSK", "PSK_DHE" -> { keyExchange = KeyExchange.DHE_PSK; auth = "PSK"; }
            case "ECDHE_PSK" -> { keyExchange = KeyExchange.ECDHE_PSK; auth = "PSK"; }
            case "RSA_PSK" -> { keyExchange = KeyExchange.RSA_PSK; auth = "RSA"; }
            case "SRP_SHA" -> { keyExchange = KeyExchange.SRP; auth = "SRP"; }
            case "SRP_SHA_RSA" -> { keyExchange = KeyExchange.SRP; auth = "RSA"; }
            case "SRP_SHA_DSS" -> { keyExchange = KeyExchange.SRP; auth = "DSS"; }
            case "GOSTR341001" -> { keyExchange = KeyExchange.GOST; auth = "GOST"; }
            default -> throw new IllegalArgumentException("unknown key exchange in " + name);
        }
        String encryption = matchEncryption(rest);
        String mac = rest.length() == encryption.length() ? "AEAD" : rest.substring(encryption.length() + 1);
        if (encryption.contains("GCM") || encryption.contains("CCM") || encryption.contains("POLY1305")) {
            mac = "AEAD";
        }
        boolean sha2 = rest.endsWith("_SHA256") || rest.endsWith("_SHA384");
        boolean aead = mac.equals("AEAD");
        TlsVersion min = (aead || sha2) ? TlsVersion.TLS_1_2 : TlsVersion.SSL_3_0;
        return new CipherSuite(id, name, keyExchange, auth, encryption, bitsOf(encryption), mac, export, min);
    }

    private static String matchEncryption(String rest) {
        for (Map.Entry<String, Integer> e : ENCRYPTIONS) {
            String token = e.getKey();
            if (rest.equals(token) || rest.startsWith(token + "_")) {
                return token;
            }
        }
        throw new IllegalArgumentException("unknown bulk cipher in " + rest);
    }

    private static int bitsOf(String encryption) {
        for (Map.Entry<String, Integer> e : ENCRYPTIONS) {
            if (e.getKey().equals(encryption)) {
                return e.getValue();
            }
        }
        return 0;
    }
}
