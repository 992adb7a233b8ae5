package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * tls-report.json is written without Jackson (a scan is a short-lived JVM); its text must stay exactly what Jackson's
 * pretty printer wrote before, so scripts that read or diff it see no change.
 */
class TlsReportJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void aFullReportIsWrittenByteForByteAsJacksonWritesIt() throws Exception {
        TlsReport report = report();
        Map<String, Object> tree = TlsReportJson.tree(report);
        assertThat(TlsReportJson.render(report)).isEqualTo(JACKSON.writeValueAsString(tree));
        // and it reads back as the same tree
        assertThat(JACKSON.readValue(TlsReportJson.render(report), Map.class).get("elapsedMs")).isEqualTo(812);
    }

    @Test
    void escapesAndNestingMatchJackson() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quote \" and \\ backslash", "tab\there, new\nline, cr\r, bell\u0007, del\u007F, slash /");
        inner.put("controls", controls.toString());
        inner.put("unicode", "Grüße, 日本, emoji \uD83D\uDE00, nbsp\u00A0, line sep\u2028");
        inner.put("empty object", Map.of());
        inner.put("empty list", List.of());
        inner.put("nulls", Arrays.asList(null, null));
        inner.put("numbers", List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 0.1, 178.888606, 1e-7, 1.0E21,
                Double.NaN, Double.POSITIVE_INFINITY));
        inner.put("booleans", List.of(true, false));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("inner", inner);
        root.put("objects in a list", List.of(Map.of("a", 1), new LinkedHashMap<>(inner), List.of(List.of("x"))));
        root.put("", null);
        assertThat(TlsReportJson.write(root)).isEqualTo(JACKSON.writeValueAsString(root));
        assertThat(TlsReportJson.write(List.of())).isEqualTo(JACKSON.writeValueAsString(List.of()));
        assertThat(TlsReportJson.write("x\u0000")).isEqualTo(JACKSON.writeValueAsString("x\u0000"));
    }

    @Test
    void refusesWhatIsNotAJsonValue() {
        assertThatThrownBy(() -> TlsReportJson.write(Map.of("when", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    }

    /** A report with every part filled in: accepted and refused versions, a chain, findings, notes. */
    static TlsReport report() {
        CipherSuite aes = CipherSuiteCatalog.forId(0xC02F);
        CipherSuite tdes = CipherSuiteCatalog.forId(0x000A);
        List<ProtocolSupport> protocols = new ArrayList<>();
        protocols.add(new ProtocolSupport(TlsVersion.SSL_3_0, false, List.of(), ProtocolSupport.Preference.UNKNOWN,
                "alert protocol_version", true));
        protocols.add(new ProtocolSupport(TlsVersion.TLS_1_2, true,
                List.of(new AcceptedSuite(aes, "x25519", 253), new AcceptedSuite(tdes, null, 0)),
                ProtocolSupport.Preference.SERVER, null, true));
        protocols.add(new ProtocolSupport(TlsVersion.TLS_1_3, false, List.of(), ProtocolSupport.Preference.UNKNOWN,
                "no answer to 3 hellos (no answer within 3000 ms)", false));
        CertificateFacts leaf = new CertificateFacts("CN=localhost", "CN=secperf \"test\" CA", "33bd81188a41b005",
                Instant.parse("2026-12-07T22:44:33Z"), Instant.parse("2026-12-27T22:44:33Z"), "EC", 256,
                "SHA256withECDSA", List.of("localhost", "*.example.org"), List.of("127.0.0.1"), false,
                "8FE3E63E117281D93A3F6C9A8228DEE687C1D89184964D4B15A69E06E1BFED19");
        CertificateFacts ca = new CertificateFacts("CN=secperf \"test\" CA", "CN=secperf \"test\" CA", "01",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z"), "RSA", 2048,
                "SHA256withRSA", List.of(), List.of(), true, "00");
        CertificateReport certificate = new CertificateReport("JDK handshake (TLSv1.2)", List.of(leaf, ca),
                CertificateReport.ChainStatus.TRUSTED, null, "localhost", true, 19, 20, false, false);
        Map<String, String> measurements = new LinkedHashMap<>();
        measurements.put("tls.grade", "C");
        measurements.put("tls.cert.daysLeft", "19");
        return new TlsReport("127.0.0.1", 8443, "localhost", Instant.parse("2026-12-07T22:44:54.662343467Z"), 812,
                15, false, protocols, certificate, TlsReport.SecureRenegotiation.SUPPORTED,
                new RenegotiationResult(RenegotiationResult.Status.VULNERABLE, 10, 10, "10 in a row\tsucceeded"),
                new HstsResult(HstsResult.Status.PRESENT, "max-age=63072000; includeSubDomains", 63_072_000L, true,
                        false, 200, null),
                new HandshakeTiming(List.of(757.534505, 83.747933, 132.1205), 132.1205, "TLSv1.2",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null),
                new Grade("C", 77, "C", List.of("C: 64-bit block cipher"), List.of()),
                new ProfileCompliance(MozillaProfile.INTERMEDIATE, false, List.of("TLSv1.2 suites outside")),
                List.of(new Finding("TLS-CIPH-3DES", Severity.MEDIUM, "64-bit block cipher suites",
                        "TLSv1.2: TLS_RSA_WITH_3DES_EDE_CBC_SHA", "Remove 3DES")),
                measurements, List.of("the server left 2 connections unanswered; \"retried\""));
    }
}
