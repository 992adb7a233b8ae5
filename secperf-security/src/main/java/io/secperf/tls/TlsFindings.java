package io.secperf.tls;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns probe observations into findings. Ids, severities and criteria are listed with their sources in
 * docs/security-checks.md ("## TLS"); this class is the single place they are decided.
 */
final class TlsFindings {

    static final long CERT_DAYS_HIGH = 30;
    static final long CERT_DAYS_MEDIUM = 60;
    static final long CERT_MAX_LIFETIME_DAYS = 398;
    static final long HSTS_MIN_SECONDS = 15_552_000L;

    private final List<Finding> findings = new ArrayList<>();

    private TlsFindings() {
    }

    static List<Finding> collect(List<ProtocolSupport> protocols, CertificateReport certificate,
                                 TlsReport.SecureRenegotiation secureRenegotiation,
                                 RenegotiationResult renegotiation, HstsResult hsts, boolean complete,
                                 String incompleteEvidence) {
        TlsFindings f = new TlsFindings();
        f.protocols(protocols);
        f.suites(protocols);
        if (certificate != null) {
            f.certificate(certificate);
        }
        if (secureRenegotiation == TlsReport.SecureRenegotiation.NOT_SUPPORTED) {
            f.add("RENEG-INSECURE", Severity.HIGH, "No RFC 5746 secure renegotiation",
                    "the ServerHello carries no renegotiation_info extension although the hello sent the SCSV",
                    "Upgrade the TLS library; any renegotiation without RFC 5746 allows request injection "
                            + "(CVE-2009-3555)");
        }
        if (renegotiation.status() == RenegotiationResult.Status.VULNERABLE) {
            f.add("RENEG-CLIENT", Severity.MEDIUM, "Client-initiated renegotiation accepted",
                    renegotiation.detail(),
                    "Disable client-initiated renegotiation (nginx and OpenSSL 3 do by default); each one costs "
                            + "the server a full handshake, a cheap CPU-exhaustion lever");
        }
        f.hsts(hsts);
        if (!complete) {
            f.add("TLS-PROBE-INCOMPLETE", Severity.MEDIUM, "Probe incomplete: the grade is provisional",
                    incompleteEvidence, "Probe again when the server is less busy, or raise the timeouts, the time "
                            + "budget or the connection cap; what was not answered is not known to be refused");
        }
        f.findings.sort(Comparator.comparing(Finding::severity).reversed());
        return List.copyOf(f.findings);
    }

    private void add(String id, Severity severity, String title, String evidence, String remediation) {
        findings.add(new Finding(id, severity, title, evidence, remediation));
    }

    private void protocols(List<ProtocolSupport> protocols) {
        List<TlsVersion> accepted = protocols.stream().filter(ProtocolSupport::accepted)
                .map(ProtocolSupport::version).toList();
        if (accepted.isEmpty()) {
            if (!protocols.stream().allMatch(ProtocolSupport::complete)) {
                return; // not every version answered: no verdict, TLS-PROBE-INCOMPLETE says so
            }
            String why = protocols.stream().map(p -> p.version() + ": " + p.detail()).collect(Collectors.joining("; "));
            add("TLS-NONE", Severity.CRITICAL, "No SSL/TLS protocol accepted", why,
                    "Check that the port serves TLS directly (not STARTTLS or plain HTTP)");
            return;
        }
        String offered = accepted.stream().map(TlsVersion::displayName).collect(Collectors.joining(", "));
        if (accepted.contains(TlsVersion.SSL_3_0)) {
            add("TLS-PROTO-SSL3", Severity.HIGH, "SSLv3 accepted", "accepted: " + offered,
                    "Disable SSLv3 (POODLE, RFC 7568)");
        }
        if (accepted.contains(TlsVersion.TLS_1_0)) {
            add("TLS-PROTO-TLS10", Severity.MEDIUM, "TLS 1.0 accepted", "accepted: " + offered,
                    "Disable TLS 1.0 (deprecated by RFC 8996)");
        }
        if (accepted.contains(TlsVersion.TLS_1_1)) {
            add("TLS-PROTO-TLS11", Severity.MEDIUM, "TLS 1.1 accepted", "accepted: " + offered,
                    "Disable TLS 1.1 (deprecated by RFC 8996)");
        }
        List<TlsVersion> refused = protocols.stream().filter(p -> !p.accepted() && p.complete())
                .map(ProtocolSupport::version).toList();
        if (refused.contains(TlsVersion.TLS_1_2) && refused.contains(TlsVersion.TLS_1_3)) {
            add("TLS-PROTO-NO-TLS12", Severity.HIGH, "Neither TLS 1.2 nor TLS 1.3 accepted",
                    "accepted: " + offered, "Enable TLS 1.2 and TLS 1.3");
        }
        if (refused.contains(TlsVersion.TLS_1_3)) {
            add("TLS-PROTO-NO-TLS13", Severity.INFO, "TLS 1.3 not accepted", "accepted: " + offered,
                    "Enable TLS 1.3");
        }
    }

