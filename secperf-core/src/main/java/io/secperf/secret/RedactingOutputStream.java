package io.secperf.secret;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * A console stream that masks known secrets before bytes reach the terminal or CI log: whatever a command, JMeter or
 * a stack trace prints. It works line by line (a line ends at LF or CR, or at {@link #flush()}, or after
 * {@value #MAX_LINE} bytes), so a secret printed in several pieces within one line is still found. The secrets are
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
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                line.write(bytes, start, i + 1 - start);
                start = i + 1;
                emit();
            } else if (line.size() + (i + 1 - start) >= MAX_LINE) {
                line.write(bytes, start, i + 1 - start);
                start = i + 1;
                emit();
            }
        }
        if (start < end) {
            line.write(bytes, start, end - start);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        KnownSecrets known = secrets.get();
        if (known == null || known.isEmpty()) {
            line.writeTo(out);
        } else {
            String text = line.toString(charset);
            out.write(known.redact(text).getBytes(charset));
        }
        line.reset();
    }
}
