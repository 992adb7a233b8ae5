package io.secperf.jtl;

import io.secperf.result.AtomicFiles;
import io.secperf.result.Sample;
import io.secperf.result.SampleSink;
import io.secperf.text.BoundedText;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes samples as a JTL in JMeter's default CSV format (the 17 columns of a stock JMeter 5.6.3
 * {@code jmeter.properties}, header included, quoting as CSVSaveService does), so existing JMeter tooling, including
 * its HTML report generator, can read what secperf measured.
 *
 * <p>Columns that {@link Sample} does not carry are written as: threadName and dataType empty, grpThreads equal to
 * allThreads (one thread group), URL {@code null} (what JMeter itself writes for a sample without URL), IdleTime 0.
 *
 * <p>Rows go to a hidden temporary file next to the target ({@link AtomicFiles#begin}: mode from the umask, a replaced
 * file keeps its mode) and are moved into place atomically by {@link #close()},
 * so the target name never holds a half-written file. Callers keep partial results by closing in a finally block or
 * shutdown hook; if the process dies without closing, the temporary {@code .partial} file is left behind instead.
 * Thread-safe: the live engine calls {@link #accept} from many threads. A write error does not reach the sampling
 * threads; it stops writing and is thrown by {@link #close()}.
 */
public final class JtlCsvWriter implements SampleSink, Closeable {

    /** JMeter 5.6.3's default CSV header. */
    public static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";

    private static final String LINE_SEPARATOR = System.lineSeparator();

    private final Path target;
    private final AtomicFiles.Pending pending;
    private final Writer out;
    private IOException failure;
    private boolean closed;
    private long rowsWritten;

    /** Creates the temporary file and writes the header; the target appears only on {@link #close()}. */
    public JtlCsvWriter(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        if (Files.isDirectory(this.target)) {
            throw new IOException("cannot write JTL " + target + ": it is a directory");
        }
        Path dir = this.target.getParent();
        try {
            if (!Files.isDirectory(dir)) {
                throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no such directory");
            }
            this.pending = AtomicFiles.begin(this.target, ".partial");
        } catch (IOException e) {
            throw new IOException("cannot write JTL " + target + ": directory " + dir + " is not writable ("
                    + e.getMessage() + ")", e);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(pending.stream(), StandardCharsets.UTF_8), 1 << 16);
        out.write(HEADER);
        out.write(LINE_SEPARATOR);
    }

    public Path target() {
        return target;
    }

    public synchronized long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void accept(Sample s) {
        String row = format(s);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("JTL writer for " + target + " is closed");
            }
            if (failure != null) {
                return;
            }
            try {
                out.write(row);
                rowsWritten++;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /** One row exactly as JMeter's CSVSaveService writes it for the default columns, line separator included. */
    static String format(Sample s) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(s.timeStamp()).append(',').append(s.elapsed()).append(',');
        quoted(sb, BoundedText.label(s.label())).append(',');
        quoted(sb, BoundedText.text(s.responseCode())).append(',');
        quoted(sb, BoundedText.text(s.responseMessage())).append(',');
        sb.append(",,");
        sb.append(s.success()).append(',');
        quoted(sb, BoundedText.text(s.failureMessage())).append(',');
        sb.append(s.bytes()).append(',').append(s.sentBytes()).append(',');
        sb.append(s.allThreads()).append(',').append(s.allThreads()).append(',');
        sb.append("null,");
        sb.append(s.latency()).append(",0,").append(s.connect());
        sb.append(LINE_SEPARATOR);
        return sb.toString();
    }

    /** CSVSaveService.quoteDelimiters: quote if the value holds the delimiter, a quote, CR or LF; double quotes. */
    private static StringBuilder quoted(StringBuilder sb, String v) {
        boolean needs = false;
        for (int i = 0; i < v.length() && !needs; i++) {
            char c = v.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!needs) {
            return sb.append(v);
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"');
    }

    /** Writes buffered rows to the temporary file (not to the target). */
    public synchronized void flush() throws IOException {
        if (!closed && failure == null) {
            out.flush();
        }
    }

    /**
     * Flushes and moves the file into place atomically. Idempotent. On an earlier write error the temporary file is
     * removed and that error is thrown, naming the target.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush(); // the channel stays open: commit() forces it to disk, then closes it
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            pending.close();
            throw new IOException("writing JTL " + target + " failed: " + failure.getMessage(), failure);
        }
        try {
            pending.commit();
        } catch (IOException e) {
            pending.close();
            throw new IOException("writing JTL " + target + " failed: " + e.getMessage(), e);
        }
    }
}