    private void suites(List<ProtocolSupport> protocols) {
        suiteFinding(protocols, s -> s.nullCipher(), "TLS-CIPH-NULL", Severity.CRITICAL,
                "NULL cipher suites accepted (no encryption)", "Remove NULL suites (eNULL)");
        suiteFinding(protocols, s -> s.anonymous() && !s.nullCipher(), "TLS-CIPH-ANON", Severity.CRITICAL,
                "Anonymous cipher suites accepted (no authentication)", "Remove anonymous suites (aNULL)");
        suiteFinding(protocols, CipherSuite::export, "TLS-CIPH-EXPORT", Severity.CRITICAL,
                "EXPORT cipher suites accepted", "Remove EXPORT suites (FREAK, Logjam)");
        suiteFinding(protocols, CipherSuite::rc4, "TLS-CIPH-RC4", Severity.HIGH, "RC4 cipher suites accepted",
                "Remove RC4 suites (RFC 7465)");
        suiteFinding(protocols, s -> !s.export() && !s.nullCipher() && !s.rc4() && (s.singleDes() || s.bits() < 112
                        || s.encryption().startsWith("RC2")), "TLS-CIPH-LOW", Severity.HIGH,
                "Cipher suites below 112 bits (DES, RC2) accepted", "Remove DES and RC2 suites");
        suiteFinding(protocols, s -> s.block64() && !s.singleDes() && !s.encryption().startsWith("RC2"),
                "TLS-CIPH-3DES", Severity.MEDIUM, "64-bit block cipher suites (3DES, IDEA) accepted",
                "Remove 3DES and IDEA suites (SWEET32, CVE-2016-2183)");
        suiteFinding(protocols, s -> s.cbc() && !s.block64(), "TLS-CIPH-CBC", Severity.LOW,
                "CBC cipher suites accepted", "Prefer AEAD suites (GCM, ChaCha20-Poly1305); CBC in TLS has a "
                        + "history of padding-oracle attacks (Lucky13, POODLE-TLS)");
        suiteFinding(protocols, s -> !s.forwardSecrecy() && !s.nullCipher() && !s.anonymous(), "TLS-CIPH-NOFS",
                Severity.MEDIUM, "Cipher suites without forward secrecy accepted (static RSA/DH/ECDH)",
                "Offer only ECDHE/DHE key exchange; a leaked server key then cannot decrypt recorded traffic");
        List<AcceptedSuite> all = protocols.stream().filter(ProtocolSupport::accepted)
                .flatMap(p -> p.suites().stream()).toList();
        if (!all.isEmpty() && all.stream().noneMatch(s -> s.suite().forwardSecrecy())) {
            add("TLS-FS-NONE", Severity.HIGH, "No forward secrecy", "no accepted suite uses an ephemeral key exchange",
                    "Enable ECDHE suites (and TLS 1.3)");
        }
        Map<String, String> weakKex = new LinkedHashMap<>();
        Severity kexSeverity = Severity.MEDIUM;
        for (ProtocolSupport p : protocols) {
            for (AcceptedSuite s : p.suites()) {
                if (s.keyExchangeGroup() == null || s.keyExchangeBits() <= 0) {
                    continue;
                }
                boolean dh = "DH".equals(s.keyExchangeGroup()) || s.keyExchangeGroup().startsWith("ffdhe");
                if (dh && s.keyExchangeBits() < 2048 || !dh && s.keyExchangeBits() < 224) {
                    weakKex.put(p.version() + " " + s.suite().name(), s.keyExchangeGroup() + " " + s.keyExchangeBits());
                    if (dh && s.keyExchangeBits() < 1024 || !dh) {
                        kexSeverity = Severity.HIGH;
                    }
                }
            }
        }
        if (!weakKex.isEmpty()) {
            add("TLS-KEX-WEAK", kexSeverity, "Weak ephemeral key exchange (DH < 2048 or ECDH < 224 bits)",
                    weakKex.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")),
                    "Use DH groups of 2048 bits or more (RFC 7919 ffdhe2048) and the curves X25519, P-256, P-384");
        }
    }

    private void suiteFinding(List<ProtocolSupport> protocols, Predicate<CipherSuite> match, String id,
                              Severity severity, String title, String remediation) {
        List<String> hits = new ArrayList<>();
        for (ProtocolSupport p : protocols) {
            List<String> names = p.suites().stream().map(AcceptedSuite::suite).filter(match)
                    .map(CipherSuite::name).toList();
            if (!names.isEmpty()) {
                hits.add(p.version().displayName() + ": " + String.join(", ", names));
            }
        }
        if (!hits.isEmpty()) {
            add(id, severity, title, String.join("; ", hits), remediation);
        }
    }

