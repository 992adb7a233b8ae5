package io.secperf.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Secret bytes stay marked through every kind of change a mutation makes. */
class SecretSpansTest {

    private static final String BASE = "{\"k\":\"TOKEN123\",\"n\":1}";

    private static BitSet token() {
        BitSet marks = new BitSet();
        int at = BASE.indexOf("TOKEN123");
        marks.set(at, at + 8);
        return marks;
    }

    private static String shown(String mutated) {
        BitSet marks = SecretSpans.carry(bytes(BASE), token(), bytes(mutated));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < mutated.length(); i++) {
            out.append(marks.get(i) ? '*' : mutated.charAt(i));
        }
        return out.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void insertedDeletedAndFlippedBytesInsideASecretAreMarked() {
        assertThat(shown("{\"k\":\"TOK\u0000EN123\",\"n\":1}")).isEqualTo("{\"k\":\"*********\",\"n\":1}");
        assertThat(shown("{\"k\":\"TOK123\",\"n\":1}")).isEqualTo("{\"k\":\"******\",\"n\":1}");
        assertThat(shown("{\"k\":\"TOKEm123\",\"n\":1}")).isEqualTo("{\"k\":\"********\",\"n\":1}");
        assertThat(shown("{\"k\":\"TOKEN%31%32%33\",\"n\":1}")).doesNotContain("TOK").doesNotContain("N%3");
    }

    @Test
    void changesAwayFromTheSecretStayVisibleAndRepetitionsOfItAreMarked() {
        assertThat(shown("{\"k\":\"TOKEN123\",\"n\":99999}")).isEqualTo("{\"k\":\"********\",\"n\":99999}");
        assertThat(shown("\u0000{\"k\":\"TOKEN123\",\"n\":1}")).isEqualTo("\u0000{\"k\":\"********\",\"n\":1}");
        // a repeated segment that starts inside the token: the copies land between untouched bytes
        String repeated = "{\"k\":\"TOKEN123\"," + "N123\",".repeat(5) + "\"n\":1}";
        assertThat(shown(repeated)).doesNotContain("N123").doesNotContain("123");
        assertThat(shown("[" + BASE + "]")).doesNotContain("TOKEN");
    }

    @Test
    void multibyteCharactersMarkAllTheirBytes() {
        BitSet chars = new BitSet();
        chars.set(1);
        assertThat(SecretSpans.utf8Marks("aéb", chars).toString()).isEqualTo("{1, 2}");
        chars.set(3);
        assertThat(SecretSpans.utf8Marks("a\ud83d\ude00b", chars).toString()).isEqualTo("{1, 2, 3, 4, 5}");
        assertThat(SecretSpans.none().isEmpty()).isTrue();
    }
}
