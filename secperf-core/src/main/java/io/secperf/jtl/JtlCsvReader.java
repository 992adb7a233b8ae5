package io.secperf.jtl;

import io.secperf.result.SampleSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a JMeter CSV result file into a {@link SampleSink} in constant memory. The header line says which columns
 * exist and in which order (any subset and order that has timeStamp, elapsed, label and success), and which delimiter
 * is used (',' tab ';' or '|'). Quoting follows JMeter's CSVSaveService: a field holding the delimiter, a quote, CR or
 * LF is enclosed in quotes with quotes doubled, and may span lines. timeStamp is epoch milliseconds or, when JMeter's
 * {@code timestamp_format} was set, a date-time such as "yyyy/MM/dd HH:mm:ss.SSS" in the reader's zone. Quoted
 * column names ({@code sample_variables}) and unknown columns are skipped.
 *
 * <p>It works on raw bytes because ingest of multi-million-row files is a stated performance goal: fields are split
 * by hand, numbers parsed from the bytes, repeated labels, codes and messages are looked up instead of decoded, and
 * columns secperf does not use (threadName, URL, dataType, ...) are never turned into Strings.
 *
 * <p>Rows that do not fit the header (wrong column count, a required number that is not a number, a timestamp that is
 * not in the file's format, broken quoting) are counted and skipped; reading resumes on the next physical line. A
 * last line without a line terminator is accepted when it parses (JMeter ends every row with one, so a cut-off
 * last row usually lacks columns and is skipped). Blank lines are ignored. Every row is one sample: JMeter also writes
 * sub-results as rows of their own, and its report generator counts them the same way.
 *
 * <p>Limits: {@code SampleCount}/{@code ErrorCount} columns (statistical mode) are ignored, so such a row counts as one
 * sample; a row longer than 4 MiB is treated as garbage. Instances are reusable and thread-safe; one read runs on
 * the caller's thread.
 */
public final class JtlCsvReader {

    static final int BUFFER_BYTES = 1 << 20;
    static final int MAX_ROW_BYTES = 4 << 20;
    private static final int SLACK = Swar.SLACK;
    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final byte[] DELIMITERS = {',', '\t', ';', '|'};

    /** Column names JMeter may write (CSVSaveService), mapped to the role they play here; lower-cased keys. */
    private static final Map<String, Role> COLUMNS = Map.ofEntries(
            Map.entry("timestamp", Role.TIMESTAMP), Map.entry("elapsed", Role.ELAPSED),
            Map.entry("label", Role.LABEL), Map.entry("responsecode", Role.CODE),
            Map.entry("responsemessage", Role.MESSAGE), Map.entry("threadname", Role.OTHER),
            Map.entry("datatype", Role.OTHER), Map.entry("success", Role.SUCCESS),
            Map.entry("failuremessage", Role.FAILURE), Map.entry("bytes", Role.BYTES),
            Map.entry("sentbytes", Role.SENT_BYTES), Map.entry("grpthreads", Role.OTHER),
            Map.entry("allthreads", Role.ALL_THREADS), Map.entry("url", Role.OTHER),
            Map.entry("filename", Role.OTHER), Map.entry("latency", Role.LATENCY),
            Map.entry("encoding", Role.OTHER), Map.entry("samplecount", Role.OTHER),
            Map.entry("errorcount", Role.OTHER), Map.entry("hostname", Role.OTHER),
            Map.entry("idletime", Role.OTHER), Map.entry("connect", Role.CONNECT));

    private enum Role {
        TIMESTAMP("timeStamp"), ELAPSED("elapsed"), LABEL("label"), CODE("responseCode"),
        MESSAGE("responseMessage"), SUCCESS("success"), FAILURE("failureMessage"), BYTES("bytes"),
        SENT_BYTES("sentBytes"), LATENCY("Latency"), CONNECT("Connect"), ALL_THREADS("allThreads"), OTHER("");

        final String column;

        Role(String column) {
            this.column = column;
        }
    }

    private static final Role[] REQUIRED = {Role.TIMESTAMP, Role.ELAPSED, Role.LABEL, Role.SUCCESS};

    private final ZoneId zone;
    private final int bufferBytes;
    private final boolean fastPath;

    /** Formatted timestamps (if the file has them) are read in the JVM's default zone, as JMeter wrote them. */
    public JtlCsvReader() {
        this(ZoneId.systemDefault());
    }

    /** @param zone zone in which formatted (non-millisecond) timestamps were written */
    public JtlCsvReader(ZoneId zone) {
        this(zone, BUFFER_BYTES);
    }

    /** Tests use tiny buffers so that rows end at every possible position of a buffer. */
    JtlCsvReader(ZoneId zone, int bufferBytes) {
        this(zone, bufferBytes, true);
    }

    /** Tests compare the default-layout fast path ({@code fastPath}) with the general row parser alone. */
    JtlCsvReader(ZoneId zone, int bufferBytes, boolean fastPath) {
        this.zone = zone;
        this.bufferBytes = bufferBytes;
        this.fastPath = fastPath;
    }

    /** Reads the whole file; throws {@link JtlException} if it is missing, empty or has no JMeter CSV header. */
    public JtlReadStats read(Path file, SampleSink sink) throws IOException {
        try (InputStream in = Jtl.open(file)) {
            return read(in, file.toString(), sink);
        }
    }

    /** Reads a stream to its end; {@code sourceName} is used in messages. The stream is not closed. */
    public JtlReadStats read(InputStream in, String sourceName, SampleSink sink) throws IOException {
        return readCounted(in, sourceName, sink).stats();
    }

    /**
     * A read and how many of its rows the default-layout fast path delivered (the others went through the general
     * row parser). Not part of the API: whether JMeter's default rows really take the fast path is invisible in the
     * samples, so tests pin it with this count.
     */
    record CountedRead(JtlReadStats stats, long fastPathRows) {
    }

    /** {@link #read(InputStream, String, SampleSink)}, also counting the rows of the fast path (one path for both). */
    CountedRead readCounted(InputStream in, String sourceName, SampleSink sink) throws IOException {
        Parse parse = new Parse(in, sourceName, sink, zone, bufferBytes, fastPath);
        JtlReadStats stats = parse.run();
        return new CountedRead(stats, stats.rowsRead() - parse.generalRows);
    }

    /** One read of one file: all mutable state lives here. */
    private static final class Parse {
        private static final int OK = 0;
        private static final int NEED_MORE = 1;
        private static final int SKIPPED = 2;
        private static final long UNPARSED = Long.MIN_VALUE;
        private static final byte S_TIMESTAMP = 0;
        private static final byte S_ELAPSED = 1;
        private static final byte S_BYTES = 2;
        private static final byte S_SENT_BYTES = 3;
        private static final byte S_LATENCY = 4;
        private static final byte S_CONNECT = 5;
        private static final byte S_ALL_THREADS = 6;

        private final InputStream in;
        private final String source;
        private final SampleSink sink;
        private final JtlTimestampParser timestamps;

        /** Read buffer; the last {@link #SLACK} bytes are never filled so 8-byte reads at any position are safe. */
        private byte[] buf;
        private int pos;
        private int limit;
        /**
         * Just after the last line end in the buffer (or {@link #limit} at end of file): rows before it are complete
         * unless a quoted field spans that line end, so the row parser rarely meets the end of the data. Keeping
         * that case rare keeps the JIT from recompiling the parser for it once per buffer.
         */
        private int end;
        private boolean eof;
        private boolean pendingLf;
        private long line = 1;

        private byte delim;
        private int columns;
        private int[] fieldStart;
        private int[] fieldEnd;
        private boolean[] fieldEscaped;
        /** Per column: index into {@link #nums} for numbers parsed during the scan, or -1. */
        private byte[] numSlot;
        /** Numbers of the current row; absent columns stay 0. */
        private final long[] nums = new long[7];
        /** Line ends inside quoted fields of the current row. */
        private int extraLines;
        private int cTimestamp = -1;
        private int cElapsed = -1;
        private int cLabel = -1;
        private int cCode = -1;
        private int cMessage = -1;
        private int cSuccess = -1;
        private int cFailure = -1;
        private int cBytes = -1;
        private int cSentBytes = -1;
        private int cLatency = -1;
        private int cConnect = -1;
        private int cAllThreads = -1;
        /** The header is JMeter's default 17 columns in their default order: {@link #parseDefaultRow} applies. */
        private boolean defaultLayout;

        private final ByteStringCache labels = new ByteStringCache(4096, 512);
        private final ByteStringCache codes = new ByteStringCache(1024, 512);
        private final ByteStringCache messages = new ByteStringCache(4096, 512);
        private final ByteStringCache failures = new ByteStringCache(4096, 512);
        private byte[] scratch = new byte[256 + SLACK];
        private long delimPattern;

        private long rowsRead;
        private long rowsSkipped;
        /** Rows delivered by {@link #parseRow}; counted there, so the fast path pays nothing for the count. */
        private long generalRows;
        private final List<JtlReadStats.SkippedRow> skipped = new ArrayList<>();

        private final boolean fastPath;

        Parse(InputStream in, String source, SampleSink sink, ZoneId zone, int bufferBytes, boolean fastPath) {
            this.fastPath = fastPath;
            this.buf = new byte[bufferBytes + SLACK];
            this.in = in;
            this.source = source;
            this.sink = sink;
            this.timestamps = new JtlTimestampParser(zone);
        }

        JtlReadStats run() throws IOException {
            readHeader();
            while (true) {
                if (pos >= end) {
                    if (eof) {
                        break;
                    }
                    if (limit - pos >= MAX_ROW_BYTES) {
                        skip(line, "row longer than " + (MAX_ROW_BYTES >> 20) + " MiB (unbalanced quote?)");
                    } else {
                        fill();
                    }
                    continue;
                }
                if (pendingLf) {
                    pendingLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                if (defaultLayout && numSlot[cTimestamp] == S_TIMESTAMP && parseDefaultRow()) {
                    continue;
                }
                if (parseRow() == NEED_MORE) {
                    if (limit - pos >= MAX_ROW_BYTES) {
                        skip(line, "row longer than " + (MAX_ROW_BYTES >> 20) + " MiB (unbalanced quote?)");
                    } else {
                        fill();
                    }
                }
            }
            return new JtlReadStats(source, JtlFormat.CSV, rowsRead, rowsSkipped, skipped, "");
        }

        /** Moves unread bytes to the front, grows the buffer if one row fills it, reads more. False at EOF. */
        private boolean fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int capacity = buf.length - SLACK;
            if (limit == capacity) {
                capacity *= 2;
                buf = java.util.Arrays.copyOf(buf, capacity + SLACK);
            }
            int n = in.read(buf, limit, capacity - limit);
            while (n == 0) {
                n = in.read(buf, limit, capacity - limit);
            }
            if (n < 0) {
                eof = true;
                buf[limit] = '\n';
                end = limit;
                return false;
            }
            limit += n;
            buf[limit] = '\n';
            int i = limit - 1;
            while (i >= pos && buf[i] != '\n' && buf[i] != '\r') {
                i--;
            }
            end = i + 1;
            return true;
        }

        /** Reads the first non-blank line as the header (a loop: any number of blank lines may come first). */
        private void readHeader() throws IOException {
            while (true) {
                int eol;
                while (true) {
                    eol = -1;
                    for (int i = pos; i < limit; i++) {
                        if (buf[i] == '\n' || buf[i] == '\r') {
                            eol = i;
                            break;
                        }
                    }
                    if (eol >= 0 || eof) {
                        break;
                    }
                    if (limit - pos > MAX_HEADER_BYTES) {
                        throw headerTooLong();
                    }
                    fill();
                }
                if ((eol >= 0 ? eol : limit) - pos > MAX_HEADER_BYTES) {
                    throw headerTooLong(); // the same limit when the whole line fit in the buffer
                }
                int start = pos;
                if (limit - start >= 3 && (buf[start] & 0xff) == 0xEF && (buf[start + 1] & 0xff) == 0xBB
                        && (buf[start + 2] & 0xff) == 0xBF) {
                    start += 3;
                }
                int end = eol >= 0 ? eol : limit;
                String header = new String(buf, start, end - start, StandardCharsets.UTF_8);
                if (header.isBlank()) {
                    if (eol < 0) {
                        throw new JtlException(JtlException.Kind.EMPTY, source + ": file is empty, expected a JMeter "
                                + "CSV header line (timeStamp,elapsed,label,...) followed by rows");
                    }
                    pos = eol + 1;
                    pendingLf = buf[eol] == '\r';
                    line++;
                    if (pendingLf && pos >= limit) {
                        fill();
                    }
                    if (pendingLf && pos < limit && buf[pos] == '\n') {
                        pos++;
                    }
                    pendingLf = false;
                    continue;
                }
                applyHeader(header);
                if (eol >= 0) {
                    pos = eol + 1;
                    pendingLf = buf[eol] == '\r';
                } else {
                    pos = limit;
                }
                line++;
                return;
            }
        }

        private JtlException headerTooLong() {
            return new JtlException(JtlException.Kind.NOT_A_JTL, source
                    + ": first line is longer than 64 KiB, so it is not a JMeter CSV header");
        }

        private void applyHeader(String header) throws JtlException {
            Role[] best = null;
            byte bestDelim = ',';
            int bestKnown = -1;
            for (byte d : DELIMITERS) {
                List<String> names = split(header, (char) d);
                Role[] roles = new Role[names.size()];
                int known = 0;
                for (int i = 0; i < roles.length; i++) {
                    Role r = COLUMNS.get(names.get(i).trim().toLowerCase(Locale.ROOT));
                    roles[i] = r == null ? Role.OTHER : r;
                    known += r == null ? 0 : 1;
                }
                if (known > bestKnown) {
                    bestKnown = known;
                    best = roles;
                    bestDelim = d;
                }
                if (missing(roles).isEmpty()) {
                    best = roles;
                    bestDelim = d;
                    bestKnown = Integer.MAX_VALUE;
                    break;
                }
            }
            if (bestKnown == 0) {
                throw new JtlException(JtlException.Kind.NOT_A_JTL, source + ": line " + line + " is not a JMeter "
                        + "CSV header; expected column names such as timeStamp,elapsed,label,responseCode,...,success "
                        + "(JMeter writes them unless jmeter.save.saveservice.print_field_names=false)");
            }
            List<String> missing = missing(best);
            if (!missing.isEmpty()) {
                throw new JtlException(JtlException.Kind.NOT_A_JTL, source + ": CSV header lacks required column(s) "
                        + String.join(",", missing) + "; a JTL needs at least timeStamp, elapsed, label and success");
            }
            delim = bestDelim;
            delimPattern = Swar.pattern(delim);
            columns = best.length;
            fieldStart = new int[columns + 1];
            fieldEnd = new int[columns + 1];
            fieldEscaped = new boolean[columns + 1];
            numSlot = new byte[columns + 1];
            java.util.Arrays.fill(numSlot, (byte) -1);
            for (int i = columns - 1; i >= 0; i--) {
                switch (best[i]) {
                    case TIMESTAMP -> cTimestamp = i;
                    case ELAPSED -> cElapsed = i;
                    case LABEL -> cLabel = i;
                    case CODE -> cCode = i;
                    case MESSAGE -> cMessage = i;
                    case SUCCESS -> cSuccess = i;
                    case FAILURE -> cFailure = i;
                    case BYTES -> cBytes = i;
                    case SENT_BYTES -> cSentBytes = i;
                    case LATENCY -> cLatency = i;
                    case CONNECT -> cConnect = i;
                    case ALL_THREADS -> cAllThreads = i;
                    default -> { }
                }
            }
            slot(cElapsed, S_ELAPSED);
            slot(cBytes, S_BYTES);
            slot(cSentBytes, S_SENT_BYTES);
            slot(cLatency, S_LATENCY);
            slot(cConnect, S_CONNECT);
            slot(cAllThreads, S_ALL_THREADS);
            defaultLayout = fastPath && columns == 17 && cTimestamp == 0 && cElapsed == 1 && cLabel == 2 && cCode == 3
                    && cMessage == 4 && cSuccess == 7 && cFailure == 8 && cBytes == 9 && cSentBytes == 10
                    && cAllThreads == 12 && cLatency == 14 && cConnect == 16;
        }

        private void slot(int col, byte slot) {
            if (col >= 0) {
                numSlot[col] = slot;
            }
        }

        private static List<String> missing(Role[] roles) {
            List<String> missing = new ArrayList<>();
            for (Role required : REQUIRED) {
                boolean found = false;
                for (Role r : roles) {
                    found |= r == required;
                }
                if (!found) {
                    missing.add(required.column);
                }
            }
            return missing;
        }

        private static List<String> split(String s, char d) {
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == d) {
                    parts.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(s.substring(start));
            return parts;
        }

        /**
         * Splits one row at {@link #pos} into fields and turns it into a sample. Returns NEED_MORE (nothing consumed)
         * when the row is not complete in the buffer yet and the file has more bytes.
         *
         * <p>Numeric columns are parsed while they are scanned (one pass, no String); string columns only have their
         * range recorded; other columns are just skipped. A numeric field that is not a plain number is re-read
         * through the general path so that quoted numbers, formatted timestamps and error messages still work. The
         * byte at {@link #limit} is always a '\n' sentinel, and the row parser works only up to {@link #end}, so
         * scanning loops need no bounds test of their own.
         */
        private int parseRow() throws IOException {
            final byte[] b = buf;
            final int lim = end;
            final byte d = delim;
            final int[] fs = fieldStart;
            final int[] fe = fieldEnd;
            final boolean[] fx = fieldEscaped;
            final byte[] slots = numSlot;
            final long[] v = nums;
            final long dp = delimPattern;
            final int maxFields = columns;
            int p = pos;
            byte c = b[p];
            if (c == '\n' || c == '\r') {
                pos = p + 1;
                pendingLf = c == '\r';
                line++;
                return OK;
            }
            extraLines = 0;
            int f = 0;
            while (true) {
                int slot = slots[f];
                int q;
                if (slot < 0 || (q = number(b, p, d, v, slot)) < 0) {
                    if (b[p] == '"') {
                        q = quoted(p, f);
                        if (q < 0) {
                            return q == -1 ? NEED_MORE : SKIPPED;
                        }
                    } else {
                        q = Swar.indexOfSpecial(b, p, dp);
                        fs[f] = p;
                        fe[f] = q;
                        fx[f] = false;
                    }
                }
                f++;
                if (q >= lim) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    p = lim;
                    break;
                }
                c = b[q];
                if (c == d) {
                    p = q + 1;
                    if (f == maxFields) {
                        return skip(line, "more than " + columns + " columns");
                    }
                    continue;
                }
                p = q;
                if (c == '\n' || c == '\r') {
                    break;
                }
                return skip(line, (c == '"' ? "quote inside an unquoted field" : "text after a closing quote")
                        + " in column " + f);
            }
            if (f != columns) {
                return skip(line, f + (f == 1 ? " column" : " columns") + ", expected " + columns);
            }
            long timeStamp = v[S_TIMESTAMP];
            if (slots[cTimestamp] != S_TIMESTAMP || timeStamp == UNPARSED) {
                timeStamp = timestamps.parse(b, fs[cTimestamp], fe[cTimestamp]);
                if (timeStamp == JtlTimestampParser.INVALID) {
                    return skip(line, "timeStamp '" + text(cTimestamp) + "' is not one of: "
                            + JtlTimestampParser.SUPPORTED);
                }
                if (timestamps.isMillis()) {
                    slots[cTimestamp] = S_TIMESTAMP;
                }
            }
            long elapsed = v[S_ELAPSED];
            if (elapsed == UNPARSED && (elapsed = reparse(cElapsed)) == JtlNumbers.INVALID) {
                return notANumber(cElapsed, "elapsed");
            }
            boolean success;
            int s = fs[cSuccess];
            int len = fe[cSuccess] - s;
            if (len == 4 && (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u'
                    && (b[s + 3] | 0x20) == 'e') {
                success = true;
            } else if (len == 5 && (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l'
                    && (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e') {
                success = false;
            } else {
                return skip(line, "success '" + text(cSuccess) + "' is not true or false");
            }
            long bytes = v[S_BYTES];
            if (bytes == UNPARSED && (bytes = reparse(cBytes)) == JtlNumbers.INVALID) {
                return notANumber(cBytes, "bytes");
            }
            long sentBytes = v[S_SENT_BYTES];
            if (sentBytes == UNPARSED && (sentBytes = reparse(cSentBytes)) == JtlNumbers.INVALID) {
                return notANumber(cSentBytes, "sentBytes");
            }
            long latency = v[S_LATENCY];
            if (latency == UNPARSED && (latency = reparse(cLatency)) == JtlNumbers.INVALID) {
                return notANumber(cLatency, "Latency");
            }
            long connect = v[S_CONNECT];
            if (connect == UNPARSED && (connect = reparse(cConnect)) == JtlNumbers.INVALID) {
                return notANumber(cConnect, "Connect");
            }
            long allThreads = v[S_ALL_THREADS];
            if (allThreads == UNPARSED) {
                allThreads = reparse(cAllThreads);
            }
            if (allThreads == JtlNumbers.INVALID) {
                return notANumber(cAllThreads, "allThreads");
            }
            if (allThreads > Integer.MAX_VALUE || allThreads < Integer.MIN_VALUE) {
                // parsed during the scan, so the field's range was never recorded: show the value itself
                return skip(line, "allThreads '" + allThreads + "' is out of range");
            }
            String label = string(labels, cLabel);
            String code = cCode < 0 ? "" : string(codes, cCode);
            String message = cMessage < 0 ? "" : string(messages, cMessage);
            String failure = cFailure < 0 ? "" : string(failures, cFailure);

            if (p >= lim) {
                pos = limit;
            } else {
                pos = p + 1;
                pendingLf = b[p] == '\r';
            }
            line += 1 + extraLines;
            rowsRead++;
            generalRows++;
            sink.acceptFields(timeStamp, elapsed, label, code, message, success, failure, bytes, sentBytes, latency,
                    connect, (int) allThreads);
            return OK;
        }

        /**
         * The common case in straight lines: a row of JMeter's default 17 columns with millisecond timestamps, no
         * quoted field and plain numbers, complete in the buffer. Delivers it and returns true; returns false without
         * consuming or recording anything for every other row, which {@link #parseRow} then handles (including
         * skipping it with a reason). Unused columns are only scanned, as in the general path.
         */
        private boolean parseDefaultRow() {
            final byte[] b = buf;
            final int lim = end;
            final byte d = delim;
            final long dp = delimPattern;
            final long[] v = nums;
            int q = number(b, pos, d, v, S_TIMESTAMP);
            if (q < 0 || b[q] != d || (q = number(b, q + 1, d, v, S_ELAPSED)) < 0 || b[q] != d) {
                return false;
            }
            final int labelStart = q + 1;
            final int labelEnd = plain(b, labelStart, dp, d);
            if (labelEnd < 0) {
                return false;
            }
            final int codeEnd = plain(b, labelEnd + 1, dp, d);
            if (codeEnd < 0) {
                return false;
            }
            final int messageEnd = plain(b, codeEnd + 1, dp, d);
            if (messageEnd < 0) {
                return false;
            }
            q = plain(b, messageEnd + 1, dp, d); // threadName
            if (q < 0 || (q = plain(b, q + 1, dp, d)) < 0) { // dataType
                return false;
            }
            final int successStart = q + 1;
            final int successEnd = plain(b, successStart, dp, d);
            if (successEnd < 0) {
                return false;
            }
            final int failureEnd = plain(b, successEnd + 1, dp, d);
            if (failureEnd < 0 || (q = number(b, failureEnd + 1, d, v, S_BYTES)) < 0 || b[q] != d
                    || (q = number(b, q + 1, d, v, S_SENT_BYTES)) < 0 || b[q] != d
                    || (q = plain(b, q + 1, dp, d)) < 0 // grpThreads
                    || (q = number(b, q + 1, d, v, S_ALL_THREADS)) < 0 || b[q] != d
                    || (q = plain(b, q + 1, dp, d)) < 0 // URL
                    || (q = number(b, q + 1, d, v, S_LATENCY)) < 0 || b[q] != d
                    || (q = plain(b, q + 1, dp, d)) < 0 // IdleTime
                    || (q = number(b, q + 1, d, v, S_CONNECT)) < 0 || q >= lim || b[q] == d) {
                return false;
            }
            boolean success;
            int len = successEnd - successStart;
            if (len == 4 && b[successStart] == 't' && b[successStart + 1] == 'r' && b[successStart + 2] == 'u'
                    && b[successStart + 3] == 'e') {
                success = true;
            } else if (len == 5 && b[successStart] == 'f' && b[successStart + 1] == 'a'
                    && b[successStart + 2] == 'l' && b[successStart + 3] == 's' && b[successStart + 4] == 'e') {
                success = false;
            } else {
                return false;
            }
            long allThreads = v[S_ALL_THREADS];
            if (allThreads > Integer.MAX_VALUE || allThreads < Integer.MIN_VALUE) {
                return false;
            }
            String label = labels.get(b, labelStart, labelEnd);
            String code = codes.get(b, labelEnd + 1, codeEnd);
            String message = messages.get(b, codeEnd + 1, messageEnd);
            String failure = failures.get(b, successEnd + 1, failureEnd);
            pos = q + 1;
            pendingLf = b[q] == '\r';
            line++;
            rowsRead++;
            sink.acceptFields(v[S_TIMESTAMP], v[S_ELAPSED], label, code, message, success, failure, v[S_BYTES],
                    v[S_SENT_BYTES], v[S_LATENCY], v[S_CONNECT], (int) allThreads);
            return true;
        }

        /**
         * End of the unquoted field at p when it ends with the delimiter inside the complete rows of the buffer;
         * -1 for a quoted field, a field ending the row early, or one running past them.
         */
        private int plain(byte[] b, int p, long dp, byte d) {
            if (b[p] == '"') {
                return -1;
            }
            int q = Swar.indexOfSpecial(b, p, dp);
            return q < end && b[q] == d ? q : -1;
        }

        /**
         * Parses a plain decimal at p into {@code v[slot]} and returns the position of the byte after it, which must
         * be the delimiter or a line end; returns -1 (and marks the slot unparsed) for anything else.
         */
        private static int number(byte[] b, int p, byte d, long[] v, int slot) {
            int q = p;
            boolean negative = b[q] == '-';
            if (negative) {
                q++;
            }
            int from = q;
            long value = 0;
            if (slot == S_TIMESTAMP && Swar.eightDigits(b, q)) {
                value = Swar.parseEightDigits(b, q);
                q += 8;
                if (slot == S_TIMESTAMP && Swar.eightDigits(b, q)) {
                    value = value * 100_000_000L + Swar.parseEightDigits(b, q);
                    q += 8;
                }
            }
            while (true) {
                int digit = b[q] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
                q++;
            }
            int digits = q - from;
            byte t = b[q];
            if (digits == 0 || digits > 18 || (t != d && t != '\n' && t != '\r')) {
                v[slot] = UNPARSED;
                return -1;
            }
            v[slot] = negative ? -value : value;
            return q;
        }

        /**
         * Scans the quoted field opening at p, records its content range, and returns the position after the closing
         * quote; -1 when more input is needed, -2 when the row was skipped (quote never closed).
         */
        private int quoted(int p, int f) throws IOException {
            final byte[] b = buf;
            final int lim = end;
            int start = ++p;
            boolean escaped = false;
            while (true) {
                byte c = b[p];
                if (c == '"') {
                    if (b[p + 1] == '"' && p + 1 < lim) {
                        escaped = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || c == '\r') {
                    if (p >= lim) {
                        if (!eof) {
                            return -1;
                        }
                        skip(line, "quoted field not closed before end of file");
                        return -2;
                    }
                    if (c == '\n') {
                        extraLines++;
                    } else {
                        if (p + 1 >= lim && !eof) {
                            return -1;
                        }
                        if (p + 1 >= lim || b[p + 1] != '\n') {
                            extraLines++;
                        }
                    }
                }
                p++;
            }
            fieldStart[f] = start;
            fieldEnd[f] = p;
            fieldEscaped[f] = escaped;
            return p + 1;
        }

        /** A numeric field that was not a plain number where it was scanned (quoted, or garbage). */
        private long reparse(int col) {
            return JtlNumbers.parseLong(buf, fieldStart[col], fieldEnd[col]);
        }

        private String string(ByteStringCache cache, int col) {
            int from = fieldStart[col];
            int to = fieldEnd[col];
            if (!fieldEscaped[col]) {
                return cache.get(buf, from, to);
            }
            if (scratch.length - SLACK < to - from) {
                scratch = new byte[Math.max(to - from, scratch.length * 2) + SLACK];
            }
            int n = 0;
            for (int i = from; i < to; i++) {
                byte c = buf[i];
                scratch[n++] = c;
                if (c == '"') {
                    i++;
                }
            }
            return cache.get(scratch, 0, n);
        }

        private String text(int col) {
            String t = new String(buf, fieldStart[col], fieldEnd[col] - fieldStart[col], StandardCharsets.UTF_8);
            return t.length() > 40 ? t.substring(0, 40) + "..." : t;
        }

        private int notANumber(int col, String name) throws IOException {
            return skip(line, name + " '" + text(col) + "' is not a number");
        }

        /** Counts the row starting at {@link #pos} as garbage and resumes after its first physical line. */
        private int skip(long rowLine, String reason) throws IOException {
            rowsSkipped++;
            if (skipped.size() < JtlReadStats.MAX_REPORTED_SKIPS) {
                skipped.add(new JtlReadStats.SkippedRow(rowLine, reason));
            }
            while (true) {
                for (int i = pos; i < limit; i++) {
                    byte c = buf[i];
                    if (c == '\n' || c == '\r') {
                        pos = i + 1;
                        pendingLf = c == '\r';
                        line++;
                        return SKIPPED;
                    }
                }
                pos = limit;
                if (eof || !fill()) {
                    line++;
                    return SKIPPED;
                }
            }
        }
    }
}
