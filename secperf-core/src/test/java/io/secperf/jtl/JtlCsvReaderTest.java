package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlCsvReaderTest {

    static final String HEADER = JtlCsvWriter.HEADER;

    @TempDir
    Path dir;

    private TestSamples.Collector collector;

    private JtlReadStats read(String content) throws IOException {
        return read(content, ZoneId.of("UTC"));
    }

    private JtlReadStats read(String content, ZoneId zone) throws IOException {
        collector = new TestSamples.Collector();
        return new JtlCsvReader(zone).read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                "test.jtl", collector);
    }

    @Test
    void readsJMeterDefaultFormatWithQuotedCommasQuotesAndNewlines() throws IOException {
        String csv = HEADER + "\n"
                + "1700000000000,120,GET /api,200,OK,Thread Group 1-1,text,true,,512,100,2,2,"
                + "http://127.0.0.1:8080/api,110,0,5\n"
                + "1700000000100,30001,\"search, filtered\",Non HTTP response code: java.net.SocketTimeoutException,"
                + "Non HTTP response message: Read timed out,Thread Group 1-2,text,false,,0,0,2,3,"
                + "http://127.0.0.1:8080/s,0,0,1\n"
                + "1700000000200,45,\"say \"\"hi\"\"\",500,\"Internal, \"\"bad\"\"\",Thread Group 1-1,text,false,"
                + "\"Test failed: text expected to contain /ok/\nbut was:\r\n<html>\",99,12,2,2,null,44,3,0\n";
        JtlReadStats stats = read(csv);

        assertThat(stats.rowsRead()).isEqualTo(3);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(stats.complete()).isTrue();
        assertThat(collector.samples).containsExactly(
                new Sample(1700000000000L, 120, "GET /api", "200", "OK", true, "", 512, 100, 110, 5, 2),
                new Sample(1700000000100L, 30001, "search, filtered",
                        "Non HTTP response code: java.net.SocketTimeoutException",
                        "Non HTTP response message: Read timed out", false, "", 0, 0, 0, 1, 3),
                new Sample(1700000000200L, 45, "say \"hi\"", "500", "Internal, \"bad\"", false,
                        "Test failed: text expected to contain /ok/\nbut was:\r\n<html>", 99, 12, 44, 0, 2));
    }

    @Test
    void detectsTabAndSemicolonDelimitersFromTheHeader() throws IOException {
        String tab = HEADER.replace(',', '\t') + "\n"
                + "1700000000000\t7\ta,b\t200\tOK\tt 1-1\ttext\ttrue\t\t10\t1\t1\t1\tnull\t6\t0\t2\n"
                + "1700000000001\t8\t\"tab\there\"\t200\tOK\tt 1-1\ttext\ttrue\t\t10\t1\t1\t1\tnull\t6\t0\t2\n";
        read(tab);
        assertThat(collector.samples).extracting(Sample::label).containsExactly("a,b", "tab\there");

        String semi = "timeStamp;elapsed;label;success\n1700000000000;7;x,y;false\n";
        JtlReadStats stats = read(semi);
        assertThat(stats.rowsRead()).isEqualTo(1);
        assertThat(collector.samples.get(0)).isEqualTo(
                new Sample(1700000000000L, 7, "x,y", "", "", false, "", 0, 0, 0, 0, 0));
    }

    @Test
    void acceptsAnySubsetAndOrderOfColumns() throws IOException {
        String csv = "success,Connect,label,threadName,elapsed,responseCode,timeStamp,\"myVar\"\n"
                + "true,3,login,tg 1-1,250,302,1700000000000,value\n"
                + "FALSE,0,login,tg 1-1,12,503,1700000000010,\"v,2\"\n";
        read(csv);
        assertThat(collector.samples).containsExactly(
                new Sample(1700000000000L, 250, "login", "302", "", true, "", 0, 0, 0, 3, 0),
                new Sample(1700000000010L, 12, "login", "503", "", false, "", 0, 0, 0, 0, 0));
    }

    @Test
    void quotedNumbersAreAcceptedAndBrokenOnesReported() throws IOException {
        JtlReadStats stats = read("timeStamp,elapsed,label,success,bytes\n"
                + "\"1700000000000\",\"15\",a,true,\"7\"\n"
                + "1700000000001,1\"5,b,true,7\n"
                + "1700000000002,-3,c,true,99999999999999999999\n"
                + "1700000000003,4,d,true,\n");
        assertThat(collector.samples).containsExactly(
                new Sample(1700000000000L, 15, "a", "", "", true, "", 7, 0, 0, 0, 0));
        assertThat(stats.firstSkipped()).extracting(JtlReadStats.SkippedRow::reason).containsExactly(
                "quote inside an unquoted field in column 2",
                "bytes '99999999999999999999' is not a number",
                "bytes '' is not a number");
    }

    @Test
    void parsesNumbersOfEveryLength() throws IOException {
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,success,bytes\n");
        long[] values = new long[19];
        long v = 0;
        for (int digits = 1; digits <= 18; digits++) {
            v = v * 10 + (digits % 10);
            values[digits] = v;
            csv.append(v).append(',').append(v).append(",x,true,").append(v).append('\n');
        }
        csv.append("1,1,x,true,1234567890123456789\n");
        JtlReadStats stats = read(csv.toString());
        assertThat(stats.rowsRead()).isEqualTo(18);
        for (int digits = 1; digits <= 18; digits++) {
            Sample s = collector.samples.get(digits - 1);
            assertThat(s.timeStamp()).isEqualTo(values[digits]);
            assertThat(s.elapsed()).isEqualTo(values[digits]);
            assertThat(s.bytes()).isEqualTo(values[digits]);
        }
        assertThat(stats.firstSkipped().get(0).reason()).isEqualTo("bytes '1234567890123456789' is not a number");
    }

    @Test
    void countsAndSkipsGarbageRowsWithLineNumbersAndKeepsTheRest() throws IOException {
        String good = "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n";
        String csv = HEADER + "\n"
                + good                                                                     // line 2
                + "1700000000000,10,ok,200\n"                                              // 3: too few columns
                + "1700000000000,abc,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"          // 4: elapsed
                + good                                                                     // 5
                + "1700000000000,10,ok,200,OK,t,text,maybe,,1,1,1,1,null,5,0,1\n"         // 6: success
                + "1700000000000,10,o\"k,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"        // 7: stray quote
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1,extra\n"    // 8: too many
                + "\n"                                                                     // 9: blank, ignored
                + "1700000000000,10,\"multi\nline\",200,OK,t,text,true,,1,1,1,1,null,5,0,1\n" // 10-11
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,xx,0,1\n"          // 12: Latency
                + good;                                                                    // 13
        JtlReadStats stats = read(csv);

        assertThat(stats.rowsRead()).isEqualTo(4);
        assertThat(stats.rowsSkipped()).isEqualTo(6);
        assertThat(stats.firstSkipped()).extracting(JtlReadStats.SkippedRow::line)
                .containsExactly(3L, 4L, 6L, 7L, 8L, 12L);
        assertThat(stats.firstSkipped().get(0).reason()).isEqualTo("4 columns, expected 17");
        assertThat(stats.firstSkipped().get(1).reason()).isEqualTo("elapsed 'abc' is not a number");
        assertThat(stats.firstSkipped().get(2).reason()).contains("success 'maybe'");
        assertThat(stats.firstSkipped().get(3).reason()).contains("quote inside an unquoted field");
        assertThat(stats.firstSkipped().get(4).reason()).isEqualTo("more than 17 columns");
        assertThat(stats.firstSkipped().get(5).reason()).isEqualTo("Latency 'xx' is not a number");
        assertThat(stats.summary()).isEqualTo(
                "test.jtl: read 4 samples, skipped 6 garbage rows (first at line 3: 4 columns, expected 17)");
        assertThat(collector.samples).extracting(Sample::label).containsExactly("ok", "ok", "multi\nline", "ok");
    }

    @Test
    void skipsATruncatedLastLine() throws IOException {
        String csv = HEADER + "\n"
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"
                + "1700000000001,11,ok,200,OK,t,te";
        JtlReadStats stats = read(csv);
        assertThat(stats.rowsRead()).isEqualTo(1);
        assertThat(stats.rowsSkipped()).isEqualTo(1);
        assertThat(stats.firstSkipped().get(0)).isEqualTo(new JtlReadStats.SkippedRow(3, "7 columns, expected 17"));
    }

    @Test
    void skipsALastLineCutInsideAQuotedField() throws IOException {
        String csv = HEADER + "\n"
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"
                + "1700000000001,11,ok,500,\"Internal Server";
        JtlReadStats stats = read(csv);
        assertThat(stats.rowsRead()).isEqualTo(1);
        assertThat(stats.rowsSkipped()).isEqualTo(1);
        assertThat(stats.firstSkipped().get(0).reason()).isEqualTo("quoted field not closed before end of file");
    }

    @Test
    void acceptsAnUnterminatedLastLineThatParsesAndCrLfLineEnds() throws IOException {
        String csv = "timeStamp,elapsed,label,success\r\n1700000000000,1,a,true\r\n\r\n1700000000001,2,b,false";
        JtlReadStats stats = read(csv);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(collector.samples).extracting(Sample::label).containsExactly("a", "b");
    }

    @Test
    void readsOldMacLineEndsWithAnyBufferSize() throws IOException {
        String csv = "timeStamp,elapsed,label,success\r1,2,a,true\r3,4,\"b\rc\",false\r\r5,6,d,true\r";
        for (int size = 1; size < 40; size++) {
            TestSamples.Collector c = new TestSamples.Collector();
            JtlReadStats stats = new JtlCsvReader(ZoneId.of("UTC"), size)
                    .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "mac.jtl", c);
            assertThat(stats.rowsSkipped()).isZero();
            assertThat(c.samples).extracting(Sample::label).containsExactly("a", "b\rc", "d");
        }
    }

    @Test
    void recoversRowsSwallowedByAnUnbalancedQuote() throws IOException {
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,success\n");
        csv.append("1700000000000,1,\"broken,true\n");
        int rows = 60_000; // more than 4 MiB would be needed to hold them all in one "row": exercises both limits
        for (int i = 0; i < rows; i++) {
            csv.append("1700000000000,").append(i).append(",label number ").append(i % 7)
                    .append(" padded to make the row a little longer than usual,true\n");
        }
        JtlReadStats stats = read(csv.toString());
        assertThat(stats.rowsSkipped()).isEqualTo(1);
        assertThat(stats.firstSkipped().get(0).line()).isEqualTo(2);
        assertThat(stats.rowsRead()).isEqualTo(rows);
        assertThat(collector.samples.get(rows - 1).elapsed()).isEqualTo(rows - 1);
    }

    @Test
    void readsFormattedTimestampsInTheGivenZone() throws IOException {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        String csv = "timeStamp,elapsed,label,success\n"
                + "2024/03/31 01:59:59.250,1,a,true\n"
                + "2024/03/31 03:00:00.000,1,a,true\n"
                + "2024/03/31 03:00:01.999,1,a,true\n";
        read(csv, berlin);
        long expected = LocalDateTime.of(2024, 3, 31, 1, 59, 59, 250_000_000).atZone(berlin).toInstant()
                .toEpochMilli();
        assertThat(collector.samples).extracting(Sample::timeStamp)
                .containsExactly(expected, expected + 750, expected + 2749);

        read("timeStamp,elapsed,label,success\n2024-01-02 03:04:05,1,a,true\n");
        assertThat(collector.samples.get(0).timeStamp()).isEqualTo(1704164645000L);

        read("timeStamp,elapsed,label,success\n2024-01-02T03:04:05.5+01:00,1,a,true\n");
        assertThat(collector.samples.get(0).timeStamp()).isEqualTo(1704161045500L);
    }

    @Test
    void reportsTimestampsInAnUnsupportedFormat() throws IOException {
        JtlReadStats stats = read("timeStamp,elapsed,label,success\n02.01.2024 03:04,1,a,true\n");
        assertThat(stats.rowsRead()).isZero();
        assertThat(stats.firstSkipped().get(0).reason())
                .startsWith("timeStamp '02.01.2024 03:04' is not one of: epoch milliseconds, yyyy/MM/dd");
    }

    @Test
    void aFileWithoutHeaderIsAClearError() throws IOException {
        Path f = dir.resolve("noheader.jtl");
        Files.writeString(f, "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n");
        assertThatThrownBy(() -> new JtlCsvReader().read(f, s -> { }))
                .isInstanceOf(JtlException.class)
                .hasMessageStartingWith(f + ": line 1 is not a JMeter CSV header; expected column names such as "
                        + "timeStamp,elapsed,label")
                .extracting(e -> ((JtlException) e).kind()).isEqualTo(JtlException.Kind.NOT_A_JTL);

        Files.writeString(f, "timeStamp,elapsed,label,responseCode\n1,2,3,4\n");
        assertThatThrownBy(() -> new JtlCsvReader().read(f, s -> { }))
                .hasMessage(f + ": CSV header lacks required column(s) success; a JTL needs at least timeStamp, "
                        + "elapsed, label and success");
    }

    @Test
    void emptyAndMissingFilesAreClearErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jtl"), "");
        assertThatThrownBy(() -> new JtlCsvReader().read(empty, s -> { }))
                .isInstanceOf(JtlException.class).hasMessageStartingWith(empty + ": file is empty");
        Path missing = dir.resolve("missing.jtl");
        assertThatThrownBy(() -> new JtlCsvReader().read(missing, s -> { }))
                .isInstanceOf(JtlException.class).hasMessage(missing + ": JTL file not found");
    }

    @Test
    void headerOnlyGivesNoRowsAndBomIsIgnored() throws IOException {
        assertThat(read("\uFEFF" + HEADER + "\n").rowsRead()).isZero();
        assertThat(read("\uFEFFtimeStamp,elapsed,label,success\n1,2,x,true\n").rowsRead()).isEqualTo(1);
    }

    @Test
    void largeFileAcrossBufferBoundariesEqualsWhatWasWritten() throws IOException {
        List<Sample> samples = TestSamples.random(7, 60_000);
        Path f = dir.resolve("big.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            samples.forEach(w::accept);
        }
        assertThat(Files.size(f)).isGreaterThan(3L * JtlCsvReader.BUFFER_BYTES);
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = new JtlCsvReader().read(f, c);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(c.samples).isEqualTo(samples);
    }

    @Test
    void rowsEndingAtEveryBufferPositionReadTheSame() throws IOException {
        List<Sample> samples = TestSamples.random(3, 300);
        Path f = dir.resolve("small.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            samples.forEach(w::accept);
        }
        String garbage = "1700000000000,1,\"unterminated\n1700000000000,abc,x\n";
        byte[] content = (Files.readString(f) + garbage + Files.readString(f).substring(HEADER.length() + 1))
                .getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 300; size += size < 40 ? 1 : 37) {
            TestSamples.Collector c = new TestSamples.Collector();
            JtlReadStats stats = new JtlCsvReader(ZoneId.of("UTC"), size)
                    .read(new ByteArrayInputStream(content), "x", c);
            assertThat(stats.rowsSkipped()).as("buffer %d", size).isEqualTo(2);
            assertThat(c.samples.subList(0, 300)).as("buffer %d", size).isEqualTo(samples);
            assertThat(c.samples.subList(300, 600)).as("buffer %d", size).isEqualTo(samples);
        }
    }

    @Test
    void theDefaultLayoutFastPathReadsExactlyLikeTheGeneralParser() throws IOException {
        Path f = dir.resolve("mixed.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            TestSamples.random(9, 400).forEach(w::accept);
        }
        String rows = Files.readString(f).substring(HEADER.length() + 1);
        String odd = "1700000000000,10,ok,200,OK,t,text,TRUE,,1,1,1,1,null,5,0,1\r\n"      // upper case, CRLF
                + "1700000000000,-3,ok,200,OK,t,text,false,boom,-1,-1,1,-7,null,-5,0,-1\n" // negatives
                + "1700000000000,10,ok,200,OK,t,text,true,,,1,1,1,null,5,0,1\n"           // empty bytes
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,99999999999,null,5,0,1\n" // allThreads
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0\n"            // 16 columns
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1,x\n"        // 18 columns
                + "2023/11/14 22:13:20.000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n" // formatted
                + "1700000000000,10,\"q,\"\"x\"\"\",200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"  // quoted label
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,\"5\",0,1\n"      // quoted number
                + "\n1700000000000,10,o\"k,200,OK,t,text,true,,1,1,1,1,null,5,0,1\n"       // stray quote
                + "1700000000000,10,ok,200,OK,t,text,true,,1,1,1,1,null,5,0,1";           // no line end
        byte[] content = (HEADER + "\n" + rows + odd + "\n" + rows + odd).getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {1, 7, 64, 333, 1 << 20}) {
            TestSamples.Collector fast = new TestSamples.Collector();
            TestSamples.Collector general = new TestSamples.Collector();
            JtlReadStats fastStats = new JtlCsvReader(ZoneId.of("UTC"), size, true)
                    .read(new ByteArrayInputStream(content), "x", fast);
            JtlReadStats generalStats = new JtlCsvReader(ZoneId.of("UTC"), size, false)
                    .read(new ByteArrayInputStream(content), "x", general);
            assertThat(fast.samples).as("buffer %d", size).isEqualTo(general.samples);
            assertThat(fastStats).as("buffer %d", size).isEqualTo(generalStats);
            assertThat(fastStats.rowsRead()).as("buffer %d", size).isGreaterThan(800);
            assertThat(fastStats.rowsSkipped()).as("buffer %d", size).isPositive();
        }
    }

    @Test
    void repeatedLabelsShareOneString() throws IOException {
        read("timeStamp,elapsed,label,success\n1,2,GET /x,true\n3,4,GET /x,true\n");
        assertThat(collector.samples.get(0).label()).isSameAs(collector.samples.get(1).label());
    }
}
