package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain decimals read from the buffer: sign, the 18-digit limit and every non-digit byte next to '0' and '9'. */
class JtlNumbersTest {

    private static long parse(String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[t.length + 4];
        b[0] = '9';
        b[1] = '-';
        System.arraycopy(t, 0, b, 2, t.length);
        b[t.length + 2] = '5';
        return JtlNumbers.parseLong(b, 2, 2 + t.length);
    }

    @Test
    void decimalsUpToEighteenDigitsWithAnOptionalMinus() {
        assertThat(parse("0")).isZero();
        assertThat(parse("9")).isEqualTo(9);
        assertThat(parse("-7")).isEqualTo(-7);
        assertThat(parse("-0")).isZero();
        assertThat(parse("123456789012345678")).isEqualTo(123_456_789_012_345_678L);
        assertThat(parse("-999999999999999999")).isEqualTo(-999_999_999_999_999_999L);
        assertThat(parse("000000000000000042")).isEqualTo(42);
    }

    @Test
    void everythingElseIsInvalid() {
        for (String bad : new String[] {"", "-", "--1", "1234567890123456789", "-1234567890123456789", "+1", " 1",
            "1 ", "1/", "/1", "1:", ":1", "1-", "1.5", "1e3", "0x1", "١"}) {
            assertThat(parse(bad)).as("'%s'", bad).isEqualTo(JtlNumbers.INVALID);
        }
    }
}
