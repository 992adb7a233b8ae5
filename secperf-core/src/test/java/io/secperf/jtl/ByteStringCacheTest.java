package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The label/code/message cache must always hand back the String of exactly the bytes asked for (never the one of a
 * neighbour, a prefix or a hash twin), share Strings while it has room, and stop remembering at its bound.
 */
class ByteStringCacheTest {

    /** The bytes of {@code text} at an offset in a buffer with other bytes before and after (as in a read buffer). */
    private static String get(ByteStringCache cache, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 3 + Swar.SLACK];
        java.util.Arrays.fill(b, (byte) 'Z');
        System.arraycopy(t, 0, b, 3, t.length);
        return cache.get(b, 3, 3 + t.length);
    }

    @Test
    void returnsTheStringOfExactlyTheseBytesWhateverCameBefore() {
        ByteStringCache cache = new ByteStringCache(64, 32);
        String[] texts = {"GET /ab", "GET /a", "GET /abc", "", "GET /ab", "GET /b", "GET /a", "é", "e", "GET /ab",
            "12345678", "12345679", "123456781", "1234567", "12345678"};
        for (String t : texts) {
            assertThat(get(cache, t)).isEqualTo(t);
        }
        Random r = new Random(4);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // short strings over a tiny alphabet: many prefixes, neighbours and repeats
            int len = r.nextInt(20);
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < len; j++) {
                s.append("ab".charAt(r.nextInt(2)));
            }
            String t = r.nextInt(3) == 0 && !seen.isEmpty() ? seen.get(r.nextInt(seen.size())) : s.toString();
            seen.add(t);
            assertThat(get(cache, t)).isEqualTo(t);
        }
    }

    @Test
    void repeatedBytesShareOneStringWhileThereIsRoom() {
        ByteStringCache cache = new ByteStringCache(4, 8);
        String a = get(cache, "alpha");
        String b = get(cache, "beta");
        assertThat(get(cache, "alpha")).isSameAs(a); // not the last one: found in the table
        assertThat(get(cache, "alpha")).isSameAs(a); // the last one
        assertThat(get(cache, "beta")).isSameAs(b);
        String c = get(cache, "gamma");
        String d = get(cache, "delta");
        // full after 4 distinct values: new ones are decoded every time, the old ones are still shared
        String e = get(cache, "eps");
        assertThat(get(cache, "x")).isEqualTo("x");
        assertThat(get(cache, "eps")).isEqualTo(e).isNotSameAs(e);
        assertThat(get(cache, "gamma")).isSameAs(c);
        assertThat(get(cache, "delta")).isSameAs(d);
        assertThat(get(cache, "alpha")).isSameAs(a);
    }

    @Test
    void valuesLongerThanTheKeyLimitAreNeverRemembered() {
        ByteStringCache cache = new ByteStringCache(4, 8);
        String atLimit = get(cache, "12345678");
        String longer = get(cache, "123456789");
        assertThat(get(cache, "123456789")).isEqualTo(longer).isNotSameAs(longer);
        assertThat(get(cache, "12345678")).isSameAs(atLimit);
        assertThat(get(cache, "")).isEmpty();
    }

    @Test
    void twoDifferentValuesWithTheSameHashStayApart() {
        // found by search: same length, same Swar.hash, so the same slot and the same stored hash
        byte[] x = "GET /item/0055964".getBytes(StandardCharsets.US_ASCII);
        byte[] y = "GET /item/0080616".getBytes(StandardCharsets.US_ASCII);
        byte[] px = java.util.Arrays.copyOf(x, x.length + Swar.SLACK);
        byte[] py = java.util.Arrays.copyOf(y, y.length + Swar.SLACK);
        assertThat(Swar.hash(px, 0, x.length)).isEqualTo(Swar.hash(py, 0, y.length));
        ByteStringCache cache = new ByteStringCache(16, 64);
        String first = get(cache, "GET /item/0055964");
        get(cache, "other");
        assertThat(get(cache, "GET /item/0080616")).isEqualTo("GET /item/0080616");
        get(cache, "other");
        assertThat(get(cache, "GET /item/0055964")).isSameAs(first);
        String second = get(cache, "GET /item/0080616");
        get(cache, "other");
        assertThat(get(cache, "GET /item/0080616")).isSameAs(second);
    }
    @Test
    void aCacheFilledToItsBoundFindsEveryEntry() {
        ByteStringCache cache = new ByteStringCache(100, 64);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(get(cache, "label " + i));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(get(cache, "label " + i)).isSameAs(first.get(i));
        }
        assertThat(get(cache, "label 100")).isEqualTo("label 100");
    }
}
