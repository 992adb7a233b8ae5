package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.secperf.text.BoundedText;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounded by design, not by the input (issue 9): huge inputs generated on the fly (never committed), each
 * through the command line in its own JVM with a 256 MiB heap; and whatever {@code run} and {@code ingest} write,
 * {@code gate} and {@code report} read back. Before: a 1 GB {@code lb=} took 7.2 GB, a thousand 1 MiB labels 4.5 GB
 * and a 1 GB result, a 25 MB label a result that gate and report refused.
 */
@Tag("slow")
class BoundedMemoryTest {

    private static final String HEAP = "256m";

    @TempDir
    Path dir;

    @Test
    void aGigabyteAttributeInAnXmlJtlStopsTheReadWithAClearMessage() throws Exception {
        Path xml = dir.resolve("huge-attribute.xml");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(xml), 1 << 20)) {
            out.write(("<?xml version=\"1.0\"?>\n<testResults version=\"1.2\">\n"
                    + "<httpSample t=\"1\" ts=\"1700000000000\" s=\"true\" lb=\"a\"/>\n"
                    + "<httpSample t=\"1\" ts=\"1700000000001\" s=\"true\" lb=\"").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
            out.write("\"/>\n</testResults>\n".getBytes(StandardCharsets.US_ASCII));
        }
        Outcome ingest = secperf("ingest", xml.toString(), "--out", dir.resolve("out").toString());
        assertThat(ingest.code).as(ingest.output).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(ingest.output).contains("secperf: error: not read to the end")
                .contains("starting at line 4 is longer than 4 MiB").contains("the 1 samples before were written");
        assertThat(ResultDocuments.read(dir.resolve("out/secperf-result.json")).result().overall().count())
                .isEqualTo(1);
    }

    @Test
    void aThousandMegabyteLabelsStaySmallAndGateAndReportReadTheResultBack() throws Exception {
        Path csv = dir.resolve("labels.csv");
        byte[] label = new byte[1 << 20];
        Arrays.fill(label, (byte) 'L');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
            out.write("timeStamp,elapsed,label,responseCode,success\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000; i++) {
                out.write(Long.toString(1_700_000_000_000L + i).getBytes(StandardCharsets.US_ASCII));
                out.write(",5,".getBytes(StandardCharsets.US_ASCII));
                out.write(label);
                out.write(String.format("%04d,200,true%n", i).getBytes(StandardCharsets.US_ASCII));
            }
        }
        Path out = dir.resolve("out");
        Outcome ingest = secperf("ingest", csv.toString(), "--out", out.toString());
        assertThat(ingest.code).as(ingest.output).isZero();
        Path result = out.resolve("secperf-result.json");
        assertThat(Files.size(result)).as("the result document").isLessThan(8L << 20);
        List<LabelStats> labels = ResultDocuments.read(result).result().labels();
        assertThat(labels).hasSize(1000).allSatisfy(stats -> assertThat(BoundedText.isCut(stats.label())).isTrue());
        assertThat(labels.stream().map(LabelStats::label).distinct()).hasSize(1000);

        Outcome gate = secperf("gate", "--result", out.toString(), "--gates", "p95 < 1s",
                "--out", dir.resolve("gate").toString());
        assertThat(gate.code).as(gate.output).isZero();
        Outcome report = secperf("report", "--result", out.toString(), "--out", dir.resolve("report").toString());
        assertThat(report.code).as(report.output).isZero();
        assertThat(dir.resolve("report/report.html")).exists();
    }

    @Test
    void aRunWithA25MegabyteLabelWritesWhatGateReportAndIngestReadBack() throws Exception {
        String plan = Files.readString(SecperfCommandLineTest.plan("two-labels.jmx"), StandardCharsets.UTF_8);
        String huge = "H".repeat(25 << 20);
        Path bigPlan = Files.writeString(dir.resolve("huge-label.jmx"),
                plan.replaceFirst("testname=\"home\"", "testname=\"" + huge + "\""), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        try (TestTarget target = new TestTarget()) {
            Outcome run = secperf("run", "--plan", bigPlan.toString(), "--target", target.uri().toString(),
                    "-Jloops=3", "--out", out.toString(), "--jtl", out.resolve("samples.jtl").toString(),
                    "--progress", "none");
            assertThat(run.code).as(run.output).isZero();
        }
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        String stored = BoundedText.label(huge);
        assertThat(document.result().labels()).extracting(LabelStats::label).contains(stored, "api");

        Outcome gate = secperf("gate", "--result", out.toString(), "--gates", "p95 < 10s",
                "--out", dir.resolve("gate").toString());
        assertThat(gate.code).as(gate.output).isZero();
        Outcome report = secperf("report", "--result", out.toString(), "--out", dir.resolve("report").toString());
        assertThat(report.code).as(report.output).isZero();
        Outcome ingest = secperf("ingest", out.resolve("samples.jtl").toString(), "--out",
                dir.resolve("ingest").toString());
        assertThat(ingest.code).as(ingest.output).isZero();
        assertThat(ResultDocuments.read(dir.resolve("ingest/secperf-result.json")).result().labels())
                .extracting(LabelStats::label).contains(stored, "api");
    }

    @Test
    void labelsAtTheLimitRoundTripThroughIngestGateAndReport() throws Exception {
        String atLimit = "a".repeat(BoundedText.MAX_LABEL_CHARS);
        String overLimit = "b".repeat(BoundedText.MAX_LABEL_CHARS + 1);
        String rowLimit = "c".repeat((4 << 20) - 100); // just under the CSV reader's 4 MiB row limit
        Path csv = dir.resolve("limits.csv");
        Files.writeString(csv, "timeStamp,elapsed,label,responseCode,success\n"
                + "1700000000000,5," + atLimit + ",200,true\n"
                + "1700000000001,6," + overLimit + ",200,true\n"
                + "1700000000002,7," + rowLimit + ",500,false\n", StandardCharsets.US_ASCII);
        Path out = dir.resolve("out");
        Outcome ingest = secperf("ingest", csv.toString(), "--out", out.toString());
        assertThat(ingest.code).as(ingest.output).isZero();
        assertThat(ResultDocuments.read(out.resolve("secperf-result.json")).result().labels())
                .extracting(LabelStats::label)
                .containsExactlyInAnyOrder(atLimit, BoundedText.label(overLimit), BoundedText.label(rowLimit));
        Outcome gate = secperf("gate", "--result", out.toString(), "--gates", "errors < 50%",
                "--out", dir.resolve("gate").toString());
        assertThat(gate.code).as(gate.output).isZero();
        Outcome report = secperf("report", "--result", dir.resolve("gate").toString());
        assertThat(report.code).as(report.output).isZero();
    }

    private record Outcome(int code, String output) {
    }

    private Outcome secperf(String... args) throws Exception {
        try (ForkedSecperf secperf = ForkedSecperf.start(HEAP, dir, List.of(args))) {
            int code = secperf.exitCode(300);
            String output = secperf.output();
            assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
            return new Outcome(code, output);
        }
    }
}
