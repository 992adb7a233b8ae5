package io.secperf.tls;

import java.util.List;

/**
 * The certificate verdicts of a probe: the served chain, whether it validates (PKIX against the configured trust
 * anchors, no revocation checking), whether it names the host, and its time facts.
 *
 * @param source       where the chain came from: "TLS 1.2 handshake" (plaintext Certificate message) or
 *                     "JDK handshake (TLSv1.3)"
 * @param chain        the certificates as served, leaf first
 * @param chainStatus  the trust verdict
 * @param chainDetail  why, in one line (validator message, missing issuer ...)
 * @param checkedName  the host name or IP address matched against the leaf
 * @param nameMatches  the leaf's subjectAltName covers {@code checkedName} (RFC 6125)
 * @param daysLeft     whole days until the leaf expires (negative once expired)
 * @param lifetimeDays the leaf's validity period in days
 * @param expired      the leaf (or any chain certificate) is past notAfter
 * @param notYetValid  the leaf (or any chain certificate) is before notBefore
 */
public record CertificateReport(String source, List<CertificateFacts> chain, ChainStatus chainStatus,
                                String chainDetail, String checkedName, boolean nameMatches, long daysLeft,
                                long lifetimeDays, boolean expired, boolean notYetValid) {

    /** Trust verdicts, judged at a time inside the leaf's validity so expiry is reported on its own. */
    public enum ChainStatus {
        /** A path to a trust anchor validates. */
        TRUSTED,
        /** The leaf is its own issuer and not a trust anchor. */
        SELF_SIGNED,
        /** The chain ends in a self-signed root that is not a trust anchor. */
        UNTRUSTED_ROOT,
        /** The last served certificate's issuer was neither served nor is a trust anchor. */
        INCOMPLETE,
        /** A path exists but does not validate (bad signature, constraints, an expired intermediate ...). */
        INVALID
    }

    public CertificateReport {
        chain = List.copyOf(chain);
    }

    public CertificateFacts leaf() {
        return chain.get(0);
    }
}
