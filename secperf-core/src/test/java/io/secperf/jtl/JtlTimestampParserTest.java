package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The timeStamp column's formats, field by field at their limits (found by mutation testing, docs/testing.md): the
 * hand-written "yyyy/MM/dd HH:mm:ss.SSS" parser must reject what the formatter would reject, and the per-minute
 * cache must never hand one minute's value to another.
 */
class JtlTimestampParserTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** Parses the text at an offset inside a larger buffer (as in the reader), with bytes around it. */
    private static long parse(JtlTimestampParser p, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 16];
        Arrays.fill(b, (byte) '7');
        System.arraycopy(t, 0, b, 5, t.length);
        return p.parse(b, 5, 5 + t.length);
    }

    private static long local(int y, int mo, int d, int h, int mi, int s, int ms) {
        return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static long fresh(String text) {
        return parse(new JtlTimestampParser(ZONE), text);
    }

    @Test
    void epochMillisFixTheModeForTheFile() {
        JtlTimestampParser p = new JtlTimestampParser(ZONE);
        assertThat(p.isMillis()).isFalse();
        assertThat(parse(p, "1700000000000")).isEqualTo(1_700_000_000_000L);
        assertThat(p.isMillis()).isTrue();
        assertThat(parse(p, "-5")).isEqualTo(-5);
        assertThat(parse(p, "2024/01/02 03:04:05")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(p, "")).isEqualTo(JtlTimestampParser.INVALID);
    }

    @Test
    void fixedDateFormatsWithAndWithoutMillis() {
        assertThat(fresh("2024/01/02 03:04:05")).isEqualTo(local(2024, 1, 2, 3, 4, 5, 0));
        assertThat(fresh("2024-01-02 03:04:05")).isEqualTo(local(2024, 1, 2, 3, 4, 5, 0));
        assertThat(fresh("2024/01/02 03:04:05.678")).isEqualTo(local(2024, 1, 2, 3, 4, 5, 678));
        assertThat(fresh("0000/01/01 00:00:00.000")).isEqualTo(local(0, 1, 1, 0, 0, 0, 0));
        assertThat(fresh("9999/12/31 23:59:59.999")).isEqualTo(local(9999, 12, 31, 23, 59, 59, 999));

        JtlTimestampParser p = new JtlTimestampParser(ZONE);
        assertThat(parse(p, "2024/01/02 03:04:05")).isEqualTo(local(2024, 1, 2, 3, 4, 5, 0));
        assertThat(p.isMillis()).isFalse();
        // the mode is now the fixed date: millis and other layouts are not this file's format
        assertThat(parse(p, "1700000000000")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(p, "2024-01-02T03:04:05")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(p, "2024/01/02 03:04:06.5")).isEqualTo(JtlTimestampParser.INVALID);
    }

    @Test
    void everyFieldOfTheFixedDateIsCheckedAtItsLimits() {
        long invalid = JtlTimestampParser.INVALID;
        // first valid, then just outside, for every field
        assertThat(fresh("2024/12/31 23:59:59.999")).isEqualTo(local(2024, 12, 31, 23, 59, 59, 999));
        for (String bad : new String[] {
            "2024/13/01 00:00:00", "2024/00/01 00:00:00", "2024/01/32 00:00:00", "2024/01/00 00:00:00",
            "2024/01/01 24:00:00", "2024/01/01 00:60:00", "2024/01/01 00:00:60", "2023/02/29 00:00:00",
            "2024/01/01 00:00:0x", "2024/01/01 00:0x:00", "2024/01/01 0x:00:00", "2024/01/0x 00:00:00",
            "2024/0x/01 00:00:00", "202x/01/01 00:00:00", "2024/01/01 00:00:00.0x0", "2024/01/01 00:00:00,000",
            "2024/01-01 00:00:00", "2024.01.01 00:00:00", "2024/01/01T00:00:00", "2024/01/01 00-00:00",
            "2024/01/01 00:00-00", "2024/01/01 00:00:00.", "2024/01/01 00:00:00.0000", "2024/01/01 0:00:00",
            "2024/01/01 00:00:0/", "2024/01/01 00:00:0:", "2024/01/01 00:00:00.1/5", "20/4/01/01 00:00:00",
            "2024/1//01 00:00:00", "2024/01/01 1/:00:00", "2024/01/01 00:1/:00",
        }) {
            assertThat(fresh(bad)).as(bad).isEqualTo(invalid);
        }
        assertThat(fresh("2024/02/29 00:00:00")).isEqualTo(local(2024, 2, 29, 0, 0, 0, 0));
        assertThat(fresh("2024/01/01 00:00:00.000")).isEqualTo(local(2024, 1, 1, 0, 0, 0, 0));
        assertThat(fresh("2024/01/09 09:09:09.909")).isEqualTo(local(2024, 1, 9, 9, 9, 9, 909));
    }

    @Test
    void theMinuteCacheNeverGivesOneMinuteTheValueOfAnother() {
        JtlTimestampParser p = new JtlTimestampParser(ZONE);
        assertThat(parse(p, "2024/03/31 01:59:59.250")).isEqualTo(local(2024, 3, 31, 1, 59, 59, 250));
        assertThat(parse(p, "2024/03/31 01:59:01.000")).isEqualTo(local(2024, 3, 31, 1, 59, 1, 0));
        assertThat(parse(p, "2024/03/31 03:00:00.001")).isEqualTo(local(2024, 3, 31, 3, 0, 0, 1));
        assertThat(parse(p, "2024/03/31 03:01:00.001")).isEqualTo(local(2024, 3, 31, 3, 1, 0, 1));
        assertThat(parse(p, "2025/03/31 03:01:00.001")).isEqualTo(local(2025, 3, 31, 3, 1, 0, 1));
        // an invalid minute after a cached one is still invalid, and does not spoil the cache
        assertThat(parse(p, "2025/03/31 03:61:00.001")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(p, "2025/03/31 03:01:59.999")).isEqualTo(local(2025, 3, 31, 3, 1, 59, 999));
        // seconds are checked even when the minute is cached
        assertThat(parse(p, "2025/03/31 03:01:60.000")).isEqualTo(JtlTimestampParser.INVALID);
    }

    @Test
    void otherLayoutsGoThroughFormatters() {
        JtlTimestampParser us = new JtlTimestampParser(ZONE);
        assertThat(parse(us, "01/02/24 03:04:05")).isEqualTo(local(2024, 1, 2, 3, 4, 5, 0));
        assertThat(parse(us, "12/31/24 23:59:59")).isEqualTo(local(2024, 12, 31, 23, 59, 59, 0));
        assertThat(parse(us, "13/01/24 00:00:00")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(us, "2024-01-02T03:04:05")).isEqualTo(JtlTimestampParser.INVALID);

        JtlTimestampParser offset = new JtlTimestampParser(ZONE);
        assertThat(parse(offset, "2024-01-02T03:04:05.5+01:00")).isEqualTo(1_704_161_045_500L);
        assertThat(parse(offset, "2024-01-02T03:04:05Z")).isEqualTo(1_704_164_645_000L);
        assertThat(offset.isMillis()).isFalse();

        JtlTimestampParser iso = new JtlTimestampParser(ZONE);
        assertThat(parse(iso, "2024-07-02T03:04:05.123")).isEqualTo(local(2024, 7, 2, 3, 4, 5, 123));
        assertThat(parse(iso, "2024-07-02T03:04:06")).isEqualTo(local(2024, 7, 2, 3, 4, 6, 0));
        assertThat(parse(iso, "2024-07-02T03:04:06+01:00")).isEqualTo(JtlTimestampParser.INVALID);
    }

    @Test
    void aValueInNoFormatLeavesTheModeOpenForTheNextRow() {
        JtlTimestampParser p = new JtlTimestampParser(ZONE);
        assertThat(parse(p, "02.01.2024 03:04")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(parse(p, "yesterday")).isEqualTo(JtlTimestampParser.INVALID);
        assertThat(p.isMillis()).isFalse();
        assertThat(parse(p, "42")).isEqualTo(42);
        assertThat(p.isMillis()).isTrue();
    }
}
