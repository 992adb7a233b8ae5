package io.secperf.tls;

/**
 * A suite the server agreed to, with the ephemeral key exchange it used (from ServerKeyExchange or key_share).
 *
 * @param suite            the suite
 * @param keyExchangeGroup x25519, secp256r1, ffdhe2048, "DH" for explicit DHE primes, or null (static RSA ...)
 * @param keyExchangeBits  group or prime size in bits (x25519 counts 253, as OpenSSL reports it), 0 if none
 */
public record AcceptedSuite(CipherSuite suite, String keyExchangeGroup, int keyExchangeBits) {
}
