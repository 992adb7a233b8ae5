package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.TlsReport.SecureRenegotiation;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Grade caps on synthetic observations, one rule at a time (the server matrix covers them end to end). */
class TlsGraderTest {

    static final HstsResult NO_HSTS = HstsResult.notTested("test");

    static AcceptedSuite suite(String name, String group, int bits) {
        return new AcceptedSuite(CipherSuiteCatalogTest.suite(name), group, bits);
    }

    static final AcceptedSuite GOOD = suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "x25519", 253);
    static final AcceptedSuite GOOD13 = suite("TLS_AES_256_GCM_SHA384", "x25519", 253);

    static List<ProtocolSupport> protocols(Object... versionAndSuites) {
        List<ProtocolSupport> list = new ArrayList<>();
        for (int i = 0; i < versionAndSuites.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<AcceptedSuite> suites = (List<AcceptedSuite>) versionAndSuites[i + 1];
            list.add(new ProtocolSupport((TlsVersion) versionAndSuites[i], true, suites,
                    ProtocolSupport.Preference.UNKNOWN, null));
        }
        return list;
    }

    static Grade grade(List<ProtocolSupport> p, SecureRenegotiation secure, HstsResult hsts) {
        return TlsGrader.grade(p, null, secure, hsts);
    }

    @Test
    void modernConfigurationsGetA() {
        assertThat(grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD), TlsVersion.TLS_1_3, List.of(GOOD13)),
                SecureRenegotiation.SUPPORTED, NO_HSTS).letter()).isEqualTo("A");
        assertThat(grade(protocols(TlsVersion.TLS_1_3, List.of(GOOD13)), SecureRenegotiation.NOT_APPLICABLE,
                NO_HSTS).letter()).isEqualTo("A");
    }

    @Test
    void warningsLowerToAMinusAndLongHstsRaisesToAPlus() {
        List<ProtocolSupport> p = protocols(TlsVersion.TLS_1_2, List.of(GOOD));
        assertThat(grade(p, SecureRenegotiation.NOT_SUPPORTED, NO_HSTS).letter()).isEqualTo("A-");
        HstsResult year = new HstsResult(HstsResult.Status.PRESENT, "max-age=31536000", 31_536_000L, false, false,
                200, null);
        assertThat(grade(p, SecureRenegotiation.SUPPORTED, year).letter()).isEqualTo("A+");
        assertThat(grade(p, SecureRenegotiation.NOT_SUPPORTED, year).letter()).as("no A+ with warnings")
                .isEqualTo("A-");
        HstsResult shortAge = new HstsResult(HstsResult.Status.PRESENT, "max-age=86400", 86_400L, false, false,
                200, null);
        assertThat(grade(p, SecureRenegotiation.SUPPORTED, shortAge).letter()).isEqualTo("A");
    }

    @Test
    void capsApplyAndTheWorstWins() {
        AcceptedSuite rc4 = suite("TLS_RSA_WITH_RC4_128_SHA", null, 0);
        AcceptedSuite tripleDes = suite("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "secp256r1", 256);
        AcceptedSuite export = suite("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", null, 0);
        AcceptedSuite dh1024 = suite("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DH", 1024);
        AcceptedSuite staticRsa = suite("TLS_RSA_WITH_AES_128_GCM_SHA256", null, 0);
        SecureRenegotiation ok = SecureRenegotiation.SUPPORTED;

        Grade rc4Old = grade(protocols(TlsVersion.TLS_1_0,
                List.of(suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "x25519", 253), rc4)), ok, NO_HSTS);
        assertThat(rc4Old.letter()).as("TLS 1.0 only: no TLS 1.2 caps at C").isEqualTo("C");
        assertThat(rc4Old.caps()).anyMatch(c -> c.startsWith("B: RC4 accepted (SSL Labs"));
        Grade rc4Modern = grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD, rc4)), ok, NO_HSTS);
        assertThat(rc4Modern.letter()).isEqualTo("C");
        assertThat(rc4Modern.caps()).anyMatch(c -> c.startsWith("C: RC4 accepted with TLS 1.1+"));
        assertThat(grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD, tripleDes)), ok, NO_HSTS).letter())
                .isEqualTo("C");
        assertThat(grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD, export)), ok, NO_HSTS).letter())
                .isEqualTo("F");
        assertThat(grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD, dh1024)), ok, NO_HSTS).letter())
                .isEqualTo("B");
        assertThat(grade(protocols(TlsVersion.TLS_1_2, List.of(staticRsa)), ok, NO_HSTS).letter())
                .as("no forward secrecy").isEqualTo("B");
        assertThat(grade(protocols(TlsVersion.SSL_3_0, List.of(rc4)), ok, NO_HSTS).letter()).isEqualTo("F");
        assertThat(grade(List.of(), ok, NO_HSTS).letter()).isEqualTo("F");
    }

    @Test
    void gradeOrderIsUsableByGates() {
        assertThat(Grade.atLeast("A+", "A")).isTrue();
        assertThat(Grade.atLeast("B", "A-")).isFalse();
        assertThat(Grade.atLeast("T", "F")).isFalse();
        assertThat(Grade.atLeast("?", "F")).isFalse();
    }

    @Test
    void unansweredVersionsAreNeverTlsNoneAndOnlyARefusalOfEveryVersionIs() {
        RenegotiationResult reneg = new RenegotiationResult(RenegotiationResult.Status.NOT_TESTED, 0, 10, "test");
        List<ProtocolSupport> silent = new ArrayList<>();
        List<ProtocolSupport> refused = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            silent.add(new ProtocolSupport(v, false, List.of(), ProtocolSupport.Preference.UNKNOWN,
                    "no answer to 3 hellos", v != TlsVersion.TLS_1_3));
            refused.add(new ProtocolSupport(v, false, List.of(), ProtocolSupport.Preference.UNKNOWN,
                    "alert handshake_failure"));
        }
        List<String> silentIds = TlsFindings.collect(silent, null, SecureRenegotiation.NOT_APPLICABLE, reneg,
                NO_HSTS, false, "not answered: TLSv1.3").stream().map(f -> f.id()).toList();
        assertThat(silentIds).contains("TLS-PROBE-INCOMPLETE").doesNotContain("TLS-NONE", "TLS-PROTO-NO-TLS12",
                "TLS-PROTO-NO-TLS13");
        assertThat(grade(silent, SecureRenegotiation.NOT_APPLICABLE, NO_HSTS).caps())
                .containsExactly("F: no SSL/TLS protocol confirmed (the server left hellos unanswered)");
        assertThat(TlsFindings.collect(refused, null, SecureRenegotiation.NOT_APPLICABLE, reneg, NO_HSTS, true, "")
                .stream().map(f -> f.id()).toList()).contains("TLS-NONE").doesNotContain("TLS-PROBE-INCOMPLETE");
    }

    @Test
    void provisionalGradeKeepsItsLetterAndSaysSo() {
        Grade g = grade(protocols(TlsVersion.TLS_1_2, List.of(GOOD)), SecureRenegotiation.SUPPORTED, NO_HSTS);
        assertThat(g.provisional()).isFalse();
        assertThat(g.asProvisional().provisional()).isTrue();
        assertThat(g.asProvisional().letter()).isEqualTo(g.letter());
        assertThat(g.asProvisional().display()).isEqualTo("A (provisional)");
    }
}
