package io.secperf.tls;

import java.time.Instant;
import java.util.List;

/**
 * What one certificate of the served chain says, in the terms the checks use.
 *
 * @param subject            subject DN (RFC 2253)
 * @param issuer             issuer DN (RFC 2253)
 * @param serialHex          serial number in hex
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param keyAlgorithm       RSA, EC, DSA, Ed25519, Ed448 ...
 * @param keyBits            modulus bits (RSA, DSA) or field bits (EC, EdDSA)
 * @param signatureAlgorithm how the issuer signed it, e.g. SHA256withRSA
 * @param dnsNames           subjectAltName dNSName entries
 * @param ipAddresses        subjectAltName iPAddress entries
 * @param selfSigned         issuer equals subject and the signature verifies with its own key
 * @param sha256Fingerprint  SHA-256 of the DER encoding, hex
 */
public record CertificateFacts(String subject, String issuer, String serialHex, Instant notBefore, Instant notAfter,
                               String keyAlgorithm, int keyBits, String signatureAlgorithm, List<String> dnsNames,
                               List<String> ipAddresses, boolean selfSigned, String sha256Fingerprint) {

    public CertificateFacts {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }
}
