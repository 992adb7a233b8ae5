package io.secperf.bench;

import io.secperf.jtl.Jtl;
import io.secperf.jtl.JtlCsvWriter;
import io.secperf.jtl.JtlReadStats;
import io.secperf.result.Sample;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.samplers.SampleSaveConfiguration;
import org.apache.jmeter.save.CSVSaveService;
import org.apache.jmeter.util.JMeterUtils;

/**
 * Checks secperf's JTL format against JMeter 5.6.3 itself (it needs JMeter, so it cannot be a test of the core
 * module): JtlCsvWriter must write byte for byte what CSVSaveService writes for the default columns, our reader must
 * read CSVSaveService's rows exactly, and JMeter's own CSV parser must accept our file. Awkward values on purpose:
 * commas, quotes, CR/LF, non-ASCII, non-HTTP error texts, assertion failures.
 *
 * <p>Usage: {@code JMeterFormatCheck WORKDIR}; prints the result and fails (non-zero exit) on a mismatch.
 */
public final class JMeterFormatCheck {

    private JMeterFormatCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/p1-work");
        Path home = P1Bench.jmeterHome(work);
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(home.resolve("bin/jmeter.properties").toString());
        JMeterUtils.initLocale();

        String[][] cases = {
            {"GET /api", "200", "OK", ""},
            {"say \"hi\", twice", "500", "Internal\r\nError", "Test failed: \"x\""},
            {"multi\nline", "Non HTTP response code: java.net.SocketException",
                "Non HTTP response message: Connection reset", "a,b"},
            {"Überblick – €", "401", "", ""},
            {"", "", "", ""},
        };
        String nl = System.lineSeparator();
        StringBuilder jmeterText = new StringBuilder(CSVSaveService.printableFieldNamesToString()).append(nl);
        List<Sample> samples = new ArrayList<>();
        long ts = 1_700_000_000_000L;
        for (String[] c : cases) {
            SampleResult r = new SampleResult(ts, 123);
            r.setSaveConfig(SampleSaveConfiguration.staticConfig());
            r.setSampleLabel(c[0]);
            r.setResponseCode(c[1]);
            r.setResponseMessage(c[2]);
            r.setSuccessful(c[3].isEmpty() && "200".equals(c[1]));
            if (!c[3].isEmpty()) {
                AssertionResult failed = new AssertionResult("assertion");
                failed.setFailure(true);
                failed.setFailureMessage(c[3]);
                r.addAssertionResult(failed);
            }
            r.setBytes(512L);
            r.setSentBytes(77);
            r.setLatency(100);
            r.setConnectTime(7);
            r.setAllThreads(5);
            r.setGroupThreads(5);
            r.setThreadName("");
            r.setDataType("");
            jmeterText.append(CSVSaveService.resultToDelimitedString(new SampleEvent(r, "tg"))).append(nl);
            samples.add(new Sample(ts, 123, c[0], c[1], c[2], r.isSuccessful(), c[3], 512, 77, 100, 7, 5));
            ts++;
        }
        Path ours = work.resolve("format-check-ours.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(ours)) {
            samples.forEach(w::accept);
        }
        boolean writerSame = Files.readString(ours).contentEquals(jmeterText);

        Path theirs = work.resolve("format-check-jmeter.jtl");
        Files.writeString(theirs, jmeterText);
        List<Sample> read = new ArrayList<>();
        JtlReadStats stats = Jtl.read(theirs, read::add);
        boolean readerSame = read.equals(samples) && stats.rowsSkipped() == 0;

        int jmeterRows = 0;
        boolean jmeterHeader;
        try (BufferedReader br = Files.newBufferedReader(ours)) {
            jmeterHeader = CSVSaveService.getSampleSaveConfiguration(br.readLine(), ours.toString()) != null;
            String[] parts;
            while ((parts = CSVSaveService.csvReadFile(br, ',')).length == 17) {
                jmeterRows++;
            }
        }
        boolean jmeterReads = jmeterHeader && jmeterRows == samples.size();

        System.out.println("JtlCsvWriter output identical to CSVSaveService: " + writerSame);
        System.out.println("JtlCsvReader reads CSVSaveService rows exactly:   " + readerSame);
        System.out.println("JMeter's CSV reader accepts JtlCsvWriter output:  " + jmeterReads);
        if (!(writerSame && readerSame && jmeterReads)) {
            throw new IllegalStateException("secperf's JTL format differs from JMeter's; see above");
        }
    }
}
