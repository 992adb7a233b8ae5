package io.secperf.tls;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mozilla's server-side TLS profiles (https://wiki.mozilla.org/Security/Server_Side_TLS, machine-readable as
 * ssl-config.mozilla.org/guidelines/5.7.json). Modern and intermediate follow guideline 6.0 (intermediate without
 * the DHE suites 5.x still listed); old follows 5.7/5.8 (TLS 1.0 to 1.3, the 26-suite list including
 * TLS_RSA_WITH_3DES_EDE_CBC_SHA). Checked: accepted protocols, accepted suites, certificate type, signature
 * algorithm, lifetime and RSA size, DH and ECDH sizes. Not checked: OCSP stapling, server cipher preference, HSTS
 * (reported on their own).
 */
public enum MozillaProfile {
    MODERN(EnumSet.of(TlsVersion.TLS_1_3), List.of(), Set.of("EC"),
            Set.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"), 90, 0, 0),
    INTERMEDIATE(EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Set.of("EC", "RSA"), Set.of("SHA256withRSA", "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"),
            366, 2048, 2048),
    OLD(EnumSet.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Set.of("RSA"), Set.of("SHA256withRSA"), 366, 2048, 1024);

    /** The TLS 1.3 suites all three profiles allow. */
    static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** Key-exchange groups every profile names (X25519, prime256v1, secp384r1). */
    static final Set<String> GROUPS = Set.of("x25519", "secp256r1", "secp384r1");

    private final Set<TlsVersion> versions;
    private final Set<String> suites;
    private final Set<String> certificateKeyTypes;
    private final Set<String> certificateSignatures;
    private final int maxCertificateLifetimeDays;
    private final int minRsaBits;
    private final int minDhBits;

    MozillaProfile(Set<TlsVersion> versions, List<String> suites, Set<String> certificateKeyTypes,
                   Set<String> certificateSignatures, int maxCertificateLifetimeDays, int minRsaBits, int minDhBits) {
        this.versions = versions;
        this.suites = new LinkedHashSet<>(suites);
        this.certificateKeyTypes = certificateKeyTypes;
        this.certificateSignatures = certificateSignatures;
        this.maxCertificateLifetimeDays = maxCertificateLifetimeDays;
        this.minRsaBits = minRsaBits;
        this.minDhBits = minDhBits;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MozillaProfile fromId(String id) {
        for (MozillaProfile p : values()) {
            if (p.id().equalsIgnoreCase(id.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown Mozilla profile '" + id + "' (modern, intermediate, old)");
    }

    public Set<TlsVersion> versions() {
        return versions;
    }

    /** Allowed TLS 1.2-and-below suites by IANA name (TLS 1.3 suites: the three AEAD ones). */
    public Set<String> suites() {
        return suites;
    }

    public int maxCertificateLifetimeDays() {
        return maxCertificateLifetimeDays;
    }

    ProfileCompliance check(List<ProtocolSupport> protocols, CertificateReport certificate) {
        List<String> violations = new ArrayList<>();
        String allowed = versions.stream().map(TlsVersion::displayName).collect(Collectors.joining(", "));
        boolean anyAllowed = false;
        for (ProtocolSupport p : protocols) {
            if (!p.accepted()) {
                continue;
            }
            if (!versions.contains(p.version())) {
                violations.add(p.version().displayName() + " accepted (profile allows " + allowed + ")");
            } else {
                anyAllowed = true;
            }
            List<String> extra = new ArrayList<>();
            for (AcceptedSuite s : p.suites()) {
                String name = s.suite().name();
                boolean ok = s.suite().tls13() ? TLS13_SUITES.contains(name) : suites.contains(name);
                if (!ok) {
                    extra.add(name);
                }
                if (s.keyExchangeGroup() != null) {
                    boolean dh = "DH".equals(s.keyExchangeGroup()) || s.keyExchangeGroup().startsWith("ffdhe");
                    if (dh && s.keyExchangeBits() < minDhBits) {
                        violations.add(p.version().displayName() + " " + name + ": DH " + s.keyExchangeBits()
                                + " bits (profile needs " + minDhBits + ")");
                    } else if (!dh && !GROUPS.contains(s.keyExchangeGroup()) && s.keyExchangeBits() < 256) {
                        violations.add(p.version().displayName() + " " + name + ": ECDH group "
                                + s.keyExchangeGroup() + " below 256 bits");
                    }
                }
            }
            if (!extra.isEmpty() && versions.contains(p.version())) {
                violations.add(p.version().displayName() + " suites outside the profile: " + String.join(", ", extra));
            }
        }
        if (!anyAllowed) {
            violations.add("no protocol of the profile accepted (" + allowed + ")");
        }
        if (this == MODERN && protocols.stream().noneMatch(p -> p.accepted() && p.version() == TlsVersion.TLS_1_3)) {
            violations.add("TLSv1.3 not accepted");
        }
        if (certificate != null) {
            CertificateFacts leaf = certificate.leaf();
            if (!certificateKeyTypes.contains(leaf.keyAlgorithm())) {
                violations.add("certificate key " + leaf.keyAlgorithm() + " (profile allows "
                        + String.join(", ", new java.util.TreeSet<>(certificateKeyTypes)) + ")");
            }
            if (!certificateSignatures.contains(leaf.signatureAlgorithm())) {
                violations.add("certificate signature " + leaf.signatureAlgorithm() + " (profile allows "
                        + String.join(", ", new java.util.TreeSet<>(certificateSignatures)) + ")");
            }
            if (certificate.lifetimeDays() > maxCertificateLifetimeDays) {
                violations.add("certificate lifetime " + certificate.lifetimeDays() + " days (profile maximum "
                        + maxCertificateLifetimeDays + ")");
            }
            if ("RSA".equals(leaf.keyAlgorithm()) && leaf.keyBits() < minRsaBits) {
                violations.add("RSA key " + leaf.keyBits() + " bits (profile needs " + minRsaBits + ")");
            }
        }
        return new ProfileCompliance(this, violations.isEmpty(), violations);
    }
}
