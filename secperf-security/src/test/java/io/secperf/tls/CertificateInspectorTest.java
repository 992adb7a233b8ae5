package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.CertificateReport.ChainStatus;
import io.secperf.tls.TestPki.Issued;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CertificateInspectorTest {

    static final Issued ROOT = TestPki.selfSigned(TestPki.spec().cn("unit root").keys(TestPki.EC_A).ca());
    static final Issued INTERMEDIATE = TestPki.issue(ROOT, TestPki.spec().cn("unit intermediate").keys(TestPki.EC_B)
            .ca());

    static CertificateReport inspect(String name, X509Certificate... served) {
        return CertificateInspector.inspect(List.of(served), "test", Set.of(ROOT.certificate()), name, Instant.now());
    }

    @Test
    void wildcardsFollowRfc6125() {
        assertThat(CertificateInspector.dnsMatches("*.example.com", "www.example.com")).isTrue();
        assertThat(CertificateInspector.dnsMatches("*.Example.COM.", "www.example.com")).isTrue();
        assertThat(CertificateInspector.dnsMatches("*.example.com", "example.com")).isFalse();
        assertThat(CertificateInspector.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(CertificateInspector.dnsMatches("*.com", "example.com")).isFalse();
        assertThat(CertificateInspector.dnsMatches("w*.example.com", "www.example.com")).isFalse();
        assertThat(CertificateInspector.dnsMatches("www.*.com", "www.example.com")).isFalse();
        assertThat(CertificateInspector.dnsMatches("www.example.com", "WWW.example.com".toLowerCase())).isTrue();
    }

    @Test
    void hostMatchUsesSubjectAltNamesOnly() {
        Issued leaf = TestPki.issue(INTERMEDIATE, TestPki.spec().cn("cn-only.example")
                .names(List.of("*.example.org"), List.of("127.0.0.1", "::1")));
        X509Certificate c = leaf.certificate();
        assertThat(CertificateInspector.nameMatches(c, "api.example.org")).isTrue();
        assertThat(CertificateInspector.nameMatches(c, "cn-only.example")).as("CN is not consulted").isFalse();
        assertThat(CertificateInspector.nameMatches(c, "127.0.0.1")).isTrue();
        assertThat(CertificateInspector.nameMatches(c, "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(CertificateInspector.nameMatches(c, "127.0.0.2")).isFalse();
    }

    @Test
    void trustedChainServedOutOfOrder() {
        Issued leaf = TestPki.issue(INTERMEDIATE, TestPki.spec());
        CertificateReport r = inspect("localhost", leaf.certificate(), ROOT.certificate(),
                INTERMEDIATE.certificate());
        assertThat(r.chainStatus()).as(r.chainDetail()).isEqualTo(ChainStatus.TRUSTED);
        assertThat(r.nameMatches()).isTrue();
        assertThat(r.daysLeft()).isBetween(89L, 90L);
        assertThat(r.lifetimeDays()).isEqualTo(90);
        assertThat(r.leaf().keyAlgorithm()).isEqualTo("EC");
        assertThat(r.leaf().keyBits()).isEqualTo(256);
    }

    @Test
    void distinguishesSelfSignedUntrustedIncompleteAndInvalid() {
        assertThat(inspect("localhost", TestPki.selfSigned(TestPki.spec()).certificate()).chainStatus())
                .isEqualTo(ChainStatus.SELF_SIGNED);
        Issued other = TestPki.selfSigned(TestPki.spec().cn("other root").keys(TestPki.EC_C).ca());
        assertThat(inspect("localhost", TestPki.issue(other, TestPki.spec()).certificate(), other.certificate())
                .chainStatus()).isEqualTo(ChainStatus.UNTRUSTED_ROOT);
        CertificateReport incomplete = inspect("localhost", TestPki.issue(INTERMEDIATE, TestPki.spec()).certificate());
        assertThat(incomplete.chainStatus()).isEqualTo(ChainStatus.INCOMPLETE);
        assertThat(incomplete.chainDetail()).contains("unit intermediate");

        Instant now = Instant.now();
        Issued oldIntermediate = TestPki.issue(ROOT, TestPki.spec().cn("old intermediate").keys(TestPki.EC_B).ca()
                .valid(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(5))));
        Issued leaf = TestPki.issue(oldIntermediate, TestPki.spec());
        CertificateReport expiredIntermediate = inspect("localhost", leaf.certificate(),
                oldIntermediate.certificate());
        assertThat(expiredIntermediate.chainStatus()).isEqualTo(ChainStatus.INVALID);
        assertThat(expiredIntermediate.expired()).as("an expired intermediate expires the chain").isTrue();
    }

    @Test
    void expiredLeafIsStillJudgedForTrust() {
        Instant now = Instant.now();
        Issued leaf = TestPki.issue(INTERMEDIATE, TestPki.spec().valid(now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(2))));
        CertificateReport r = inspect("localhost", leaf.certificate(), INTERMEDIATE.certificate());
        assertThat(r.expired()).isTrue();
        assertThat(r.chainStatus()).isEqualTo(ChainStatus.TRUSTED);
        assertThat(r.daysLeft()).isEqualTo(-3);
    }
}