    private void certificate(CertificateReport c) {
        CertificateFacts leaf = c.leaf();
        String who = "'" + leaf.subject() + "'";
        if (c.expired()) {
            add("CERT-EXP", Severity.CRITICAL, "Certificate expired",
                    who + " expired " + leaf.notAfter() + " (" + (-c.daysLeft()) + " days ago)",
                    "Renew the certificate and automate renewal (ACME)");
        } else if (c.notYetValid()) {
            add("CERT-NOTYET", Severity.CRITICAL, "Certificate not yet valid",
                    who + " is valid from " + leaf.notBefore(), "Check the server clock and the certificate dates");
        } else if (c.daysLeft() < CERT_DAYS_HIGH) {
            add("CERT-DAYS", Severity.HIGH, "Certificate expires in less than 30 days",
                    who + " expires " + leaf.notAfter() + " (" + c.daysLeft() + " days left)",
                    "Renew now and automate renewal (ACME)");
        } else if (c.daysLeft() < CERT_DAYS_MEDIUM) {
            add("CERT-DAYS", Severity.MEDIUM, "Certificate expires in less than 60 days",
                    who + " expires " + leaf.notAfter() + " (" + c.daysLeft() + " days left)",
                    "Plan the renewal and automate it (ACME)");
        }
        if (c.lifetimeDays() > CERT_MAX_LIFETIME_DAYS) {
            add("CERT-LIFE", Severity.MEDIUM, "Certificate lifetime over 398 days",
                    who + " is valid for " + c.lifetimeDays() + " days (" + leaf.notBefore() + " to "
                            + leaf.notAfter() + ")",
                    "Issue certificates for at most 398 days (CA/Browser Forum Baseline Requirements)");
        }
        switch (c.chainStatus()) {
            case SELF_SIGNED -> add("CERT-SELF", Severity.CRITICAL, "Self-signed certificate", c.chainDetail(),
                    "Use a certificate from a CA the clients trust");
            case UNTRUSTED_ROOT -> add("CERT-CHAIN", Severity.CRITICAL, "Certificate chain ends in an untrusted root",
                    c.chainDetail(), "Use a certificate from a CA the clients trust (or pass its CA with --ca)");
            case INCOMPLETE -> add("CERT-CHAIN", Severity.HIGH, "Incomplete certificate chain", c.chainDetail(),
                    "Serve the intermediate certificates along with the leaf");
            case INVALID -> add("CERT-CHAIN", Severity.CRITICAL, "Certificate chain does not validate",
                    c.chainDetail(), "Serve a chain that validates to a trusted root");
            default -> { }
        }
        if (!c.nameMatches()) {
            add("CERT-HOST", Severity.HIGH, "Certificate does not match the host name",
                    c.checkedName() + " not in subjectAltName (DNS: " + leaf.dnsNames() + ", IP: "
                            + leaf.ipAddresses() + ")",
                    "Issue the certificate for the name clients use (subjectAltName; the CN is not consulted)");
        }
        String keyType = leaf.keyAlgorithm();
        if ("RSA".equals(keyType) || "DSA".equals(keyType)) {
            if (leaf.keyBits() < 1024) {
                add("CERT-KEY", Severity.CRITICAL, "Certificate key far too small",
                        keyType + " " + leaf.keyBits() + " bits", "Use RSA 2048+ or ECDSA P-256");
            } else if (leaf.keyBits() < 2048) {
                add("CERT-KEY", Severity.HIGH, "Certificate key too small", keyType + " " + leaf.keyBits() + " bits",
                        "Use RSA 2048+ or ECDSA P-256");
            }
        } else if ("EC".equals(keyType) && leaf.keyBits() < 256) {
            add("CERT-KEY", Severity.HIGH, "Certificate key too small", "EC " + leaf.keyBits() + " bits",
                    "Use ECDSA P-256 or P-384");
        }
        String weakest = TlsGrader.weakestSignature(c);
        if (weakest != null) {
            boolean md = weakest.toUpperCase(java.util.Locale.ROOT).contains("MD");
            add("CERT-SIG", md ? Severity.CRITICAL : Severity.HIGH,
                    "Certificate chain signed with " + (md ? "MD5/MD2" : "SHA-1"),
                    "signature algorithm " + weakest + " in the served chain",
                    "Reissue with SHA-256 or better (SHA-1 collisions: SHAttered 2017)");
        }
    }

    private void hsts(HstsResult hsts) {
        switch (hsts.status()) {
            case MISSING -> add("HSTS-MISSING", Severity.MEDIUM, "No Strict-Transport-Security header",
                    hsts.detail(), "Send Strict-Transport-Security: max-age=63072000 (Mozilla: two years)");
            case MALFORMED -> add("HSTS-MALFORMED", Severity.MEDIUM, "Malformed Strict-Transport-Security header",
                    "'" + hsts.header() + "': " + hsts.detail(),
                    "Send Strict-Transport-Security: max-age=63072000 (RFC 6797 syntax)");
            case PRESENT -> {
                if (hsts.maxAgeSeconds() == 0) {
                    add("HSTS-SHORT", Severity.MEDIUM, "HSTS max-age is 0 (HSTS switched off)",
                            "'" + hsts.header() + "'", "Send max-age=63072000");
                } else if (hsts.maxAgeSeconds() < HSTS_MIN_SECONDS) {
                    add("HSTS-SHORT", Severity.LOW, "HSTS max-age below 180 days",
                            "max-age=" + hsts.maxAgeSeconds() + " (" + hsts.maxAgeSeconds() / 86_400 + " days)",
                            "Send max-age=63072000 (Mozilla: two years; testssl.sh warns below 180 days)");
                }
            }
            default -> { }
        }
    }
}
