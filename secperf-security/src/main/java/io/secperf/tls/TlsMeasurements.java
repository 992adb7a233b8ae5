package io.secperf.tls;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compact metric names a {@link TlsReport} exposes for gates. Values are strings: numbers in plain decimal,
 * versions as TLSv1.2 style names (order SSLv3 &lt; TLSv1.0 &lt; TLSv1.1 &lt; TLSv1.2 &lt; TLSv1.3), grades as
 * letters (order in {@link Grade#ORDER}). A key is absent when the value could not be measured.
 */
public final class TlsMeasurements {

    public static final String GRADE = "tls.grade";
    public static final String GRADE_SCORE = "tls.grade.score";
    /** "true" when the probe did not finish and the grade rests on what was answered. */
    public static final String GRADE_PROVISIONAL = "tls.grade.provisional";
    public static final String PROTOCOL_MIN = "tls.protocol.min";
    public static final String PROTOCOL_MAX = "tls.protocol.max";
    public static final String PROTOCOLS = "tls.protocols";
    public static final String SUITES_ACCEPTED = "tls.suites.accepted";
    public static final String SUITES_WEAK = "tls.suites.weak";
    public static final String CERT_DAYS_LEFT = "tls.cert.daysLeft";
    public static final String CERT_KEY_BITS = "tls.cert.keyBits";
    public static final String CERT_TRUSTED = "tls.cert.trusted";
    public static final String CERT_HOST_MATCH = "tls.cert.hostMatch";
    public static final String HANDSHAKE_MS = "tls.handshake.ms";
    public static final String HSTS_MAX_AGE = "tls.hsts.maxAge";
    public static final String RENEGOTIATION_SECURE = "tls.renegotiation.secure";
    public static final String RENEGOTIATION_CLIENT = "tls.renegotiation.client";
    public static final String PROFILE = "tls.profile";
    public static final String PROFILE_COMPLIANT = "tls.profile.compliant";
    public static final String PROFILE_VIOLATIONS = "tls.profile.violations";
    public static final String FINDINGS_PREFIX = "tls.findings.";
    public static final String PROBE_MS = "tls.probe.ms";
    public static final String PROBE_HANDSHAKES = "tls.probe.handshakes";

    private TlsMeasurements() {
    }

    static Map<String, String> of(List<ProtocolSupport> protocols, CertificateReport certificate,
                                  TlsReport.SecureRenegotiation secure, RenegotiationResult renegotiation,
                                  HstsResult hsts, HandshakeTiming timing, Grade grade, ProfileCompliance compliance,
                                  List<Finding> findings, long elapsedMillis, int handshakes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(GRADE, grade.letter());
        m.put(GRADE_SCORE, Integer.toString(grade.score()));
        m.put(GRADE_PROVISIONAL, Boolean.toString(grade.provisional()));
        List<TlsVersion> accepted = protocols.stream().filter(ProtocolSupport::accepted)
                .map(ProtocolSupport::version).sorted().toList();
        m.put(PROTOCOLS, accepted.stream().map(TlsVersion::displayName).collect(Collectors.joining(",")));
        if (!accepted.isEmpty()) {
            m.put(PROTOCOL_MIN, accepted.get(0).displayName());
            m.put(PROTOCOL_MAX, accepted.get(accepted.size() - 1).displayName());
        }
        List<CipherSuite> suites = protocols.stream().flatMap(p -> p.suites().stream())
                .map(AcceptedSuite::suite).toList();
        m.put(SUITES_ACCEPTED, Long.toString(suites.stream().map(CipherSuite::id).distinct().count()));
        m.put(SUITES_WEAK, Long.toString(suites.stream()
                .filter(s -> s.category().compareTo(CipherSuite.Category.TRIPLE_DES_IDEA) <= 0)
                .map(CipherSuite::id).distinct().count()));
        if (certificate != null) {
            m.put(CERT_DAYS_LEFT, Long.toString(certificate.daysLeft()));
            m.put(CERT_KEY_BITS, Integer.toString(certificate.leaf().keyBits()));
            m.put(CERT_TRUSTED, Boolean.toString(certificate.chainStatus() == CertificateReport.ChainStatus.TRUSTED
                    && !certificate.expired() && !certificate.notYetValid()));
            m.put(CERT_HOST_MATCH, Boolean.toString(certificate.nameMatches()));
        }
        if (timing.medianMillis() >= 0) {
            m.put(HANDSHAKE_MS, String.format(Locale.ROOT, "%.1f", timing.medianMillis()));
        }
        if (hsts.status() == HstsResult.Status.PRESENT) {
            m.put(HSTS_MAX_AGE, Long.toString(hsts.maxAgeSeconds()));
        }
        m.put(RENEGOTIATION_SECURE, secure.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put(RENEGOTIATION_CLIENT, renegotiation.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put(PROFILE, compliance.profile().id());
        m.put(PROFILE_COMPLIANT, Boolean.toString(compliance.compliant()));
        m.put(PROFILE_VIOLATIONS, Integer.toString(compliance.violations().size()));
        for (Severity s : Severity.values()) {
            m.put(FINDINGS_PREFIX + s.name().toLowerCase(Locale.ROOT),
                    Long.toString(findings.stream().filter(f -> f.severity() == s).count()));
        }
        m.put(PROBE_MS, Long.toString(elapsedMillis));
        m.put(PROBE_HANDSHAKES, Integer.toString(handshakes));
        return m;
    }
}
