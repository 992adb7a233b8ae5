package io.secperf.tls;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@link TlsProbe} run found about one endpoint. Immutable.
 *
 * @param host                endpoint host as given
 * @param port                endpoint port
 * @param serverName          SNI and certificate name checked (defaults to the host unless it is an IP literal)
 * @param startedAt           when the probe started
 * @param elapsedMillis       wall time of the probe
 * @param handshakes          connections made (hand-crafted hellos plus JDK handshakes)
 * @param complete            false if the time budget or handshake cap stopped the probe early
 * @param protocols           one entry per probed version, SSLv3 to TLS 1.3
 * @param certificate         the certificate verdicts, or null if no certificate could be obtained
 * @param secureRenegotiation RFC 5746 support as the ServerHello of TLS 1.2 and below shows it
 * @param clientRenegotiation client-initiated renegotiation verdict
 * @param hsts                Strict-Transport-Security verdict
 * @param handshake           full-handshake time as the JDK client measures it
 * @param grade               SSL-Labs-style grade
 * @param compliance          Mozilla profile compliance
 * @param findings            problems found, most severe first
 * @param measurements        compact metrics for gates (keys in {@link TlsMeasurements})
 * @param notes               what could not be checked and why
 */
public record TlsReport(String host, int port, String serverName, Instant startedAt, long elapsedMillis,
                        int handshakes, boolean complete, List<ProtocolSupport> protocols,
                        CertificateReport certificate, SecureRenegotiation secureRenegotiation,
                        RenegotiationResult clientRenegotiation, HstsResult hsts, HandshakeTiming handshake,
                        Grade grade, ProfileCompliance compliance, List<Finding> findings,
                        Map<String, String> measurements, List<String> notes) {

    /** RFC 5746 support: the renegotiation_info extension in the ServerHello. */
    public enum SecureRenegotiation {
        SUPPORTED, NOT_SUPPORTED,
        /** Only TLS 1.3 is accepted, which has no renegotiation. */
        NOT_APPLICABLE
    }

    public TlsReport {
        protocols = List.copyOf(protocols);
        findings = List.copyOf(findings);
        measurements = Map.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    public List<TlsVersion> acceptedVersions() {
        return protocols.stream().filter(ProtocolSupport::accepted).map(ProtocolSupport::version).toList();
    }

    public Optional<ProtocolSupport> protocol(TlsVersion version) {
        return protocols.stream().filter(p -> p.version() == version).findFirst();
    }

    /** Accepted suites of one version (empty if the version is refused). */
    public List<CipherSuite> suites(TlsVersion version) {
        return protocol(version).map(p -> p.suites().stream().map(AcceptedSuite::suite).toList()).orElse(List.of());
    }

    public Optional<CertificateReport> certificateReport() {
        return Optional.ofNullable(certificate);
    }

    public boolean hasFinding(String id) {
        return findings.stream().anyMatch(f -> f.id().equals(id));
    }

    public Optional<Finding> finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }
}
