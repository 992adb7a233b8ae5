package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins the CSV reader's header-driven layout (found by mutation testing, docs/testing.md): the default-layout fast
 * path must only be taken for JMeter's exact default column order, and it must read every row exactly as the general
 * parser does, for any header shape, row content, line end and buffer size.
 */
class JtlCsvReaderLayoutTest {

    private static final List<String> DEFAULT = List.of(JtlCsvWriter.HEADER.split(","));
    private static final String[] LABELS = {"GET /a", "search, filtered", "say \"hi\"", "two\nlines", "", "é ü"};

    /** One generated row: a value for each of the 17 default columns, by name. */
    private record Row(long ts, long elapsed, String label, String code, String message, String success,
                       String failure, long bytes, long sent, long allThreads, long latency, long connect) {

        String value(String column) {
            return switch (column) {
                case "timeStamp" -> Long.toString(ts);
                case "elapsed" -> Long.toString(elapsed);
                case "label" -> label;
                case "responseCode" -> code;
                case "responseMessage" -> message;
                case "threadName" -> "TG 1-1";
                case "dataType" -> "text";
                case "success" -> success;
                case "failureMessage" -> failure;
                case "bytes" -> Long.toString(bytes);
                case "sentBytes" -> Long.toString(sent);
                case "grpThreads" -> "3";
                case "allThreads" -> Long.toString(allThreads);
                case "URL" -> "http://127.0.0.1/x";
                case "Latency" -> Long.toString(latency);
                case "IdleTime" -> "0";
                case "Connect" -> Long.toString(connect);
                default -> "extra,value";
            };
        }

        Sample expected(List<String> header) {
            return new Sample(ts, has(header, "elapsed") ? elapsed : 0, label,
                    has(header, "responseCode") ? code : "", has(header, "responseMessage") ? message : "",
                    success.equalsIgnoreCase("true"), has(header, "failureMessage") ? failure : "",
                    has(header, "bytes") ? bytes : 0, has(header, "sentBytes") ? sent : 0,
                    has(header, "Latency") ? latency : 0, has(header, "Connect") ? connect : 0,
                    has(header, "allThreads") ? (int) allThreads : 0);
        }

        private static boolean has(List<String> header, String column) {
            return header.contains(column);
        }
    }

    private static Row row(Random r, int i) {
        boolean ok = r.nextInt(4) != 0;
        String success = ok ? (r.nextInt(8) == 0 ? "TRUE" : "true") : (r.nextInt(8) == 0 ? "False" : "false");
        return new Row(1_700_000_000_000L + i, r.nextInt(20) == 0 ? -r.nextInt(5) : r.nextInt(100_000),
                LABELS[r.nextInt(LABELS.length)], ok ? "200" : "500", ok ? "OK" : "Internal, \"bad\"", success,
                ok ? "" : "Test failed:\r\nexpected /ok/", r.nextInt(1_000_000), r.nextInt(3_000),
                1 + r.nextInt(300), r.nextInt(5_000), 1 + r.nextInt(50)); // Connect is never IdleTime's 0
    }

