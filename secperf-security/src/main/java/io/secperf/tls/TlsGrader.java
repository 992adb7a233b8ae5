package io.secperf.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * SSL-Labs-style grading. The score follows the SSL Labs rating guide (2009q): protocol support 30 %, key exchange
 * 30 %, cipher strength 40 %, each the average of best and worst; 80+ is A, 65+ B, 50+ C, 35+ D, 20+ E, else F.
 * The caps follow the SSL Labs grading announcements and testssl.sh's implementation of them; docs/security-checks.md
 * lists each with its source. Deliberate simplification: SSL Labs only penalises RC4, 3DES and missing forward
 * secrecy when its browser simulations negotiate them; the probe has no browser simulations, so any acceptance
 * counts.
 */
final class TlsGrader {

    static final long HSTS_A_PLUS_SECONDS = 15_552_000L;

    private TlsGrader() {
    }

    static Grade grade(List<ProtocolSupport> protocols, CertificateReport certificate,
                       TlsReport.SecureRenegotiation secureRenegotiation, HstsResult hsts) {
        List<ProtocolSupport> accepted = protocols.stream().filter(ProtocolSupport::accepted).toList();
        if (accepted.isEmpty()) {
            boolean verdict = protocols.stream().allMatch(ProtocolSupport::complete);
            return new Grade("F", 0, "F", List.of(verdict ? "F: no SSL/TLS protocol accepted"
                    : "F: no SSL/TLS protocol confirmed (the server left hellos unanswered)"), List.of());
        }
        List<AcceptedSuite> suites = accepted.stream().flatMap(p -> p.suites().stream()).toList();

        int best = accepted.stream().mapToInt(p -> protocolScore(p.version())).max().orElse(0);
        int worst = accepted.stream().mapToInt(p -> protocolScore(p.version())).min().orElse(0);
        double protocolScore = (best + worst) / 2.0;

        int keyScore = 100;
        if (certificate != null) {
            CertificateFacts leaf = certificate.leaf();
            keyScore = Math.min(keyScore, "EC".equals(leaf.keyAlgorithm()) ? ecScore(leaf.keyBits())
                    : leaf.keyAlgorithm().startsWith("Ed") ? 100 : modulusScore(leaf.keyBits()));
        }
        for (AcceptedSuite s : suites) {
            if (s.suite().anonymous()) {
                keyScore = 0;
            } else if (s.suite().export()) {
                keyScore = Math.min(keyScore, 40);
            }
            if (s.keyExchangeGroup() != null && s.keyExchangeBits() > 0) {
                boolean dh = "DH".equals(s.keyExchangeGroup()) || s.keyExchangeGroup().startsWith("ffdhe");
                keyScore = Math.min(keyScore, dh ? modulusScore(s.keyExchangeBits()) : ecScore(s.keyExchangeBits()));
            }
        }
        int strongest = suites.stream().mapToInt(s -> cipherScore(s.suite().bits())).max().orElse(0);
        int weakest = suites.stream().mapToInt(s -> cipherScore(s.suite().bits())).min().orElse(0);
        double cipherScore = (strongest + weakest) / 2.0;
        int score = (int) Math.round(0.3 * protocolScore + 0.3 * keyScore + 0.4 * cipherScore);

        String letter = score >= 80 ? "A" : score >= 65 ? "B" : score >= 50 ? "C" : score >= 35 ? "D"
                : score >= 20 ? "E" : "F";
        Caps caps = new Caps(letter);

        boolean ssl3 = accepted.stream().anyMatch(p -> p.version() == TlsVersion.SSL_3_0);
        if (ssl3 && accepted.size() == 1) {
            caps.cap("F", "SSLv3 is the best protocol accepted (SSL Labs, POODLE 2014)");
        } else if (ssl3) {
            caps.cap("B", "SSLv3 accepted (SSL Labs)");
        }
        if (accepted.stream().anyMatch(p -> p.version() == TlsVersion.TLS_1_0 || p.version() == TlsVersion.TLS_1_1)) {
            caps.cap("B", "TLS 1.0 or 1.1 accepted (SSL Labs, January 2020)");
        }
        if (accepted.stream().noneMatch(p -> p.version().compareTo(TlsVersion.TLS_1_2) >= 0)) {
            caps.cap("C", "neither TLS 1.2 nor TLS 1.3 accepted (SSL Labs, May 2015)");
        }
        if (suites.stream().noneMatch(s -> s.suite().forwardSecrecy())) {
            caps.cap("B", "no suite with forward secrecy (SSL Labs, 2018)");
        }
        for (ProtocolSupport p : accepted) {
            boolean modern = p.version().compareTo(TlsVersion.TLS_1_1) >= 0;
            for (AcceptedSuite s : p.suites()) {
                CipherSuite c = s.suite();
                if (c.rc4()) {
                    caps.cap(modern ? "C" : "B", "RC4 accepted" + (modern ? " with TLS 1.1+" : "")
                            + " (SSL Labs, 2015)");
                }
                if (c.block64() && modern) {
                    caps.cap("C", "64-bit block cipher with TLS 1.1+ (SSL Labs, 2017, SWEET32)");
                }
                if (c.export()) {
                    caps.cap("F", "export suite accepted (SSL Labs rating guide)");
                }
                if (c.bits() < 112) {
                    caps.cap("F", "suite weaker than 112 bits accepted (SSL Labs rating guide, testssl.sh)");
                }
                if (c.anonymous()) {
                    caps.cap("F", "anonymous suite accepted (SSL Labs rating guide)");
                }
                if (s.keyExchangeGroup() != null && s.keyExchangeBits() > 0) {
                    boolean dh = "DH".equals(s.keyExchangeGroup()) || s.keyExchangeGroup().startsWith("ffdhe");
                    if (dh && s.keyExchangeBits() < 1024) {
                        caps.cap("F", "DH key exchange below 1024 bits (SSL Labs, Logjam 2015)");
                    } else if (dh && s.keyExchangeBits() < 2048) {
                        caps.cap("B", "DH key exchange below 2048 bits (SSL Labs, Logjam 2015)");
                    } else if (!dh && s.keyExchangeBits() < 123) {
                        caps.cap("F", "ECDH key exchange below 123 bits (SSL Labs rating guide)");
                    } else if (!dh && s.keyExchangeBits() < 163) {
                        caps.cap("B", "ECDH key exchange below 163 bits (SSL Labs rating guide)");
                    }
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        if (secureRenegotiation == TlsReport.SecureRenegotiation.NOT_SUPPORTED) {
            warnings.add("no RFC 5746 secure renegotiation (SSL Labs, January 2014: warning)");
        }
        if (certificate != null) {
            CertificateFacts leaf = certificate.leaf();
            boolean ec = "EC".equals(leaf.keyAlgorithm());
            if (!leaf.keyAlgorithm().startsWith("Ed")) {
                if (ec ? leaf.keyBits() < 123 : leaf.keyBits() < 1024) {
                    caps.cap("F", "certificate key " + leaf.keyAlgorithm() + " " + leaf.keyBits()
                            + " bits (SSL Labs, January 2014)");
                } else if (ec ? leaf.keyBits() < 163 : leaf.keyBits() < 2048) {
                    caps.cap("B", "certificate key " + leaf.keyAlgorithm() + " " + leaf.keyBits()
                            + " bits (SSL Labs, January 2014)");
                }
            }
            String weakestSig = weakestSignature(certificate);
            if (weakestSig != null && (weakestSig.contains("MD5") || weakestSig.contains("MD2"))) {
                caps.cap("F", "certificate signed with " + weakestSig + " (SSL Labs, January 2014)");
            }
            if (certificate.chainStatus() == CertificateReport.ChainStatus.INCOMPLETE) {
                caps.cap("B", "incomplete certificate chain (SSL Labs)");
            }
        }
        String ignoringTrust = caps.letter;
        if (!warnings.isEmpty() && ignoringTrust.equals("A")) {
            ignoringTrust = "A-";
        }
        if (ignoringTrust.equals("A") && hsts != null && hsts.status() == HstsResult.Status.PRESENT
                && hsts.maxAgeSeconds() >= HSTS_A_PLUS_SECONDS) {
            ignoringTrust = "A+";
        }
        String finalLetter = ignoringTrust;
        List<String> capList = new ArrayList<>(caps.reasons);
        if (certificate != null) {
            List<String> trust = trustProblems(certificate);
            if (!trust.isEmpty()) {
                finalLetter = "T";
                trust.forEach(t -> capList.add("T: " + t));
            } else if (!certificate.nameMatches()) {
                finalLetter = "M";
                capList.add("M: certificate does not match " + certificate.checkedName() + " (testssl.sh)");
            }
        }
        return new Grade(finalLetter, score, ignoringTrust, capList, warnings);
    }

    private static List<String> trustProblems(CertificateReport c) {
        List<String> problems = new ArrayList<>();
        if (c.expired()) {
            problems.add("certificate expired (SSL Labs)");
        }
        if (c.notYetValid()) {
            problems.add("certificate not yet valid (SSL Labs)");
        }
        switch (c.chainStatus()) {
            case SELF_SIGNED -> problems.add("self-signed certificate (SSL Labs)");
            case UNTRUSTED_ROOT -> problems.add("chain ends in an untrusted root (SSL Labs)");
            case INVALID -> problems.add("chain does not validate (SSL Labs)");
            default -> { }
        }
        String weakest = weakestSignature(c);
        if (weakest != null && weakest.contains("SHA1")) {
            problems.add("certificate signed with " + weakest + " (SSL Labs, 2017)");
        }
        return problems;
    }

    /** The weakest signature in the chain, trust anchors and self-signed roots excluded (their signature is moot). */
    static String weakestSignature(CertificateReport c) {
        String weakest = null;
        int worst = 0;
        for (int i = 0; i < c.chain().size(); i++) {
            CertificateFacts f = c.chain().get(i);
            if (i > 0 && f.selfSigned()) {
                continue;
            }
            String sig = f.signatureAlgorithm().toUpperCase(java.util.Locale.ROOT);
            int rank = sig.contains("MD2") || sig.contains("MD5") ? 2 : sig.contains("SHA1") ? 1 : 0;
            if (rank > worst) {
                worst = rank;
                weakest = f.signatureAlgorithm();
            }
        }
        return weakest;
    }

    private static int protocolScore(TlsVersion v) {
        return switch (v) {
            case SSL_3_0 -> 80;
            case TLS_1_0 -> 90;
            case TLS_1_1 -> 95;
            case TLS_1_2, TLS_1_3 -> 100;
        };
    }

    private static int modulusScore(int bits) {
        return bits < 512 ? 20 : bits < 1024 ? 40 : bits < 2048 ? 80 : bits < 4096 ? 90 : 100;
    }

    private static int ecScore(int bits) {
        return bits < 110 ? 20 : bits < 123 ? 40 : bits < 163 ? 80 : bits < 225 ? 90 : 100;
    }

    private static int cipherScore(int bits) {
        return bits == 0 ? 0 : bits < 128 ? 20 : bits < 256 ? 80 : 100;
    }

    /** The running letter with every cap applied, keeping the worst. */
    private static final class Caps {
        String letter;
        final List<String> reasons = new ArrayList<>();

        Caps(String letter) {
            this.letter = letter;
        }

        void cap(String limit, String reason) {
            String entry = limit + ": " + reason;
            if (!reasons.contains(entry)) {
                reasons.add(entry);
            }
            if (Grade.ORDER.indexOf(limit) > Grade.ORDER.indexOf(letter)) {
                letter = limit;
            }
        }
    }
}
