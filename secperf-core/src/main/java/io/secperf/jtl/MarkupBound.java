package io.secperf.jtl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds what one XML token may cost before the parser sees it: the bytes between two {@code <} (one start tag with
 * all its attributes, or one text or comment) may not exceed {@link #MAX_MARKUP_BYTES}. A StAX parser builds a whole
 * attribute value in memory, so without this a 1 GB {@code lb="..."} took 7 GB of heap; with it, a JTL costs the same
 * bounded memory whatever is in it. The limit is the CSV reader's row limit: JMeter never writes a sample that large.
 */
final class MarkupBound extends FilterInputStream {

    /** Largest start tag (with its attributes) or text between two tags, in bytes. */
    static final int MAX_MARKUP_BYTES = JtlCsvReader.MAX_ROW_BYTES;

    /** Thrown (inside the parser's XMLStreamException) when a token is larger than the bound. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        TooLarge(long line) {
            super("an element or text starting at line " + line + " is longer than " + (MAX_MARKUP_BYTES >> 20)
                    + " MiB (JMeter never writes one that large)");
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private long sinceOpen;
    private long line = 1;
    private long tokenLine = 1;

    MarkupBound(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            count(buf[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        int read = read(scratch, 0, scratch.length);
        return Math.max(0, read);
    }

    private void count(byte b) throws TooLarge {
        if (b == '<') {
            sinceOpen = 0;
            tokenLine = line;
            return;
        }
        if (b == '\n') {
            line++;
        }
        if (++sinceOpen > MAX_MARKUP_BYTES) {
            throw new TooLarge(tokenLine);
        }
    }
}
