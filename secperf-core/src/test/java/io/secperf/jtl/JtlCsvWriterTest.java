package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlCsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesJMeterDefaultHeaderAndRowsQuotedLikeCsvSaveService() throws IOException {
        Path f = dir.resolve("out.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            w.accept(new Sample(1700000000000L, 120, "GET /api", "200", "OK", true, "", 512, 100, 110, 5, 3));
            w.accept(new Sample(1700000000100L, 45, "say \"hi\", twice", "500", "Internal\r\nError", false,
                    "Test failed: \"x\"", 99, 12, 44, 0, 7));
        }
        String nl = System.lineSeparator();
        assertThat(Files.readString(f)).isEqualTo(
                "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
                        + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect" + nl
                        + "1700000000000,120,GET /api,200,OK,,,true,,512,100,3,3,null,110,0,5" + nl
                        + "1700000000100,45,\"say \"\"hi\"\", twice\",500,\"Internal\r\nError\",,,false,"
                        + "\"Test failed: \"\"x\"\"\",99,12,7,7,null,44,0,0" + nl);
    }

    @Test
    void roundTripThroughTheReaderGivesBackTheSamples() throws IOException {
        List<Sample> samples = TestSamples.random(42, 5_000);
        Path f = dir.resolve("rt.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            samples.forEach(w::accept);
            assertThat(w.rowsWritten()).isEqualTo(samples.size());
        }
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = Jtl.read(f, c);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(c.samples).isEqualTo(samples);
    }

    @Test
    void targetAppearsOnlyOnCloseAndNoTemporaryFileRemains() throws IOException {
        Path f = dir.resolve("atomic.jtl");
        JtlCsvWriter w = new JtlCsvWriter(f);
        w.accept(new Sample(1, 2, "a", "200", "OK", true, "", 0, 0, 0, 0, 1));
        w.flush();
        assertThat(f).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().satisfies(n -> assertThat(n).startsWith(".atomic.jtl.").endsWith(".partial"));
        }
        w.close();
        w.close();
        assertThat(f).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(f);
        }
        assertThatThrownBy(() -> w.accept(new Sample(1, 2, "a", "", "", true, "", 0, 0, 0, 0, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replacesAnExistingTargetOnlyWhenClosed() throws IOException {
        Path f = Files.writeString(dir.resolve("old.jtl"), "old content");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            w.accept(new Sample(1, 2, "new", "200", "OK", true, "", 0, 0, 0, 0, 1));
            assertThat(Files.readString(f)).isEqualTo("old content");
        }
        assertThat(Files.readString(f)).startsWith("timeStamp,").contains(",new,");
    }

    @Test
    void concurrentWritersLoseNoRowAndInterleaveNone() throws Exception {
        Path f = dir.resolve("concurrent.jtl");
        int threads = 8;
        int perThread = 5_000;
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                final int id = t;
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        w.accept(new Sample(1700000000000L + i, i, "thread " + id, "200", "OK, fine", true, "",
                                i, 0, 0, 0, threads));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = Jtl.read(f, c);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(stats.rowsRead()).isEqualTo((long) threads * perThread);
        List<String> keys = new ArrayList<>();
        for (Sample s : c.samples) {
            keys.add(s.label() + "/" + s.elapsed());
        }
        assertThat(new HashSet<>(keys)).hasSize(threads * perThread);
    }

    @Test
    void aNewJtlGetsTheUmaskModeAndAReplacedOneKeepsItsMode() throws IOException {
        // issue 9: the JTL was created 0600 whatever the umask, and a replaced 0644 JTL became 0600, while
        // docs/cli.md promises the umask's mode for a new file and the old mode for a replaced one
        Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives any new file
        Path f = dir.resolve("modes.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            w.accept(new Sample(1_700_000_000_000L, 1, "a", "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(plain));
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            w.accept(new Sample(1_700_000_000_001L, 2, "b", "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aHugeLabelIsWrittenCutSoThatTheReaderTakesTheRowBack() throws IOException {
        Path f = dir.resolve("huge.jtl");
        String label = "L".repeat(25 << 20);
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            w.accept(new Sample(1_700_000_000_000L, 5, label, "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        assertThat(Files.size(f)).isLessThan(4096);
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = Jtl.read(f, c);
        assertThat(stats.rowsSkipped()).isZero();
        assertThat(c.samples).singleElement().satisfies(s -> assertThat(s.label())
                .isEqualTo(io.secperf.text.BoundedText.label(label)));
    }

    @Test
    void unwritableDirectoryIsAClearError() {
        Path f = dir.resolve("no-such-dir").resolve("out.jtl");
        assertThatThrownBy(() -> new JtlCsvWriter(f))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write JTL " + f + ": directory " + f.getParent() + " is not writable");
    }
    @Test
    void quotesExactlyTheFieldsCsvSaveServiceQuotes() {
        String nl = System.lineSeparator();
        // each of ',', '"', CR and LF alone makes a field quoted; ';', tab and '|' do not (the delimiter is ',')
        String[][] cases = {{"a,b", "\"a,b\""}, {"a\"b", "\"a\"\"b\""}, {"a\rb", "\"a\rb\""}, {"a\nb", "\"a\nb\""},
            {"a;b\t|c", "a;b\t|c"}, {"", ""}, {"\"", "\"\"\"\""}, {"x,", "\"x,\""}};
        for (String[] c : cases) {
            Sample s = new Sample(1, 2, c[0], c[0], c[0], false, c[0], 3, 4, 5, 6, 7);
            assertThat(JtlCsvWriter.format(s)).as(c[0]).isEqualTo("1,2," + c[1] + "," + c[1] + "," + c[1] + ",,,false,"
                    + c[1] + ",3,4,7,7,null,5,0,6" + nl);
        }
    }

    @Test
    void flushAfterCloseDoesNothingAndRowsAreCounted() throws IOException {
        Path f = dir.resolve("count.jtl");
        JtlCsvWriter w = new JtlCsvWriter(f);
        assertThat(w.rowsWritten()).isZero();
        w.accept(new Sample(1, 2, "a", "200", "OK", true, "", 0, 0, 0, 0, 1));
        w.accept(new Sample(3, 4, "b", "200", "OK", true, "", 0, 0, 0, 0, 1));
        assertThat(w.rowsWritten()).isEqualTo(2);
        assertThat(w.target()).isEqualTo(f.toAbsolutePath());
        w.close();
        w.flush();
        assertThat(Files.readAllLines(f)).hasSize(3);
    }

    @Test
    void aDirectoryAsTargetIsAClearError() {
        assertThatThrownBy(() -> new JtlCsvWriter(dir))
                .isInstanceOf(IOException.class).hasMessage("cannot write JTL " + dir + ": it is a directory");
    }
}
