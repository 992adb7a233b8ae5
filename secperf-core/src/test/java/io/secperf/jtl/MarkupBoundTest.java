package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The XML token bound at its limit, through each way a parser may read (bulk, single bytes, skip), with the line of
 * the token that broke it.
 */
class MarkupBoundTest {

    private static final int MAX = MarkupBound.MAX_MARKUP_BYTES;

    /** "<a>\n" then {@code n} bytes of text without '<', then "</a>". */
    private static byte[] text(int n) {
        byte[] b = new byte[n + 8];
        Arrays.fill(b, (byte) 'x');
        System.arraycopy("<a>\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("</a>".getBytes(StandardCharsets.US_ASCII), 0, b, n + 4, 4);
        return b;
    }

    private static long drainInChunks(InputStream in, int chunk, int offset) throws IOException {
        byte[] buf = new byte[chunk + offset + 5];
        long total = 0;
        int n;
        while ((n = in.read(buf, offset, chunk)) >= 0) {
            total += n;
        }
        return total;
    }

    @Test
    void aTokenOfExactlyTheBoundPassesAndOneByteMoreStops() throws IOException {
        // the bytes after the '<' of "<a>" count too: "a>\n" and MAX - 3 'x' make exactly MAX
        byte[] exact = text(MAX - 3);
        assertThat(drainInChunks(new MarkupBound(new ByteArrayInputStream(exact)), 65_536, 3))
                .isEqualTo(exact.length);
        byte[] over = text(MAX - 2);
        assertThatThrownBy(() -> drainInChunks(new MarkupBound(new ByteArrayInputStream(over)), 65_536, 3))
                .isInstanceOf(MarkupBound.TooLarge.class)
                .hasMessage("an element or text starting at line 1 is longer than 4 MiB (JMeter never writes one "
                        + "that large)");
    }

    @Test
    void singleByteReadsAreCountedTheSame() throws IOException {
        MarkupBound exact = new MarkupBound(new ByteArrayInputStream(text(MAX - 3)));
        long n = 0;
        while (exact.read() >= 0) {
            n++;
        }
        assertThat(n).isEqualTo(MAX + 5L);
        MarkupBound over = new MarkupBound(new ByteArrayInputStream(text(MAX - 2)));
        assertThatThrownBy(() -> {
            while (over.read() >= 0) {
                // drain
            }
        }).isInstanceOf(MarkupBound.TooLarge.class);
        // a byte read one at a time that is '<' still starts a new token
        MarkupBound bytes = new MarkupBound(new ByteArrayInputStream("<".getBytes(StandardCharsets.US_ASCII)));
        assertThat(bytes.read()).isEqualTo('<');
        assertThat(bytes.read()).isEqualTo(-1);
    }

    @Test
    void skippedBytesAreCountedToo() throws IOException {
        MarkupBound in = new MarkupBound(new ByteArrayInputStream(text(MAX - 1)));
        assertThat(in.skip(-5)).isZero();
        assertThat(in.skip(0)).isZero();
        assertThat(in.skip(10)).isEqualTo(10);
        assertThat(in.skip(100_000)).isEqualTo(8192);
        assertThatThrownBy(() -> {
            while (in.skip(1 << 20) > 0) {
                // drain
            }
        }).isInstanceOf(MarkupBound.TooLarge.class);
        MarkupBound end = new MarkupBound(new ByteArrayInputStream(new byte[3]));
        assertThat(end.skip(10)).isEqualTo(3);
        assertThat(end.skip(10)).isZero();
    }

    @Test
    void theLineNamedIsWhereTheOversizedTokenStarts() {
        byte[] head = "<r>\n<s/>\n\n<t a='".getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + MAX + 1);
        Arrays.fill(all, head.length, all.length, (byte) '\n');
        assertThatThrownBy(() -> drainInChunks(new MarkupBound(new ByteArrayInputStream(all)), 4096, 0))
                .isInstanceOfSatisfying(MarkupBound.TooLarge.class, e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void everyLessThanSignStartsANewToken() throws IOException {
        // many tokens of half the bound each: far more than the bound in total, never one too large
        byte[] half = new byte[MAX / 2];
        Arrays.fill(half, (byte) 'y');
        half[0] = '<';
        byte[] all = new byte[half.length * 5];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(half, 0, all, i * half.length, half.length);
        }
        assertThat(drainInChunks(new MarkupBound(new ByteArrayInputStream(all)), 1000, 1)).isEqualTo(all.length);
    }
}
