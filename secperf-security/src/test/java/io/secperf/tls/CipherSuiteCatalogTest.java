package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.CipherSuite.Category;
import io.secperf.tls.CipherSuite.Flag;
import io.secperf.tls.CipherSuite.KeyExchange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CipherSuiteCatalogTest {

    static CipherSuite suite(String name) {
        return CipherSuiteCatalog.byName(name).orElseThrow(() -> new AssertionError(name + " not in catalogue"));
    }

    @Test
    void catalogueCoversTheRegistryWithUniqueIdsAndNames() {
        List<CipherSuite> all = CipherSuiteCatalog.all();
        assertThat(all).hasSizeGreaterThan(330);
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CipherSuite s : all) {
            assertThat(ids.add(s.id())).as("duplicate id %s", s.hexId()).isTrue();
            assertThat(names.add(s.name())).as("duplicate name %s", s.name()).isTrue();
            assertThat(s.id()).isNotIn(0x00FF, 0x5600);
        }
        assertThat(CipherSuiteCatalog.byId(0xC02F).orElseThrow().name())
                .isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherSuiteCatalog.forId(0xFAFA).name()).isEqualTo("UNKNOWN_0xFAFA");
    }

    @Test
    void classifiesByTheRegistryName() {
        CipherSuite strong = suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(strong.category()).isEqualTo(Category.AEAD_FS);
        assertThat(strong.keyExchange()).isEqualTo(KeyExchange.ECDHE);
        assertThat(strong.authentication()).isEqualTo("RSA");
        assertThat(strong.bits()).isEqualTo(128);
        assertThat(strong.minVersion()).isEqualTo(TlsVersion.TLS_1_2);

        CipherSuite tripleDes = suite("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(tripleDes.category()).isEqualTo(Category.TRIPLE_DES_IDEA);
        assertThat(tripleDes.bits()).isEqualTo(112);
        assertThat(tripleDes.flags()).contains(Flag.BLOCK_64, Flag.CBC, Flag.NO_FORWARD_SECRECY)
                .doesNotContain(Flag.DES);

        assertThat(suite("TLS_RSA_EXPORT_WITH_RC4_40_MD5").category()).isEqualTo(Category.EXPORT);
        assertThat(suite("TLS_RSA_EXPORT_WITH_RC4_40_MD5").bits()).isEqualTo(40);
        assertThat(suite("TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA").export()).isTrue();
        assertThat(suite("TLS_RSA_WITH_RC4_128_SHA").category()).isEqualTo(Category.LOW);
        assertThat(suite("TLS_RSA_WITH_DES_CBC_SHA").flags()).contains(Flag.DES, Flag.BLOCK_64);
        assertThat(suite("TLS_DH_anon_WITH_AES_128_GCM_SHA256").category()).isEqualTo(Category.ANONYMOUS);
        assertThat(suite("TLS_ECDH_anon_WITH_AES_128_CBC_SHA").anonymous()).isTrue();
        assertThat(suite("TLS_RSA_WITH_NULL_SHA256").category()).isEqualTo(Category.NULL);
        assertThat(suite("TLS_NULL_WITH_NULL_NULL").category()).isEqualTo(Category.NULL);
        assertThat(suite("TLS_RSA_WITH_AES_256_CBC_SHA").category()).isEqualTo(Category.OBSOLETE_CBC);
        assertThat(suite("TLS_RSA_WITH_AES_256_GCM_SHA384").category()).isEqualTo(Category.AEAD_NO_FS);
        assertThat(suite("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256").category()).isEqualTo(Category.AEAD_FS);
        assertThat(suite("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8").aead()).isTrue();
        assertThat(suite("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8").encryption()).isEqualTo("AES_128_CCM_8");
        assertThat(suite("TLS_RSA_WITH_IDEA_CBC_SHA").category()).isEqualTo(Category.TRIPLE_DES_IDEA);
        assertThat(suite("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256").forwardSecrecy()).isFalse();
        assertThat(suite("TLS_PSK_DHE_WITH_AES_128_CCM_8").keyExchange()).isEqualTo(KeyExchange.DHE_PSK);

        CipherSuite tls13 = suite("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(tls13.tls13()).isTrue();
        assertThat(tls13.bits()).isEqualTo(256);
        assertThat(tls13.category()).isEqualTo(Category.AEAD_FS);
    }

    @Test
    void offersOnlySuitesAVersionCanNegotiate() {
        List<CipherSuite> tls10 = CipherSuiteCatalog.usableWith(TlsVersion.TLS_1_0);
        assertThat(tls10).extracting(CipherSuite::name).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA")
                .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                        "TLS_AES_128_GCM_SHA256");
        assertThat(CipherSuiteCatalog.usableWith(TlsVersion.TLS_1_2)).extracting(CipherSuite::name)
                .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")
                .doesNotContain("TLS_AES_128_GCM_SHA256");
        assertThat(CipherSuiteCatalog.usableWith(TlsVersion.TLS_1_3)).extracting(CipherSuite::id)
                .contains(0x1301, 0x1302, 0x1303).allMatch(id -> (id >> 8) == 0x13 || id == 0xC6 || id == 0xC7);
    }
}
