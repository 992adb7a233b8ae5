package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CSV reader at its edges, each on the default-layout fast path and on the general parser (found by mutation
 * testing, docs/testing.md): letter-by-letter success values, the int range of allThreads, the reason given for each
 * kind of bad row, header shapes, line numbers after CR/LF, escaped strings longer than the scratch buffer, and the
 * 4 MiB row limit.
 */
class JtlCsvReaderEdgeCaseTest {

    private static final String DEFAULT = JtlCsvWriter.HEADER;
    private static final String SHORT = "timeStamp,elapsed,label,success";

    private record Read(List<Sample> samples, JtlReadStats stats) {
        List<String> reasons() {
            return stats.firstSkipped().stream().map(JtlReadStats.SkippedRow::reason).toList();
        }

        List<Long> lines() {
            return stats.skippedLines();
        }
    }

    private static Read read(String content, int buffer, boolean fastPath) throws IOException {
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = new JtlCsvReader(ZoneId.of("UTC"), buffer, fastPath)
                .read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "x", c);
        return new Read(c.samples, stats);
    }

    /** A default-layout row with the given success, allThreads and Latency texts. */
    private static String row(String success, String allThreads, String latency) {
        return "1700000000000,5,a,200,OK,t,text," + success + ",,1,2,3," + allThreads + ",null," + latency + ",0,4\n";
    }

    private static Sample sample(boolean success, int allThreads) {
        return new Sample(1700000000000L, 5, "a", "200", "OK", success, "", 1, 2, 9, 4, allThreads);
    }

    @Test
    void successIsTrueOrFalseInAnyCaseAndNothingElse() throws IOException {
        String[] accepted = {"true", "TRUE", "True", "tRuE", "false", "FALSE", "False", "fAlSe"};
        String[] rejected = {"xrue", "txue", "trxe", "trux", "tru", "truee", "xalse", "fxlse", "faxse", "falxe",
            "falsx", "fals", "falsee", "1", "", "yes", "t", "f"};
        StringBuilder defaultRows = new StringBuilder(DEFAULT + "\n");
        StringBuilder shortRows = new StringBuilder(SHORT + "\n");
        for (String s : accepted) {
            defaultRows.append(row(s, "1", "9"));
            shortRows.append("1700000000000,5,a,").append(s).append('\n');
        }
        for (String s : rejected) {
            defaultRows.append(row(s, "1", "9"));
            shortRows.append("1700000000000,5,a,").append(s).append('\n');
        }
        List<String> reasons = new ArrayList<>();
        for (String s : rejected) {
            reasons.add("success '" + s + "' is not true or false");
        }
        for (boolean fast : new boolean[] {true, false}) {
            Read d = read(defaultRows.toString(), 1 << 16, fast);
            assertThat(d.samples()).extracting(Sample::success).as("fast path %s", fast)
                    .containsExactly(true, true, true, true, false, false, false, false);
            assertThat(d.reasons()).as("fast path %s", fast).isEqualTo(reasons);
            Read s = read(shortRows.toString(), 1 << 16, fast);
            assertThat(s.samples()).extracting(Sample::success)
                    .containsExactly(true, true, true, true, false, false, false, false);
            assertThat(s.reasons()).isEqualTo(reasons);
        }
    }

    @Test
    void allThreadsMustFitAnIntInBothPaths() throws IOException {
        String content = DEFAULT + "\n" + row("true", "2147483647", "9") + row("true", "-2147483648", "9")
                + row("true", "2147483648", "9") + row("true", "-2147483649", "9")
                + row("true", "\"2147483648\"", "9") + row("true", "\"-7\"", "9");
        String reordered = "allThreads,timeStamp,elapsed,label,success\n2147483647,1,2,a,true\n-2147483648,1,2,a,true\n"
                + "2147483648,1,2,a,true\n-2147483649,1,2,a,true\n";
        for (boolean fast : new boolean[] {true, false}) {
            Read r = read(content, 1 << 16, fast);
            assertThat(r.samples()).as("fast path %s", fast)
                    .containsExactly(sample(true, Integer.MAX_VALUE), sample(true, Integer.MIN_VALUE),
                            sample(true, -7));
            assertThat(r.reasons()).containsExactly("allThreads '2147483648' is out of range",
                    "allThreads '-2147483649' is out of range", "allThreads '2147483648' is out of range");
            assertThat(r.lines()).containsExactly(4L, 5L, 6L);
            Read o = read(reordered, 64, fast);
            assertThat(o.samples()).extracting(Sample::allThreads)
                    .containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE);
            assertThat(o.reasons()).containsExactly("allThreads '2147483648' is out of range",
                    "allThreads '-2147483649' is out of range");
        }
    }

    @Test
    void everyNumericColumnNamesItselfWhenItIsNotANumber() throws IOException {
        String good = "1700000000000,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n";
        String[] columns = JtlCsvWriter.HEADER.split(",");
        StringBuilder content = new StringBuilder(DEFAULT + "\n");
        List<String> reasons = new ArrayList<>();
        for (String column : List.of("elapsed", "bytes", "sentBytes", "allThreads", "Latency", "Connect")) {
            for (String bad : List.of("x", "\"\"", "-", "1.5", "12x", "\"" + "9".repeat(45) + "\"",
                    "\"" + "8".repeat(40) + "\"", "\"" + "7".repeat(41) + "\"")) {
                String[] fields = good.strip().split(",", -1);
                int at = List.of(columns).indexOf(column);
                fields[at] = bad;
                content.append(String.join(",", fields)).append('\n');
                String shown = bad.startsWith("\"") ? bad.substring(1, bad.length() - 1) : bad;
                shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
                reasons.add(column + " '" + shown + "' is not a number");
            }
        }
        content.append(good);
        for (boolean fast : new boolean[] {true, false}) {
            Read r = read(content.toString(), 1 << 16, fast);
            assertThat(r.reasons()).as("fast path %s", fast).isEqualTo(reasons);
            assertThat(r.samples()).hasSize(1);
        }
    }

    @Test
    void timestampsOfEveryLengthUpToEighteenDigitsOnTheFastPath() throws IOException {
        StringBuilder content = new StringBuilder(DEFAULT + "\n");
        List<Long> expected = new ArrayList<>();
        long v = 0;
        for (int digits = 1; digits <= 18; digits++) {
            v = v * 10 + (10 - digits % 10) % 10;
            expected.add(v);
            content.append(v).append(",5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
            content.append('-').append(v).append(",5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        }
        content.append("1234567890123456789,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        content.append("12345678:,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        content.append("1234567812345678:,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        content.append("-,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        content.append("1234567:,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        content.append("123456781234567:,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4\n");
        List<Long> withSigns = new ArrayList<>();
        for (long e : expected) {
            withSigns.add(e);
            withSigns.add(-e);
        }
        for (boolean fast : new boolean[] {true, false}) {
            Read r = read(content.toString(), 1 << 16, fast);
            assertThat(r.samples()).extracting(Sample::timeStamp).as("fast path %s", fast).isEqualTo(withSigns);
            assertThat(r.reasons()).hasSize(6).allSatisfy(reason -> assertThat(reason).startsWith("timeStamp '"));
            assertThat(r.reasons().get(1)).startsWith("timeStamp '12345678:' is not one of");
        }
    }

    @Test
    void eachKindOfBadRowGivesItsReason() throws IOException {
        String content = SHORT + "\n"
                + "1700000000000\n"                      // 2
                + "1700000000000,5\n"                    // 3
                + "1,2,a,true,extra\n"                   // 4
                + "1,2,\"a\"b,true\n"                    // 5
                + "1,2,a\"b,true\n"                      // 6
                + "1,2,\"a\"\"\",true\n"                 // 7: fine, label a"
                + "\"1\",\"2\",\"a\",\"true\"\n";        // 8: fine
        for (boolean fast : new boolean[] {true, false}) {
            for (int buffer : new int[] {3, 1 << 16}) {
                Read r = read(content, buffer, fast);
                assertThat(r.reasons()).containsExactly("1 column, expected 4", "2 columns, expected 4",
                        "more than 4 columns", "text after a closing quote in column 3",
                        "quote inside an unquoted field in column 3");
                assertThat(r.lines()).containsExactly(2L, 3L, 4L, 5L, 6L);
                assertThat(r.samples()).extracting(Sample::label).containsExactly("a\"", "a");
            }
        }
    }

    @Test
    void headerShapes() throws IOException {
        Read pipes = read("timeStamp|elapsed|label|success\n1|2|a,b|true\n", 64, true);
        assertThat(pipes.samples()).containsExactly(new Sample(1, 2, "a,b", "", "", true, "", 0, 0, 0, 0, 0));
        // the first of two columns with the same name is used
        Read twice = read("timeStamp,elapsed,label,success,label,elapsed\n1,2,first,true,second,3\n", 64, true);
        assertThat(twice.samples()).extracting(Sample::label, Sample::elapsed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", 2L));
        // a header without a line end is a file without rows
        Read headerOnly = read(DEFAULT, 7, true);
        assertThat(headerOnly.samples()).isEmpty();
        assertThat(headerOnly.stats().rowsSkipped()).isZero();
        // a CR-only header, then rows
        assertThat(read(SHORT + "\r1,2,a,true\r", 5, true).samples()).hasSize(1);

        assertThatThrownBy(() -> read("\n\r\nfoo,bar\n1,2\n", 64, true)).isInstanceOf(JtlException.class)
                .hasMessageStartingWith("x: line 3 is not a JMeter CSV header;");
        assertThatThrownBy(() -> read("timeStamp;label\n", 64, true)).isInstanceOf(JtlException.class)
                .hasMessage("x: CSV header lacks required column(s) elapsed,success; a JTL needs at least timeStamp, "
                        + "elapsed, label and success");
        // the delimiter with most known names wins (here '|': label, elapsed), even when required ones are missing
        assertThatThrownBy(() -> read("label|elapsed|success,timeStamp\n", 64, true)).isInstanceOf(JtlException.class)
                .hasMessageContaining("lacks required column(s) timeStamp,success;");
    }

    @Test
    void lineNumbersCountCrLfOnceWhereverTheBufferEnds() throws IOException {
        String content = SHORT + "\r\n"           // 1
                + "bad\r\n"                       // 2
                + "\r\n"                          // 3 blank
                + "1,2,\"x\r\ny\",true\r\n"       // 4-5
                + "1,x,a,true\r\n"                // 6
                + "1,2,\"x\ry\nz\",true\r"        // 7-9
                + "1,2,a,maybe\r\n"               // 10
                + "1,2,\"b\",true\r\n"            // 11
                + "1,2,a,\"maybe\"";              // 12, no line end
        for (boolean fast : new boolean[] {true, false}) {
            for (int buffer = 1; buffer <= content.length() + 1; buffer++) {
                Read r = read(content, buffer, fast);
                assertThat(r.lines()).as("buffer %d", buffer).containsExactly(2L, 6L, 10L, 12L);
                assertThat(r.samples()).as("buffer %d", buffer).extracting(Sample::label)
                        .containsExactly("x\r\ny", "x\ry\nz", "b");
            }
        }
    }

    @Test
    void lineNumbersAfterFastPathRowsWithEveryLineEnd() throws IOException {
        String good = "1700000000000,5,a,200,OK,t,text,true,,1,2,3,4,null,9,0,4";
        String bad = "1700000000000,5,a,200,OK,t,text,maybe,,1,2,3,4,null,9,0,4";
        String content = DEFAULT + "\r\n"
                + good + "\r\n" + good + "\r\n" + bad + "\r\n"   // 2, 3, 4
                + good + "\r" + good + "\r" + bad + "\r"            // 5, 6, 7
                + good + "\n" + "\r\n" + good + "\n" + bad + "\n" // 8, 9 blank, 10, 11
                + good + "\r\n" + bad;                              // 12, 13
        for (boolean fast : new boolean[] {true, false}) {
            for (int buffer : new int[] {1, 2, 3, 57, 58, 59, 60, 61, 62, 100, 1 << 16}) {
                Read r = read(content, buffer, fast);
                assertThat(r.lines()).as("fast path %s, buffer %d", fast, buffer).containsExactly(4L, 7L, 11L, 13L);
                assertThat(r.samples()).hasSize(7);
            }
        }
    }

    @Test
    void anyNumberOfBlankLinesMayComeBeforeTheHeader() throws IOException {
        // before the fix each blank line was one more level of recursion: 50,000 of them were a StackOverflowError
        int blanks = 200_000;
        // each unit ends three lines: LF, CR LF and CR (its last space is on the line the next LF ends)
        String content = "\n \r\n\t\r ".repeat(blanks / 3) + "\n" + SHORT + "\r\n1,2,a,true\r\n1,x,a,true\n";
        int headerLine = blanks / 3 * 3 + 2;
        for (int buffer : new int[] {5, 4096, 100_000, 100_001, JtlCsvReader.BUFFER_BYTES}) {
            Read r = read(content, buffer, true);
            assertThat(r.samples()).as("buffer %d", buffer).hasSize(1);
            assertThat(r.lines()).as("buffer %d", buffer).containsExactly(headerLine + 2L);
        }
        assertThatThrownBy(() -> read("\r\n".repeat(blanks), 4096, true)).isInstanceOf(JtlException.class)
                .hasMessageStartingWith("x: file is empty");
    }

    @Test
    void onlyTheFirstHundredSkippedRowsAreListedButAllAreCounted() throws IOException {
        StringBuilder content = new StringBuilder(SHORT + "\n");
        for (int i = 0; i < 150; i++) {
            content.append("1,x,a,true\n");
        }
        content.append("1,2,a,true\n");
        Read r = read(content.toString(), 1 << 16, true);
        assertThat(r.stats().rowsSkipped()).isEqualTo(150);
        assertThat(r.lines()).hasSize(JtlReadStats.MAX_REPORTED_SKIPS);
        assertThat(r.lines().get(99)).isEqualTo(101);
        assertThat(r.samples()).hasSize(1);
    }

    @Test
    void escapedStringsLongerThanTheScratchBufferAreUnescapedWhole() throws IOException {
        for (int length : new int[] {255, 257, 600, 5_000}) {
            String value = ("ab\"c,d\n").repeat(length / 7 + 1).substring(0, length);
            String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
            String content = DEFAULT + "\n1700000000000,5," + quoted + "," + quoted + "," + quoted + ",t,text,false,"
                    + quoted + ",1,2,3,4,null,9,0,4\n"
                    + "1700000000000,5,\"\"\"\",\"\"\"\",\"\"\"\",t,text,false,\"\"\"\",1,2,3,4,null,9,0,4\n";
            Read r = read(content, 64, true);
            assertThat(r.samples()).as("length %d", length).containsExactly(
                    new Sample(1700000000000L, 5, value, value, value, false, value, 1, 2, 9, 4, 4),
                    new Sample(1700000000000L, 5, "\"", "\"", "\"", false, "\"", 1, 2, 9, 4, 4));
        }
    }

    @Test
    void aCrLfBlankLineBeforeTheHeaderIsOneLineAtEveryBufferSize() throws IOException {
        // the CR and the LF of a blank line may arrive in different reads: still one line, so the bad row is line 4
        String content = "\r\n \r\n" + SHORT + "\r\n1,x,a,true\r\n1,2,a,true\r\n";
        for (int buffer = 1; buffer <= content.length() + 1; buffer++) {
            Read r = read(content, buffer, true);
            assertThat(r.lines()).as("buffer %d", buffer).containsExactly(4L);
            assertThat(r.samples()).hasSize(1);
        }
        // a file of blank lines ending in a lone CR is empty, whatever the buffer size
        for (String blank : List.of("\r", " \r", "\r\n\r", "\n\r")) {
            for (int buffer : new int[] {1, 2, 64}) {
                assertThatThrownBy(() -> read(blank, buffer, true)).as("%s / %d", blank.replace("\r", "CR"), buffer)
                        .isInstanceOf(JtlException.class).hasMessageStartingWith("x: file is empty");
            }
        }
    }

    @Test
    void anEscapedStringWithOneQuoteJustPastTheScratchBufferIsUnescapedWhole() throws IOException {
        // one doubled quote only, so the unescaped text is nearly as long as the field: the scratch buffer must
        // grow to the field's length, not to "about" it (256 is its first size, 512 its doubled size)
        for (int length : new int[] {256, 257, 262, 266, 270, 272, 273, 511, 513, 520, 528, 600, 1000}) {
            String value = "\"" + "x".repeat(length - 1);
            String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
            String content = DEFAULT + "\n1700000000000,5," + quoted + ",200,OK,t,text,true,,1,2,3,4,null,9,0,4\n";
            Read r = read(content, 64, true);
            assertThat(r.samples()).as("length %d", length).containsExactly(
                    new Sample(1700000000000L, 5, value, "200", "OK", true, "", 1, 2, 9, 4, 4));
        }
    }

    @Test
    void aRowLongerThanFourMiBIsSkippedAndOneJustShorterIsRead() throws IOException {
        int max = JtlCsvReader.MAX_ROW_BYTES;
        // one line (no line end for 4 MiB), and a quoted field whose line ends keep the row open for 4 MiB
        String longUnquoted = "1,2," + "u".repeat(max + 100) + ",true\n";
        String longQuoted = "1,2,\"" + "q\n".repeat((max + 100) / 2) + "q\",true\n";
        String almost = "q\n".repeat((max - 4096) / 2);
        String content = SHORT + "\n1,2,a,true\n" + longUnquoted + "3,4,b,true\n" + longQuoted + "5,6,c,true\n"
                + "7,8,\"" + almost + "\",true\n9,10,d,true\n";
        Read r = read(content, JtlCsvReader.BUFFER_BYTES, true);
        // after the long quoted row is skipped, reading resumes on its second line: its lines are garbage rows
        assertThat(r.reasons()).startsWith("row longer than 4 MiB (unbalanced quote?)",
                "row longer than 4 MiB (unbalanced quote?)", "1 column, expected 4");
        assertThat(r.lines()).startsWith(3L, 5L, 6L);
        assertThat(r.stats().rowsSkipped()).isEqualTo(2 + (max + 100) / 2);
        assertThat(r.samples()).extracting(Sample::label).containsExactly("a", "b", "c", almost, "d");
    }
    @Test
    void theHeaderLimitIs64KiBWhateverTheBufferSize() throws IOException {
        // before the fix the limit was only checked while the line did not fit the buffer, so with the default 1 MiB
        // buffer a 100 KiB first line was taken as a header, and with a 4 KiB buffer it was rejected
        String atLimit = SHORT + "," + "x".repeat((64 << 10) - SHORT.length() - 1);
        String over = atLimit + "y";
        assertThat(atLimit.length()).isEqualTo(64 << 10);
        for (int buffer : new int[] {7, 4096, 64 << 10, (64 << 10) + 1, JtlCsvReader.BUFFER_BYTES}) {
            for (String end : new String[] {"\n", "\r\n", ""}) {
                Read ok = read(atLimit + end + (end.isEmpty() ? "" : "1,2,a,true,v\n"), buffer, true);
                assertThat(ok.samples()).as("buffer %d", buffer).hasSize(end.isEmpty() ? 0 : 1);
                assertThatThrownBy(() -> read(over + end + "1,2,a,true,v\n", buffer, true))
                        .as("buffer %d", buffer).isInstanceOf(JtlException.class)
                        .hasMessage("x: first line is longer than 64 KiB, so it is not a JMeter CSV header");
            }
        }
    }
    @Test
    void aStreamThatSometimesReturnsNoBytesIsReadWhole() throws IOException {
        byte[] content = (DEFAULT + "\n" + row("true", "1", "9") + row("false", "2", "9"))
                .getBytes(StandardCharsets.UTF_8);
        // returns 0 bytes on every other call (allowed for read(byte[], int, int) only with len 0, but some do)
        java.io.InputStream stingy = new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
            private boolean empty;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                empty = !empty;
                return empty ? 0 : super.read(b, off, Math.min(len, 3));
            }
        };
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = new JtlCsvReader(ZoneId.of("UTC"), 16, true).read(stingy, "x", c);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(c.samples).containsExactly(sample(true, 1), sample(false, 2));
    }

    @Test
    void aByteOrderMarkAloneIsAnEmptyFileAndATieBetweenDelimitersGoesToTheComma() {
        assertThatThrownBy(() -> read("\uFEFF", 64, true)).isInstanceOf(JtlException.class)
                .hasMessageStartingWith("x: file is empty");
        // ',' and ';' each give one known name: ',' is tried first and kept
        assertThatThrownBy(() -> read("timeStamp,elapsed;label\n", 64, true)).isInstanceOf(JtlException.class)
                .hasMessageContaining("lacks required column(s) elapsed,label,success;");
    }
}
