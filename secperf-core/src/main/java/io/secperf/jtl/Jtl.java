package io.secperf.jtl;

import io.secperf.result.SampleSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Entry point for reading a JMeter result file whose format is not known in advance: JMeter uses the .jtl name for
 * both CSV and XML, so the format is decided by the first non-blank byte ('&lt;' means XML).
 */
public final class Jtl {

    private Jtl() {
    }

    /** Reads a CSV or XML JTL into the sink; formatted CSV timestamps are taken in the JVM's default zone. */
    public static JtlReadStats read(Path file, SampleSink sink) throws IOException {
        return switch (detect(file)) {
            case CSV -> new JtlCsvReader().read(file, sink);
            case XML -> new JtlXmlReader().read(file, sink);
        };
    }

    /**
     * Same as {@link #read(Path, SampleSink)}, but the sink runs on a second thread while this one parses, which
     * nearly halves ingest time of big files on a machine with two or more cores. The sink receives the samples in
     * file order, from that one thread; when this method returns (normally or not) it has received all of them.
     * A failure of the sink stops reading and is rethrown.
     */
    public static JtlReadStats readConcurrently(Path file, SampleSink sink) throws IOException {
        detect(file);
        try (SampleHandoff handoff = new SampleHandoff(sink, "secperf-jtl-sink")) {
            return read(file, handoff);
        }
    }

    /**
     * Sniffs the format. Throws {@link JtlException} for a missing, unreadable or empty (or whitespace-only) file.
     */
    public static JtlFormat detect(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] head = new byte[8192];
            while (true) {
                int n = in.readNBytes(head, 0, head.length);
                int i = 0;
                if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                    i = 3;
                }
                for (; i < n; i++) {
                    byte c = head[i];
                    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                        return c == '<' ? JtlFormat.XML : JtlFormat.CSV;
                    }
                }
                if (n < head.length) {
                    throw new JtlException(JtlException.Kind.EMPTY, file + ": file is empty; expected a JMeter "
                            + "result file (CSV with a header line, or XML <testResults>)");
                }
            }
        }
    }

    /** Opens a JTL for reading with one-line errors that name the file. */
    static InputStream open(Path file) throws JtlException {
        if (Files.isDirectory(file)) {
            throw new JtlException(JtlException.Kind.UNREADABLE, file + ": is a directory, expected a JTL file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new JtlException(JtlException.Kind.MISSING, file + ": JTL file not found", e);
        } catch (AccessDeniedException e) {
            throw new JtlException(JtlException.Kind.UNREADABLE, file + ": JTL file is not readable (permission "
                    + "denied)", e);
        } catch (IOException e) {
            throw new JtlException(JtlException.Kind.UNREADABLE, file + ": cannot open JTL file: " + e.getMessage(),
                    e);
        }
    }
}
