package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with the plain byte loops they replace, at every offset and length. */
class SwarTest {

    @Test
    void indexOfSpecialFindsTheFirstDelimiterQuoteOrLineEndAtEveryPosition() {
        byte[] specials = {',', '"', '\n', '\r'};
        for (byte delim : new byte[] {',', '\t', ';', '|'}) {
            long pattern = Swar.pattern(delim);
            for (byte special : new byte[] {delim, '"', '\n', '\r'}) {
                for (int from = 0; from < 9; from++) {
                    for (int at = from; at < 20; at++) {
                        byte[] b = new byte[32 + Swar.SLACK];
                        // bytes that are close to the specials but not them; the sentinel ends the row
                        for (int i = 0; i < b.length; i++) {
                            b[i] = (byte) "abc+-/0:9\u007f".charAt(i % 10);
                        }
                        b[at] = special;
                        b[31] = '\n';
                        assertThat(Swar.indexOfSpecial(b, from, pattern)).as("delim %d special %d at %d from %d",
                                delim, special, at, from).isEqualTo(at);
                    }
                }
            }
            // ',' is only special as the delimiter
            if (delim != ',') {
                byte[] b = new byte[16 + Swar.SLACK];
                Arrays.fill(b, (byte) ',');
                b[12] = '\n';
                assertThat(Swar.indexOfSpecial(b, 0, pattern)).isEqualTo(12);
            }
        }
        assertThat(specials).hasSize(4);
    }

    @Test
    void highBytesAndBytesAboveASpecialAreNotMatches() {
        // UTF-8 continuation bytes and bytes one above each special (borrow/carry edge cases of the bit trick)
        byte[] b = new byte[24 + Swar.SLACK];
        byte[] fillers = {(byte) 0xC3, (byte) 0xA9, (byte) 0x80, (byte) 0xFF, '#', '-', '\u000b', '\u000e', 0, 1};
        for (int i = 0; i < 23; i++) {
            b[i] = fillers[i % fillers.length];
        }
        b[23] = '\n';
        assertThat(Swar.indexOfSpecial(b, 0, Swar.pattern((byte) ','))).isEqualTo(23);
        assertThat(Swar.indexOfSpecial(b, 0, Swar.pattern((byte) '|'))).isEqualTo(23);
    }

    @Test
    void equalComparesExactlyTheGivenLength() {
        Random r = new Random(8);
        for (int length = 0; length <= 40; length++) {
            byte[] a = new byte[length + Swar.SLACK + 3];
            r.nextBytes(a);
            byte[] b = new byte[length + Swar.SLACK + 5];
            r.nextBytes(b);
            System.arraycopy(a, 1, b, 2, length);
            assertThat(Swar.equal(a, 1, b, 2, length)).as("length %d", length).isTrue();
            assertThat(Swar.hash(a, 1, 1 + length)).as("length %d", length).isEqualTo(Swar.hash(b, 2, 2 + length));
            for (int i = 0; i < length; i++) {
                b[2 + i] ^= 0x01;
                assertThat(Swar.equal(a, 1, b, 2, length)).as("length %d differs at %d", length, i).isFalse();
                b[2 + i] ^= 0x01;
            }
        }
    }

    @Test
    void eightDigitsAcceptsOnlyAsciiDigits() {
        assertThat(eightDigits("12345678")).isEqualTo(12_345_678);
        assertThat(eightDigits("00000000")).isZero();
        assertThat(eightDigits("99999999")).isEqualTo(99_999_999);
        assertThat(eightDigits("10203040")).isEqualTo(10_203_040);
        // a byte next to '0' or '9', or in the digits' high nibble but not a digit, anywhere in the word
        for (char c : new char[] {'/', ':', ';', '<', '=', '>', '?', ' ', 'p', 'y', '\u00b0'}) {
            for (int at = 0; at < 8; at++) {
                char[] text = "11111111".toCharArray();
                text[at] = c;
                assertThat(eightDigits(new String(text))).as("'%s' at %d", c, at).isEqualTo(-1);
            }
        }
    }

    /** The value of 8 digits, or -1 when {@link Swar#eightDigits} says they are not 8 digits. */
    private static long eightDigits(String text) {
        byte[] b = Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 8 + Swar.SLACK);
        return Swar.eightDigits(b, 0) ? Swar.parseEightDigits(b, 0) : -1;
    }
}
