package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Provider;
import java.security.Security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated demo PKI, and proof that starting the demo target changes no process-wide TLS setting. */
class DemoCertificatesTest {

    @Test
    void leafCertificateIsForLocalhostSignedWithSha256ByTheDemoCa() throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            X509Certificate ca = PemTrust.parse(target.caCertificatePem());
            X509Certificate leaf = target.serverCertificate();

            assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=localhost");
            assertThat(leaf.getSubjectAlternativeNames())
                    .extracting(name -> List.of(name.get(0), name.get(1)))
                    .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            leaf.verify(ca.getPublicKey());

            leaf.checkValidity();
            ca.checkValidity();
            Duration remaining = Duration.between(Instant.now(), leaf.getNotAfter().toInstant());
            assertThat(remaining).isBetween(Duration.ofDays(29), Duration.ofDays(31));
            leaf.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(29))));

            assertThat(ca.getBasicConstraints()).isEqualTo(0);
            assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        }
    }

    @Test
    void everyTargetGetsItsOwnCa() throws Exception {
        try (DemoTarget first = new DemoTarget(); DemoTarget second = new DemoTarget()) {
            assertThat(first.caCertificatePem()).isNotEqualTo(second.caCertificatePem());
            assertThat(first.serverCertificate().getSerialNumber())
                    .isNotEqualTo(second.serverCertificate().getSerialNumber());
        }
    }

    @Test
    void caPemHasNoPrivateKeyAndIsWrittenAtomically(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            String pem = target.caCertificatePem();
            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n")
                    .doesNotContain("PRIVATE KEY");
            assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);

            Path file = dir.resolve("demo-ca.pem");
            Files.writeString(file, "old");
            target.writeCaCertificatePem(file);
            assertThat(Files.readString(file)).isEqualTo(pem);
            try (var listing = Files.list(dir)) {
                assertThat(listing.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                        .containsExactly("demo-ca.pem");
            }
        }
    }

    @Test
    void runningTheTargetChangesNoProcessWideTlsDefault() throws Exception {
        var socketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        var hostnameVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
        SSLContext defaultContext = SSLContext.getDefault();
        List<String> providers = List.of(Security.getProviders()).stream().map(Provider::getName).toList();
        String disabledAlgorithms = Security.getProperty("jdk.tls.disabledAlgorithms");

        try (DemoTarget target = new DemoTarget().start()) {
            HttpClient client = HttpClient.newBuilder().sslContext(PemTrust.trusting(target.caCertificatePem()))
                    .version(HttpClient.Version.HTTP_1_1).build();
            assertThat(client.send(HttpRequest.newBuilder(target.uri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(socketFactory);
        assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isSameAs(hostnameVerifier);
        assertThat(SSLContext.getDefault()).isSameAs(defaultContext);
        assertThat(List.of(Security.getProviders()).stream().map(Provider::getName).toList()).isEqualTo(providers);
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).isEqualTo(disabledAlgorithms);
    }
}
