package io.secperf.tls;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One cipher suite of the IANA registry with the properties the checks need. Built only by
 * {@link CipherSuiteCatalog}, which derives every field from the registry name, so a suite is classified the same
 * way wherever it appears.
 *
 * @param id             the two-byte IANA value, e.g. 0xC02F
 * @param name           the IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
 * @param keyExchange    how the premaster secret is agreed
 * @param authentication RSA, DSS, ECDSA, anon, PSK, SRP, KRB5, GOST, or CERT for TLS 1.3 (the certificate decides)
 * @param encryption     the bulk cipher with mode, e.g. AES_128_GCM, 3DES_EDE_CBC, NULL
 * @param bits           effective symmetric key strength in bits (3DES counts 112, NULL 0)
 * @param mac            MD5, SHA, SHA256, SHA384, AEAD (TLS 1.3 and CCM suites) or another registry token
 * @param export         an export-grade suite (40/56-bit keys, 512-bit key exchange)
 * @param minVersion     the first protocol version that may negotiate it (TLS 1.2 for AEAD and SHA-2 MACs)
 */
public record CipherSuite(int id, String name, KeyExchange keyExchange, String authentication, String encryption,
                          int bits, String mac, boolean export, TlsVersion minVersion) {

    /** Key exchange families. Ephemeral ones (DHE, ECDHE, their PSK variants, TLS 1.3) give forward secrecy. */
    public enum KeyExchange {
        NULL, RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, ECDHE_PSK, RSA_PSK, SRP, KRB5, GOST, TLS13;

        public boolean forwardSecret() {
            return this == DHE || this == ECDHE || this == DHE_PSK || this == ECDHE_PSK || this == TLS13;
        }
    }

    /** The flags a suite can carry at once (a suite may be CBC, 64-bit block and without forward secrecy). */
    public enum Flag {
        NULL_CIPHER, ANONYMOUS, EXPORT, RC4, DES, BLOCK_64, CBC, MD5_MAC, NO_FORWARD_SECRECY, AEAD, FORWARD_SECRECY
    }

    /**
     * One bucket per suite, worst first, as testssl.sh groups its "cipher categories": NULL, anonymous, export,
     * LOW (DES, RC2, RC4, MD5 MAC or below 112 bits), 3DES/IDEA (64-bit block, SWEET32), obsoleted CBC, AEAD without
     * forward secrecy, AEAD with forward secrecy (the only "strong" one).
     */
    public enum Category {
        NULL, ANONYMOUS, EXPORT, LOW, TRIPLE_DES_IDEA, OBSOLETE_CBC, AEAD_NO_FS, AEAD_FS;

        public String label() {
            return switch (this) {
                case NULL -> "NULL (no encryption)";
                case ANONYMOUS -> "anonymous (no authentication)";
                case EXPORT -> "EXPORT";
                case LOW -> "LOW (DES, RC2, RC4, MD5, < 112 bit)";
                case TRIPLE_DES_IDEA -> "3DES/IDEA (64-bit block)";
                case OBSOLETE_CBC -> "CBC (obsoleted)";
                case AEAD_NO_FS -> "AEAD without forward secrecy";
                case AEAD_FS -> "AEAD with forward secrecy";
            };
        }
    }

    public boolean tls13() {
        return keyExchange == KeyExchange.TLS13;
    }

    public boolean anonymous() {
        return "anon".equals(authentication) || keyExchange == KeyExchange.NULL;
    }

    public boolean aead() {
        return mac.equals("AEAD") || encryption.contains("GCM") || encryption.contains("CCM")
                || encryption.contains("POLY1305");
    }

    public boolean cbc() {
        return encryption.contains("CBC");
    }

    public boolean rc4() {
        return encryption.startsWith("RC4");
    }

    public boolean nullCipher() {
        return encryption.equals("NULL");
    }

    /** 64-bit block ciphers (3DES, DES, IDEA, RC2): SWEET32 territory. */
    public boolean block64() {
        return encryption.contains("DES") || encryption.startsWith("IDEA") || encryption.startsWith("RC2");
    }

    /** Single DES (56 or 40 bit keys), as opposed to 3DES. */
    public boolean singleDes() {
        return encryption.contains("DES") && !encryption.startsWith("3DES");
    }

    public boolean forwardSecrecy() {
        return keyExchange.forwardSecret();
    }

    /** Whether the suite can be negotiated with the given protocol version. */
    public boolean usableWith(TlsVersion version) {
        if (tls13()) {
            return version == TlsVersion.TLS_1_3;
        }
        return version != TlsVersion.TLS_1_3 && version.compareTo(minVersion) >= 0;
    }

    public Set<Flag> flags() {
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        if (nullCipher()) {
            flags.add(Flag.NULL_CIPHER);
        }
        if (anonymous()) {
            flags.add(Flag.ANONYMOUS);
        }
        if (export) {
            flags.add(Flag.EXPORT);
        }
        if (rc4()) {
            flags.add(Flag.RC4);
        }
        if (singleDes()) {
            flags.add(Flag.DES);
        }
        if (block64()) {
            flags.add(Flag.BLOCK_64);
        }
        if (cbc()) {
            flags.add(Flag.CBC);
        }
        if (mac.equals("MD5")) {
            flags.add(Flag.MD5_MAC);
        }
        if (aead()) {
            flags.add(Flag.AEAD);
        }
        flags.add(forwardSecrecy() ? Flag.FORWARD_SECRECY : Flag.NO_FORWARD_SECRECY);
        return flags;
    }

    public Category category() {
        if (nullCipher()) {
            return Category.NULL;
        }
        if (anonymous()) {
            return Category.ANONYMOUS;
        }
        if (export) {
            return Category.EXPORT;
        }
        if (rc4() || singleDes() || encryption.startsWith("RC2") || mac.equals("MD5") || bits < 112) {
            return Category.LOW;
        }
        if (block64()) {
            return Category.TRIPLE_DES_IDEA;
        }
        if (!aead()) {
            return Category.OBSOLETE_CBC;
        }
        return forwardSecrecy() ? Category.AEAD_FS : Category.AEAD_NO_FS;
    }

    /** The id as it is usually written, e.g. 0xC02F. */
    public String hexId() {
        return String.format(Locale.ROOT, "0x%04X", id);
    }

    @Override
    public String toString() {
        return name;
    }
}
