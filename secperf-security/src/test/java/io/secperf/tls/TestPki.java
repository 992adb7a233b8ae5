package io.secperf.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away certificates for the server matrix, made with Bouncy Castle as the builder only (JDK providers do the
 * crypto, nothing is registered process-wide). Key pairs are generated once and reused, since RSA key generation
 * is the slow part.
 */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    static final KeyPair RSA_2048 = generate("RSA", 2048);
    static final KeyPair RSA_2048_B = generate("RSA", 2048);
    static final KeyPair RSA_1024 = generate("RSA", 1024);
    static final KeyPair EC_A = generateEc();
    static final KeyPair EC_B = generateEc();
    static final KeyPair EC_C = generateEc();

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private TestPki() {
    }

    static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generateEc() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to put in a certificate; defaults give a valid 90-day leaf for localhost and 127.0.0.1. */
    static final class Spec {
        String commonName = "localhost";
        KeyPair keys = EC_C;
        boolean ca;
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        Instant notAfter = Instant.now().plus(Duration.ofDays(90));
        String signatureAlgorithm;
        List<String> dns = new ArrayList<>(List.of("localhost"));
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));

        Spec cn(String cn) {
            this.commonName = cn;
            return this;
        }

        Spec keys(KeyPair keys) {
            this.keys = keys;
            return this;
        }

        Spec ca() {
            this.ca = true;
            this.dns = List.of();
            this.ips = List.of();
            this.notBefore = Instant.now().minus(Duration.ofDays(365));
            this.notAfter = Instant.now().plus(Duration.ofDays(3650));
            return this;
        }

        Spec valid(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        Spec signature(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        Spec names(List<String> dnsNames, List<String> ipAddresses) {
            this.dns = dnsNames;
            this.ips = ipAddresses;
            return this;
        }
    }

    static Spec spec() {
        return new Spec();
    }

    static Issued selfSigned(Spec spec) {
        return sign(spec, null);
    }

    static Issued issue(Issued issuer, Spec spec) {
        return sign(spec, issuer);
    }

    private static Issued sign(Spec spec, Issued issuer) {
        try {
            X500Name subject = new X500Name("CN=" + spec.commonName + ",O=secperf test");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            PrivateKey signingKey = issuer == null ? spec.keys.getPrivate() : issuer.key();
            String algorithm = spec.signatureAlgorithm != null ? spec.signatureAlgorithm
                    : signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore), Date.from(spec.notAfter),
                    subject, spec.keys.getPublic());
            if (spec.ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                List<GeneralName> names = new ArrayList<>();
                spec.dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
                spec.ips.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
            }
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
            return new Issued(cert, spec.keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + spec.commonName + ": " + e, e);
        }
    }

    static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        StringWriter out = new StringWriter();
        for (X509Certificate c : certificates) {
            try {
                out.write(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    static Path writeKey(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return file;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
