package io.secperf.ci;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Copies the runner's output to the console with every occurrence of a secret replaced by {@value #MASK}. The runner
 * never prints secrets on purpose; this catches the accidents (a plan that echoes a header, a target that reflects a
 * token in an error). Works line by line, so a secret split across two writes is still caught; a line longer than
 * {@value #MAX_LINE} bytes is masked and passed on in pieces (a secret spanning that cut could pass, which is why the
 * runner's own masking remains the first line of defence).
 */
public final class SecretMaskingOutputStream extends FilterOutputStream {

    public static final String MASK = "****";
    static final int MAX_LINE = 64 * 1024;

    private final List<byte[]> secrets;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** @param secrets values to hide; empty and very short (under 3 characters) values are ignored */
    public SecretMaskingOutputStream(OutputStream out, Collection<String> secrets) {
        super(out);
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 3)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            flushLine();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /**
     * Passes on the underlying flush but keeps an unfinished line: the process copier flushes after every chunk, and
     * emitting half a line there would let a secret split across two chunks through.
     */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Emits an unfinished last line (masked) without closing the underlying stream (the build's console). */
    public void finish() throws IOException {
        flushLine();
    }

    @Override
    public void close() throws IOException {
        flushLine();
        out.close();
    }

    private void flushLine() throws IOException {
        if (line.size() == 0) {
            return;
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        out.write(secrets.isEmpty() ? bytes : mask(bytes));
        out.flush();
    }

    private byte[] mask(byte[] bytes) {
        ByteArrayOutputStream masked = new ByteArrayOutputStream(bytes.length);
        byte[] mask = MASK.getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        outer:
        while (i < bytes.length) {
            for (byte[] secret : secrets) {
                if (matches(bytes, i, secret)) {
                    masked.write(mask, 0, mask.length);
                    i += secret.length;
                    continue outer;
                }
            }
            masked.write(bytes[i++]);
        }
        return masked.toByteArray();
    }

    private static boolean matches(byte[] bytes, int at, byte[] secret) {
        if (at + secret.length > bytes.length) {
            return false;
        }
        for (int j = 0; j < secret.length; j++) {
            if (bytes[at + j] != secret[j]) {
                return false;
            }
        }
        return true;
    }
}
