package io.secperf.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.secperf.cli.Secperf;
import io.secperf.report.HtmlReport;
import io.secperf.report.ReportInput;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.History;

/**
 * Writes docs/sample-report from real {@code secperf demo} runs (not a test): {@code runs} default demos (20 s each)
 * into one history, then the last run's report with PNG charts only (to keep the repository small) and the trend
 * charts of those builds. A real run rather than synthetic data, so the sample shows what the demo really produces:
 * the preflight findings, the gates, the resilience table and the attack window on the run chart. From the
 * repository root, after {@code mvn -o -q -pl secperf-cli -am test-compile}:
 * {@code java -Djava.awt.headless=true -cp secperf-cli/target/test-classes:secperf-cli/target/classes:<deps>
 * io.secperf.demo.DemoSampleReport docs/sample-report [runs]}.
 */
public final class DemoSampleReport {

    private DemoSampleReport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/sample-report");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("secperf-sample-report");
        Path history = work.resolve("history");
        Path last = null;
        for (int i = 1; i <= runs; i++) {
            last = work.resolve("run-" + i);
            int code = Secperf.execute(System.out, System.err, "demo", "--progress", "plain", "--out",
                    last.toString(), "--history", history.toString());
            if (code != 0) {
                throw new IllegalStateException("demo run " + i + " exited with " + code + "; see " + last);
            }
        }
        ResultDocument document = ResultDocuments.read(last.resolve("secperf-result.json"));
        List<BuildSummary> builds = new History(history).last(History.DEFAULT_LIMIT).builds();
        BuildSummary thisRun = builds.get(builds.size() - 1);
        clear(out);
        List<Path> files = HtmlReport.write(ReportInput.of(document).withSummary(thisRun).withHistory(builds), out,
                false);
        System.out.println("sample report: " + files.get(0) + " (" + files.size() + " files, from " + last + ")");
    }

    /** Removes the previous sample's generated files (report, stylesheet, charts), keeping anything else. */
    private static void clear(Path out) throws IOException {
        Files.deleteIfExists(out.resolve("report.html"));
        Files.deleteIfExists(out.resolve("report.css"));
        Path charts = out.resolve("charts");
        if (Files.isDirectory(charts)) {
            try (Stream<Path> files = Files.walk(charts)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
