package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.result.Sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which rows the CSV reader's default-layout fast path takes (found by mutation testing, docs/testing.md). The fast
 * path is ingest's speed trick: a row it wrongly declines is still read by the general parser with the same result,
 * so only the count of fast-path rows ({@link JtlCsvReader#readCounted}) shows it. Every well-formed row of JMeter's
 * default layout after the first (which detects the timestamp format) must take it, at every buffer size, with every
 * delimiter and line end; a row of any other shape must be handed to the general parser, which alone decides how it
 * is read or why it is skipped.
 */
class JtlCsvReaderFastPathTest {

    private static final List<String> HEADER = List.of(JtlCsvWriter.HEADER.split(","));
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};
    private static final int[] NUMERIC = {0, 1, 9, 10, 12, 14, 16};
    /** threadName, dataType, grpThreads, URL, IdleTime: only skipped over, on both paths. */
    private static final List<Integer> UNUSED = List.of(5, 6, 11, 13, 15);

    private record Read(List<Sample> samples, JtlReadStats stats, long fastRows) {
    }

    private static Read read(String content, int buffer, boolean fastPath) throws IOException {
        TestSamples.Collector c = new TestSamples.Collector();
        JtlCsvReader.CountedRead r = new JtlCsvReader(ZoneId.of("UTC"), buffer, fastPath)
                .readCounted(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "x", c);
        return new Read(c.samples, r.stats(), r.fastPathRows());
    }

    /** A well-formed default-layout row, as JMeter writes it. */
    private static String[] good() {
        return new String[] {"1700000000000", "5", "GET /a", "200", "OK", "TG 1-1", "text", "true", "", "100", "20",
            "1", "3", "http://127.0.0.1/x", "4", "0", "1"};
    }

    private static String[] with(int column, String value) {
        String[] f = good();
        f[column] = value;
        return f;
    }

    private static Sample expected(String[] f) {
        return new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], f[4], f[7].equals("true"), f[8],
                Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[14]), Long.parseLong(f[16]),
                Integer.parseInt(f[12]));
    }

    /** Every shape of a well-formed default row the fast path must take. */
    private static List<String[]> wellFormedRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(good());
        String digits = "123456789012345678";
        for (int n = 1; n <= 18; n++) { // timestamps of 1 to 18 digits (8 and 16 are the SWAR steps)
            rows.add(with(0, digits.substring(0, n)));
        }
        rows.add(with(0, "-1700000000000"));
        rows.add(with(0, "0"));
        for (int column : NUMERIC) {
            if (column == 0 || column == 12) {
                continue;
            }
            for (String value : List.of("0", "-7", "9", "10", "999999999999999999", "-999999999999999999")) {
                rows.add(with(column, value));
            }
        }
        for (String threads : List.of("0", "-1", "2147483647", "-2147483648", "007")) {
            rows.add(with(12, threads));
        }
        for (String label : List.of("", "é ü", "a b", "x".repeat(300), "search: filtered", "'single'")) {
            rows.add(with(2, label));
        }
        String[] failed = with(7, "false");
        failed[3] = "500";
        failed[4] = "Internal Server Error";
        failed[8] = "Test failed: text expected to contain /ok/";
        rows.add(failed);
        String[] empty = good();
        for (int column : new int[] {3, 4, 5, 6, 8, 11, 13, 15}) {
            empty[column] = "";
        }
        rows.add(empty);
        return rows;
    }

    private static String file(char delim, List<String[]> rows, boolean finalEol) {
        StringBuilder s = new StringBuilder(String.join(String.valueOf(delim), HEADER)).append("\r\n");
        for (int i = 0; i < rows.size(); i++) {
            s.append(String.join(String.valueOf(delim), rows.get(i)));
            if (finalEol || i < rows.size() - 1) {
                s.append(LINE_ENDS[i % LINE_ENDS.length]);
            }
        }
        return s.toString();
    }

    @Test
    void everyWellFormedDefaultRowAfterTheFirstTakesTheFastPathAtEveryBufferSize() throws IOException {
        List<String[]> rows = wellFormedRows();
        List<Sample> expected = rows.stream().map(JtlCsvReaderFastPathTest::expected).toList();
        for (char delim : DELIMITERS) {
            String content = file(delim, rows, true);
            List<Integer> buffers = new ArrayList<>();
            for (int b = 1; b <= 48; b++) {
                buffers.add(b);
            }
            buffers.addAll(List.of(97, 311, 1000, content.length() - 1, content.length(), content.length() + 1, 1 << 20));
            for (int buffer : buffers) {
                Read r = read(content, buffer, true);
                assertThat(r.stats().firstSkipped()).as("delimiter %s, buffer %d", delim, buffer).isEmpty();
                assertThat(r.samples()).as("delimiter %s, buffer %d", delim, buffer).isEqualTo(expected);
                // the first row goes through the general parser, which detects epoch milliseconds
                assertThat(r.fastRows()).as("delimiter %s, buffer %d", delim, buffer).isEqualTo(rows.size() - 1);
            }
            assertThat(read(content, 64, false).fastRows()).isZero();
        }
    }

    @Test
    void aLastRowWithoutLineEndIsReadByTheGeneralParser() throws IOException {
        List<String[]> rows = List.of(good(), with(1, "6"), with(1, "7"));
        for (int buffer : new int[] {1, 16, 100, 1 << 20}) {
            Read r = read(file(',', rows, false), buffer, true);
            assertThat(r.samples()).extracting(Sample::elapsed).containsExactly(5L, 6L, 7L);
            assertThat(r.fastRows()).as("buffer %d", buffer).isEqualTo(1);
        }
    }

    /** Rows of every other shape, each between well-formed rows, with the general parser's reading of each. */
    private static List<String> oddRows() {
        List<String> odd = new ArrayList<>();
        for (int column = 0; column < 17; column++) { // any quoted field, even one that need not be quoted
            String[] f = good();
            f[column] = '"' + f[column] + '"';
            odd.add(String.join(",", f));
        }
        odd.add(String.join(",", with(2, "\"a,b\"")));
        odd.add(String.join(",", with(2, "a\"b")));
        odd.add(String.join(",", with(2, "\"a\"b")));
        for (int column : NUMERIC) {
            for (String bad : List.of("12x", "", "-", "+5", " 5", "5 ", "1.5", "1234567890123456789", "x")) {
                odd.add(String.join(",", with(column, bad)));
            }
        }
        for (String threads : List.of("2147483648", "-2147483649", "99999999999")) {
            odd.add(String.join(",", with(12, threads)));
        }
        for (String success : List.of("TRUE", "True", "False", "FALSE", "tru", "truex", "fals", "falsex", "maybe",
                "", "xrue", "txue", "trxe", "trux", "xalse", "fxlse", "faxse", "falxe", "falsx")) {
            odd.add(String.join(",", with(7, success)));
        }
        odd.add(String.join(",", with(0, "2024/01/01 10:00:00.000")));
        String[] f = good();
        for (int k = 1; k < 17; k++) { // a row cut after each of its fields
            odd.add(String.join(",", Arrays.copyOf(f, k)));
        }
        odd.add(String.join(",", f) + ",extra");
        odd.add(String.join(",", f) + ",");
        return odd;
    }

    @Test
    void rowsOfAnyOtherShapeAreHandedToTheGeneralParser() throws IOException {
        String good = String.join(",", good());
        for (String odd : oddRows()) {
            for (String eol : List.of("\n", "\r\n")) {
                String content = JtlCsvWriter.HEADER + eol + good + eol + good + eol + odd + eol + good + eol;
                Read general = read(content, 4096, false);
                for (int buffer : new int[] {5, 4096}) {
                    Read fast = read(content, buffer, true);
                    String what = odd.replace("\r", "CR") + " / " + eol.replace("\r", "CR") + " / " + buffer;
                    assertThat(fast.samples()).as(what).isEqualTo(general.samples());
                    assertThat(fast.stats()).as(what).isEqualTo(general.stats());
                    assertThat(fast.fastRows()).as(what).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void onlyJMeterDefaultColumnOrderTakesTheFastPath() throws IOException {
        String body = String.join(",", good()) + "\n" + String.join(",", with(1, "6")) + "\n";
        // the default names in any case and with spaces are the default layout
        String spaced = String.join(",", HEADER.stream().map(h -> " " + h.toUpperCase() + " ").toList());
        assertThat(read(spaced + "\n" + body, 64, true).fastRows()).isEqualTo(1);
        for (int i = 0; i < HEADER.size(); i++) {
            for (int j = i + 1; j < HEADER.size(); j++) {
                List<String> header = new ArrayList<>(HEADER);
                Collections.swap(header, i, j);
                String[] f = good();
                String[] g = with(1, "6");
                Collections.swap(Arrays.asList(f), i, j);
                Collections.swap(Arrays.asList(g), i, j);
                String swapped = String.join(",", f) + "\n" + String.join(",", g) + "\n";
                Read r = read(String.join(",", header) + "\n" + swapped, 64, true);
                // columns secperf does not read (threadName, dataType, ...) may trade places
                long fast = UNUSED.contains(i) && UNUSED.contains(j) ? 1 : 0;
                assertThat(r.fastRows()).as("%s <-> %s", HEADER.get(i), HEADER.get(j)).isEqualTo(fast);
                assertThat(r.stats().rowsRead()).isEqualTo(2);
            }
            if (i == 0 || i == 1 || i == 2 || i == 7) {
                continue; // required columns
            }
            List<String> renamed = new ArrayList<>(HEADER);
            renamed.set(i, "myVar");
            assertThat(read(String.join(",", renamed) + "\n" + body, 64, true).fastRows()).as(renamed.toString())
                    .isEqualTo(UNUSED.contains(i) ? 1 : 0);
        }
        List<String> extended = new ArrayList<>(HEADER);
        extended.add("myVar");
        assertThat(read(String.join(",", extended) + "\n" + String.join(",", good()) + ",v\n", 64, true).fastRows())
                .isZero();
        List<String> partial = new ArrayList<>(HEADER.subList(0, 16));
        assertThat(read(String.join(",", partial) + "\n" + String.join(",", Arrays.copyOf(good(), 16)) + "\n", 64,
                true).fastRows()).isZero();
    }

    @Test
    void formattedTimestampsNeverTakeTheFastPath() throws IOException {
        String row = "2024/01/01 10:00:00.000,5,a,200,OK,t,text,true,,1,2,3,4,u,5,0,6\n";
        Read r = read(JtlCsvWriter.HEADER + "\n" + row + row + row, 64, true);
        assertThat(r.stats().rowsRead()).isEqualTo(3);
        assertThat(r.fastRows()).isZero();
    }
}
