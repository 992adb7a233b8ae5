package io.secperf.jtl;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * Reads the timeStamp column. JMeter writes epoch milliseconds unless {@code jmeter.save.saveservice.timestamp_format}
 * was set, in which case it writes local time in the JVM's zone; the format is fixed for a file, so it is detected on
 * the first row and then used for every row. The common "yyyy/MM/dd HH:mm:ss.SSS" family is parsed by hand with a
 * per-minute cache because a formatter per row would dominate ingest time.
 */
final class JtlTimestampParser {

    /** Returned for a value that does not parse in the file's format. */
    static final long INVALID = Long.MIN_VALUE;

    static final String SUPPORTED = "epoch milliseconds, yyyy/MM/dd HH:mm:ss[.SSS], yyyy-MM-dd HH:mm:ss[.SSS], "
            + "MM/dd/yy HH:mm:ss, ISO-8601 date-time";

    private enum Mode { UNKNOWN, MILLIS, FIXED_DATE, FORMATTER }

    private static final List<DateTimeFormatter> FORMATTERS = List.of(
            DateTimeFormatter.ofPattern("MM/dd/uu HH:mm:ss").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private final ZoneId zone;
    private Mode mode = Mode.UNKNOWN;
    private DateTimeFormatter formatter;

    private final byte[] cachedMinute = new byte[16];
    private boolean cacheValid;
    private long cachedMinuteMillis;

    JtlTimestampParser(ZoneId zone) {
        this.zone = zone;
    }

    /** True once the file is known to use epoch milliseconds, so callers may parse the column as a plain number. */
    boolean isMillis() {
        return mode == Mode.MILLIS;
    }

    long parse(byte[] b, int from, int to) {
        switch (mode) {
            case MILLIS:
                return JtlNumbers.parseLong(b, from, to);
            case FIXED_DATE:
                return parseFixedDate(b, from, to);
            case FORMATTER:
                return parseWithFormatter(b, from, to);
            default:
                return detect(b, from, to);
        }
    }

    private long detect(byte[] b, int from, int to) {
        long ms = JtlNumbers.parseLong(b, from, to);
        if (ms != JtlNumbers.INVALID) {
            mode = Mode.MILLIS;
            return ms;
        }
        long fixed = parseFixedDate(b, from, to);
        if (fixed != INVALID) {
            mode = Mode.FIXED_DATE;
            return fixed;
        }
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        for (DateTimeFormatter f : FORMATTERS) {
            long v = parseWith(f, text);
            if (v != INVALID) {
                formatter = f;
                mode = Mode.FORMATTER;
                return v;
            }
        }
        return INVALID;
    }

    private long parseWithFormatter(byte[] b, int from, int to) {
        return parseWith(formatter, new String(b, from, to - from, StandardCharsets.UTF_8));
    }

    private long parseWith(DateTimeFormatter f, String text) {
        try {
            if (f == DateTimeFormatter.ISO_OFFSET_DATE_TIME) {
                return OffsetDateTime.parse(text, f).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text, f).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    /** yyyy?MM?dd HH:mm:ss[.SSS] with ? being '/' or '-'. */
    private long parseFixedDate(byte[] b, int from, int to) {
        int len = to - from;
        if (len != 19 && len != 23) {
            return INVALID;
        }
        byte sep = b[from + 4];
        if ((sep != '/' && sep != '-') || b[from + 7] != sep || b[from + 10] != ' ' || b[from + 13] != ':'
                || b[from + 16] != ':') {
            return INVALID;
        }
        int seconds = digits(b, from + 17, 2);
        int millis = 0;
        if (len == 23) {
            if (b[from + 19] != '.') {
                return INVALID;
            }
            millis = digits(b, from + 20, 3);
        }
        if (seconds < 0 || seconds > 59 || millis < 0) {
            return INVALID;
        }
        if (!(cacheValid && java.util.Arrays.equals(cachedMinute, 0, 16, b, from, from + 16))) {
            int year = digits(b, from, 4);
            int month = digits(b, from + 5, 2);
            int day = digits(b, from + 8, 2);
            int hour = digits(b, from + 11, 2);
            int minute = digits(b, from + 14, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                    || minute > 59) {
                return INVALID;
            }
            try {
                cachedMinuteMillis = LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toInstant()
                        .toEpochMilli();
            } catch (java.time.DateTimeException e) {
                return INVALID;
            }
            System.arraycopy(b, from, cachedMinute, 0, 16);
            cacheValid = true;
        }
        return cachedMinuteMillis + seconds * 1000L + millis;
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
