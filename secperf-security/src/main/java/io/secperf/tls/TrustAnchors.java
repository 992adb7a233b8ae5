package io.secperf.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust anchors for chain validation: the JDK's default trust store or the CA certificates of a file. */
final class TrustAnchors {

    private TrustAnchors() {
    }

    private static final class Default {
        static final Set<X509Certificate> CERTIFICATES = load();

        private static Set<X509Certificate> load() {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x509) {
                        return Set.copyOf(Arrays.asList(x509.getAcceptedIssuers()));
                    }
                }
                return Set.of();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the JDK default trust store: " + e.getMessage(), e);
            }
        }
    }

    /** The JDK's default trust store (cacerts or javax.net.ssl.trustStore), read once. */
    static Set<X509Certificate> jdkDefault() {
        return Default.CERTIFICATES;
    }

    /** Every certificate in a PEM (one or more blocks) or DER file. */
    static Set<X509Certificate> fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            Set<X509Certificate> result = new LinkedHashSet<>();
            for (Certificate c : certs) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return Set.copyOf(result);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("not a certificate file: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    static Set<TrustAnchor> asAnchors(Set<X509Certificate> certificates) {
        return certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }
}
