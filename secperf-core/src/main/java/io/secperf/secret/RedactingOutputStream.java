package io.secperf.secret;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * A console stream that masks known secrets before bytes reach the terminal or CI log: whatever a command, JMeter or
 * a stack trace prints. It works line by line (a line ends at LF or CR or after {@value #MAX_LINE} bytes; a flush
 * passes on all but an end that could start a secret), so a secret printed in several pieces is still found. The secrets are
 * read at every line, so a command can make them known after the stream was installed. Thread-safe.
 */
public final class RedactingOutputStream extends FilterOutputStream {

    /** A longer line is passed on in pieces of this size. */
    static final int MAX_LINE = 64 * 1024;

    private final Supplier<KnownSecrets> secrets;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /**
     * @param target  where masked bytes go
     * @param secrets the secrets to mask, read at every line
     * @param charset how the bytes written to this stream encode text
     */
    public RedactingOutputStream(OutputStream target, Supplier<KnownSecrets> secrets, Charset charset) {
        super(target);
        this.secrets = secrets;
        this.charset = charset;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || b == '\r' || line.size() >= MAX_LINE) {
            emit(true);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' || line.size() + (i + 1 - start) >= MAX_LINE) {
                line.write(bytes, start, i + 1 - start);
                start = i + 1;
                emit(true);
            }
        }
        if (start < end) {
            line.write(bytes, start, end - start);
        }
    }

    /**
     * Passes on what is buffered, except an end that could be the start of a secret (and an incomplete UTF-8
     * character): a {@link java.io.PrintStream} flushes after every {@code print}, and a secret printed in two
     * pieces must still be found.
     */
    @Override
    public synchronized void flush() throws IOException {
        emit(false);
        out.flush();
    }

    /** Passes on everything buffered and flushes; the target stays open (it is the process's console). */
    @Override
    public synchronized void close() throws IOException {
        emit(true);
        out.flush();
    }

    private void emit(boolean whole) throws IOException {
        if (line.size() == 0) {
            return;
        }
        KnownSecrets known = secrets.get();
        if (known == null || known.isEmpty()) {
            line.writeTo(out);
            line.reset();
            return;
        }
        byte[] data = line.toByteArray();
        line.reset();
        int end = whole ? data.length : data.length - incompleteUtf8Tail(data);
        String text = new String(data, 0, end, charset);
        String keep = "";
        if (!whole) {
            int pending = known.pendingPrefix(text);
            keep = text.substring(text.length() - pending);
            text = text.substring(0, text.length() - pending);
        }
        out.write(known.redact(text).getBytes(charset));
        line.write(keep.getBytes(charset));
        line.write(data, end, data.length - end);
    }

    /** How many bytes at the end start a UTF-8 character that is not complete yet (0 for other charsets). */
    private int incompleteUtf8Tail(byte[] data) {
        if (!"UTF-8".equals(charset.name())) {
            return 0;
        }
        for (int back = 1; back <= 3 && back <= data.length; back++) {
            int b = data[data.length - back] & 0xff;
            if (b >= 0xc0) {
                int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return needed > back ? back : 0;
            }
            if (b < 0x80) {
                return 0;
            }
        }
        return 0;
    }
}
