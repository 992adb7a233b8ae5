package io.secperf.tls;

import io.secperf.tls.CertificateReport.ChainStatus;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a served certificate chain: PKIX validation against the given anchors (no revocation), RFC 6125 host
 * matching, and the time facts. Trust is validated at the moment closest to now at which every served certificate
 * is within its validity, so an expired but otherwise trusted certificate reads "expired", not "untrusted".
 */
final class CertificateInspector {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private CertificateInspector() {
    }

    static List<X509Certificate> parse(List<byte[]> der) throws GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        for (byte[] d : der) {
            certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
        }
        return certs;
    }

    static CertificateReport inspect(List<X509Certificate> served, String source, Set<X509Certificate> anchors,
                                     String checkedName, Instant now) {
        List<CertificateFacts> facts = served.stream().map(CertificateInspector::facts).toList();
        X509Certificate leaf = served.get(0);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        boolean expired = false;
        boolean notYetValid = false;
        for (X509Certificate c : served) {
            if (isSelfSigned(c) && anchors.contains(c)) {
                continue;
            }
            expired |= now.isAfter(c.getNotAfter().toInstant());
            notYetValid |= now.isBefore(c.getNotBefore().toInstant());
        }
        long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
        long lifetime = Duration.between(notBefore, notAfter).toDays();
        Instant windowStart = Instant.MIN;
        Instant windowEnd = Instant.MAX;
        for (X509Certificate c : served) {
            if (isSelfSigned(c) && anchors.contains(c)) {
                continue;
            }
            windowStart = max(windowStart, c.getNotBefore().toInstant());
            windowEnd = min(windowEnd, c.getNotAfter().toInstant());
        }
        Instant validationTime = now;
        if (!windowStart.isAfter(windowEnd)) {
            validationTime = min(max(now, windowStart), windowEnd);
        }
        String[] verdict = new String[1];
        ChainStatus status = validate(served, anchors, validationTime, verdict);
        boolean matches = nameMatches(leaf, checkedName);
        return new CertificateReport(source, facts, status, verdict[0], checkedName, matches, daysLeft, lifetime,
                expired, notYetValid);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ChainStatus validate(List<X509Certificate> served, Set<X509Certificate> anchors, Instant at,
                                        String[] detail) {
        X509Certificate leaf = served.get(0);
        if (anchors.contains(leaf)) {
            detail[0] = "the leaf itself is a trust anchor";
            return ChainStatus.TRUSTED;
        }
        List<X509Certificate> path = orderedPath(served);
        X509Certificate last = path.get(path.size() - 1);
        if (isSelfSigned(last)) {
            if (!anchors.contains(last)) {
                if (path.size() == 1) {
                    detail[0] = "self-signed: " + leaf.getSubjectX500Principal().getName();
                    return ChainStatus.SELF_SIGNED;
                }
                detail[0] = "root '" + last.getSubjectX500Principal().getName() + "' is not a trust anchor";
                return ChainStatus.UNTRUSTED_ROOT;
            }
            path = path.subList(0, path.size() - 1);
        } else if (anchors.stream().noneMatch(a -> a.getSubjectX500Principal().equals(last.getIssuerX500Principal()))) {
            detail[0] = "issuer '" + last.getIssuerX500Principal().getName()
                    + "' was not served and is not a trust anchor (missing intermediate or unknown CA)";
            return ChainStatus.INCOMPLETE;
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPath certPath = cf.generateCertPath(path);
            Set<TrustAnchor> trustAnchors = TrustAnchors.asAnchors(anchors);
            PKIXParameters params = new PKIXParameters(trustAnchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            detail[0] = "validates to '" + path.get(path.size() - 1).getIssuerX500Principal().getName() + "'";
            return ChainStatus.TRUSTED;
        } catch (CertPathValidatorException e) {
            detail[0] = "does not validate: " + e.getMessage()
                    + (e.getReason() != null ? " (" + e.getReason() + ")" : "");
            return ChainStatus.INVALID;
        } catch (GeneralSecurityException e) {
            detail[0] = "cannot validate: " + e.getMessage();
            return ChainStatus.INVALID;
        }
    }

    /** Leaf, its issuer, that one's issuer ... as far as the served certificates go (servers send them unordered). */
    private static List<X509Certificate> orderedPath(List<X509Certificate> served) {
        List<X509Certificate> path = new ArrayList<>();
        Set<X509Certificate> unused = new LinkedHashSet<>(served);
        X509Certificate current = served.get(0);
        unused.remove(current);
        path.add(current);
        while (!isSelfSigned(current)) {
            X509Certificate issuer = null;
            for (X509Certificate c : unused) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && verifies(current, c.getPublicKey())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            unused.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    static boolean isSelfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && verifies(c, c.getPublicKey());
    }

    private static boolean verifies(X509Certificate c, PublicKey key) {
        try {
            c.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static CertificateFacts facts(X509Certificate c) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        dns.add(String.valueOf(san.get(1)));
                    } else if (type == 7) {
                        ips.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable SAN extension leaves the lists empty: the host check then fails, which is the verdict
        }
        PublicKey key = c.getPublicKey();
        return new CertificateFacts(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                keyAlgorithm(key), keyBits(key), c.getSigAlgName(), dns, ips, isSelfSigned(c), fingerprint(c));
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        return key.getAlgorithm();
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equalsIgnoreCase(ed.getParams().getName()) ? 448 : 255;
        }
        return 0;
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    /** RFC 6125 §6.4 matching against subjectAltName only (CA/Browser Forum: the CN is not consulted). */
    static boolean nameMatches(X509Certificate leaf, String name) {
        CertificateFacts f = facts(leaf);
        String host = name.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (isIpLiteral(host)) {
            InetAddress target = literal(host);
            for (String ip : f.ipAddresses()) {
                if (isIpLiteral(ip) && target != null && target.equals(literal(ip))) {
                    return true;
                }
            }
            return false;
        }
        for (String dns : f.dnsNames()) {
            if (dnsMatches(dns, host)) {
                return true;
            }
        }
        return false;
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.contains("*")) {
            return p.equals(host);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = p.substring(2);
        if (!suffix.contains(".")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(suffix);
    }

    static boolean isIpLiteral(String s) {
        return IPV4.matcher(s).matches() || (s.contains(":") && s.matches("[0-9a-fA-F:.\\[\\]%]+"));
    }

    private static InetAddress literal(String s) {
        try {
            String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
