package io.secperf.tls;

import java.util.Locale;
import java.util.Map;

/** Names and strengths of the TLS named groups (RFC 8422, RFC 7919, RFC 8446) as the reports show them. */
final class NamedGroups {

    private record Group(String name, int bits) {
    }

    private static final Map<Integer, Group> GROUPS = Map.ofEntries(
            Map.entry(1, new Group("sect163k1", 163)), Map.entry(2, new Group("sect163r1", 163)),
            Map.entry(3, new Group("sect163r2", 163)), Map.entry(4, new Group("sect193r1", 193)),
            Map.entry(5, new Group("sect193r2", 193)), Map.entry(6, new Group("sect233k1", 233)),
            Map.entry(7, new Group("sect233r1", 233)), Map.entry(8, new Group("sect239k1", 239)),
            Map.entry(9, new Group("sect283k1", 283)), Map.entry(10, new Group("sect283r1", 283)),
            Map.entry(11, new Group("sect409k1", 409)), Map.entry(12, new Group("sect409r1", 409)),
            Map.entry(13, new Group("sect571k1", 571)), Map.entry(14, new Group("sect571r1", 571)),
            Map.entry(15, new Group("secp160k1", 160)), Map.entry(16, new Group("secp160r1", 160)),
            Map.entry(17, new Group("secp160r2", 160)), Map.entry(18, new Group("secp192k1", 192)),
            Map.entry(19, new Group("secp192r1", 192)), Map.entry(20, new Group("secp224k1", 224)),
            Map.entry(21, new Group("secp224r1", 224)), Map.entry(22, new Group("secp256k1", 256)),
            Map.entry(23, new Group("secp256r1", 256)), Map.entry(24, new Group("secp384r1", 384)),
            Map.entry(25, new Group("secp521r1", 521)), Map.entry(26, new Group("brainpoolP256r1", 256)),
            Map.entry(27, new Group("brainpoolP384r1", 384)), Map.entry(28, new Group("brainpoolP512r1", 512)),
            Map.entry(29, new Group("x25519", 253)), Map.entry(30, new Group("x448", 448)),
            Map.entry(0x100, new Group("ffdhe2048", 2048)), Map.entry(0x101, new Group("ffdhe3072", 3072)),
            Map.entry(0x102, new Group("ffdhe4096", 4096)), Map.entry(0x103, new Group("ffdhe6144", 6144)),
            Map.entry(0x104, new Group("ffdhe8192", 8192)));

    private NamedGroups() {
    }

    static String name(int id) {
        Group g = GROUPS.get(id);
        return g == null ? String.format(Locale.ROOT, "group-0x%04X", id) : g.name();
    }

    static int bits(int id) {
        Group g = GROUPS.get(id);
        return g == null ? 0 : g.bits();
    }

    static boolean finiteField(int id) {
        return id >= 0x100 && id <= 0x1FF;
    }
}
