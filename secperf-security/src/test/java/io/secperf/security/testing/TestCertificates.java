package io.secperf.security.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Test PKI: a CA and a 127.0.0.1/localhost leaf (ECDSA P-256), or a self-signed leaf, kept in memory. Bouncy Castle
 * only builds the certificates; no provider is registered.
 */
public final class TestCertificates {

    private final X509Certificate ca;
    private final X509Certificate leaf;
    private final KeyPair leafKeys;

    private TestCertificates(X509Certificate ca, X509Certificate leaf, KeyPair leafKeys) {
        this.ca = ca;
        this.leaf = leaf;
        this.leafKeys = leafKeys;
    }

    /** A CA-signed leaf: clients trust it through {@link #writeCaPem(Path)}. */
    public static TestCertificates signedByCa() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = ec(random);
            KeyPair leafKeys = ec(random);
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=secperf test CA");
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            X509Certificate ca = sign(caBuilder, caKeys);
            X509Certificate leaf = sign(leafBuilder(ca, leafKeys, random, now), caKeys);
            return new TestCertificates(ca, leaf, leafKeys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed leaf, as on a staging server: only {@code insecure: true} clients accept it. */
    public static TestCertificates selfSigned() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair keys = ec(random);
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name,
                    keys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate leaf = sign(builder, keys);
            return new TestCertificates(leaf, leaf, keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder leafBuilder(X509Certificate ca, KeyPair keys, SecureRandom random,
                                                        Instant now) throws IOException {
        return new JcaX509v3CertificateBuilder(ca, serial(random), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=localhost"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    private static KeyPair ec(SecureRandom random) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("leaf", leafKeys.getPrivate(), new char[0], ca == leaf
                    ? new Certificate[] {leaf} : new Certificate[] {leaf, ca});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the CA certificate as PEM and returns the file. */
    public Path writeCaPem(Path directory) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Path file = directory.resolve("ca.pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }
}