    /** CSV text of one field: quoted when it must be, and sometimes when it need not be (numbers too). */
    private static String field(String value, char delim, Random r) {
        boolean must = value.indexOf(delim) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (must || r.nextInt(30) == 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static byte[] csv(List<String> header, List<Row> rows, char delim, Random r, boolean finalEol) {
        StringBuilder s = new StringBuilder(String.join(String.valueOf(delim), header)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            for (int c = 0; c < header.size(); c++) {
                if (c > 0) {
                    s.append(delim);
                }
                s.append(field(row.value(header.get(c)), delim, r));
            }
            if (i < rows.size() - 1 || finalEol) {
                s.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Sample> read(byte[] content, int buffer, boolean fastPath, JtlReadStats[] stats)
            throws IOException {
        TestSamples.Collector c = new TestSamples.Collector();
        stats[0] = new JtlCsvReader(ZoneId.of("UTC"), buffer, fastPath).read(new ByteArrayInputStream(content), "x",
                c);
        return c.samples;
    }

    /** Reads with and without the fast path, asserts both equal the expected samples, and no row was skipped. */
    private static void assertReads(List<String> header, List<Row> rows, byte[] content, int buffer)
            throws IOException {
        List<Sample> expected = rows.stream().map(row -> row.expected(header)).toList();
        JtlReadStats[] fastStats = new JtlReadStats[1];
        JtlReadStats[] generalStats = new JtlReadStats[1];
        List<Sample> fast = read(content, buffer, true, fastStats);
        List<Sample> general = read(content, buffer, false, generalStats);
        assertThat(fastStats[0].firstSkipped()).as("header %s, buffer %d", header, buffer).isEmpty();
        assertThat(fast).as("fast path, header %s, buffer %d", header, buffer).isEqualTo(expected);
        assertThat(general).as("general parser, header %s, buffer %d", header, buffer).isEqualTo(expected);
        assertThat(fastStats[0]).isEqualTo(generalStats[0]);
    }

    @Test
    void seventeenColumnsInAnyOtherOrderAreReadByName() throws IOException {
        Random r = new Random(17);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row(r, i));
        }
        // Every swap of two of the 17 default columns: the fast path's guard must see each of them.
        for (int i = 0; i < DEFAULT.size(); i++) {
            for (int j = i + 1; j < DEFAULT.size(); j++) {
                List<String> header = new ArrayList<>(DEFAULT);
                Collections.swap(header, i, j);
                assertReads(header, rows, csv(header, rows, ',', r, true), 1 << 16);
            }
        }
    }

    @Test
    void fastPathAndGeneralParserAgreeOnGeneratedFilesHeadersAndBufferSizes() throws IOException {
        Random r = new Random(2026);
        for (int round = 0; round < 120; round++) {
            List<String> header = new ArrayList<>(DEFAULT);
            switch (round % 4) {
                case 0 -> { } // JMeter's default layout
                case 1 -> Collections.shuffle(header, r); // reordered
                case 2 -> { // partial: the required columns plus a random subset, in random order
                    header.removeIf(c -> !List.of("timeStamp", "elapsed", "label", "success").contains(c)
                            && r.nextBoolean());
                    Collections.shuffle(header, r);
                }
                default -> header.add(r.nextInt(header.size() + 1), "myVar"); // extended
            }
            char delim = round % 7 == 6 ? '\t' : ',';
            List<Row> rows = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
                rows.add(row(r, i));
            }
            byte[] content = csv(header, rows, delim, r, r.nextBoolean());
            int buffer = switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(16);
                case 1 -> 16 + r.nextInt(200);
                case 2 -> content.length - r.nextInt(Math.min(content.length, 50));
                default -> 1 << 20;
            };
            assertReads(header, rows, content, Math.max(1, buffer));
        }
    }

    @Test
    void theDefaultLayoutIsRecognisedOnlyForTheExactDefaultColumns() throws IOException {
        // Same 17 names but one unused column replaced by an unknown one: read the same (the column is only
        // skipped over); JtlCsvReaderFastPathTest pins that this layout still takes the fast path.
        Random r = new Random(5);
        List<Row> rows = List.of(row(r, 0), row(r, 1));
        for (String replaced : List.of("threadName", "dataType", "grpThreads", "URL", "IdleTime")) {
            List<String> header = new ArrayList<>(DEFAULT);
            header.set(header.indexOf(replaced), "myVar");
            assertReads(header, rows, csv(header, rows, ',', r, true), 64);
        }
    }

    @Test
    void aHeaderLongerThan64KiBIsNotAJtlAndOneJustBelowIsRead() throws IOException {
        String pad = "x".repeat(200 << 10); // well past 64 KiB
        byte[] tooLong = ("timeStamp,elapsed,label,success," + pad + "\n1,2,a,true,x\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(tooLong, 4096, true, new JtlReadStats[1]))
                .isInstanceOf(JtlException.class)
                .hasMessage("x: first line is longer than 64 KiB, so it is not a JMeter CSV header");

        String almost = "timeStamp,elapsed,label,success," + "x".repeat((64 << 10) - 40);
        byte[] ok = (almost + "\r\n1,2,a,true,v\r\n").getBytes(StandardCharsets.UTF_8);
        JtlReadStats[] stats = new JtlReadStats[1];
        List<Sample> samples = read(ok, 4096, true, stats);
        assertThat(samples).containsExactly(new Sample(1, 2, "a", "", "", true, "", 0, 0, 0, 0, 0));
        assertThat(stats[0].firstSkipped()).isEmpty();
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedWithAnyLineEndAndBufferSize() throws IOException {
        for (String blank : List.of("\n", "\r\n", "\r", "  \r\n\n")) {
            byte[] content = (blank + "timeStamp,elapsed,label,success\r\n1,2,a,true\n")
                    .getBytes(StandardCharsets.UTF_8);
            for (int buffer : new int[] {1, 2, 3, 5, 64}) {
                JtlReadStats[] stats = new JtlReadStats[1];
                assertThat(read(content, buffer, true, stats)).as("%s / %d", blank.replace("\r", "CR"), buffer)
                        .containsExactly(new Sample(1, 2, "a", "", "", true, "", 0, 0, 0, 0, 0));
                assertThat(stats[0].firstSkipped()).isEmpty();
            }
        }
        assertThatThrownBy(() -> read("\n \n".getBytes(StandardCharsets.UTF_8), 2, true, new JtlReadStats[1]))
                .isInstanceOf(JtlException.class).hasMessageStartingWith("x: file is empty");
    }

    @Test
    void numbersOfNineteenDigitsAndOverflowingAllThreadsAreSkippedNotWrapped() throws IOException {
        String header = JtlCsvWriter.HEADER + "\n";
        String good = "1700000000000,5,a,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n";
        String bigElapsed = "1700000000000,1234567890123456789,a,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n";
        String bigThreads = "1700000000000,5,a,200,OK,t,text,true,,1,1,1,2147483648,null,5,0,1\n";
        byte[] content = (header + good + bigElapsed + bigThreads + good).getBytes(StandardCharsets.UTF_8);
        for (boolean fast : new boolean[] {true, false}) {
            JtlReadStats[] stats = new JtlReadStats[1];
            List<Sample> samples = read(content, 1 << 16, fast, stats);
            // more than 18 digits is never a plain number here: both paths skip the row and say why
            assertThat(samples).as("fast path %s", fast).hasSize(2);
            assertThat(stats[0].firstSkipped()).extracting(JtlReadStats.SkippedRow::line).containsExactly(3L, 4L);
            assertThat(stats[0].firstSkipped().get(0).reason()).startsWith("elapsed '1234567890123456789'");
            assertThat(stats[0].firstSkipped().get(1).reason()).isEqualTo("allThreads '2147483648' is out of range");
        }
    }

    @Test
    void aQuotedFieldSplitAtEveryBufferPositionKeepsItsCrLfAndEscapedQuotes() throws IOException {
        String row = "1,2,\"a\"\"b\r\nc\"\"\",true\r\n";
        byte[] content = ("timeStamp,elapsed,label,success\n" + row + row).getBytes(StandardCharsets.UTF_8);
        for (int buffer = 1; buffer <= content.length + 1; buffer++) {
            JtlReadStats[] stats = new JtlReadStats[1];
            List<Sample> samples = read(content, buffer, true, stats);
            Sample s = new Sample(1, 2, "a\"b\r\nc\"", "", "", true, "", 0, 0, 0, 0, 0);
            assertThat(samples).as("buffer %d", buffer).containsExactly(s, s);
            assertThat(stats[0].firstSkipped()).isEmpty();
        }
    }

    @Test
    void skippedRowsKeepTheirPhysicalLineNumbersAfterMultiLineFields() throws IOException {
        String content = "timeStamp,elapsed,label,success\n"
                + "1,2,\"x\ny\r\nz\rw\",true\n" // lines 2-5
                + "1,abc,a,true\n"                 // line 6
                + "1,2,a,maybe\n";                 // line 7
        for (int buffer : new int[] {1, 4, 1 << 16}) {
            JtlReadStats[] stats = new JtlReadStats[1];
            read(content.getBytes(StandardCharsets.UTF_8), buffer, true, stats);
            assertThat(stats[0].firstSkipped()).as("buffer %d", buffer).extracting(JtlReadStats.SkippedRow::line)
                    .containsExactly(6L, 7L);
            assertThat(stats[0].firstSkipped()).extracting(JtlReadStats.SkippedRow::reason)
                    .containsExactly("elapsed 'abc' is not a number", "success 'maybe' is not true or false");
        }
    }

    @Test
    void defaultHeaderNamesAreMatchedIgnoringCaseAndSpaces() throws IOException {
        List<String> header = Arrays.stream(JtlCsvWriter.HEADER.split(",")).map(String::toUpperCase).toList();
        Random r = new Random(3);
        List<Row> rows = List.of(row(r, 0), row(r, 1), row(r, 2));
        String spaced = String.join(",", header.stream().map(h -> " " + h + " ").toList());
        String body = new String(csv(DEFAULT, rows, ',', r, true), StandardCharsets.UTF_8);
        byte[] content = (spaced + body.substring(body.indexOf('\n'))).getBytes(StandardCharsets.UTF_8);
        List<Sample> expected = rows.stream().map(row -> row.expected(DEFAULT)).toList();
        assertThat(read(content, 1 << 16, true, new JtlReadStats[1])).isEqualTo(expected);
    }
}
