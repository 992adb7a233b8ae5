package io.secperf.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the sample report shown in docs/reports.md: an illustrative run (synthetic samples, findings, gates and a
 * 12-build history from {@link ReportFixtures}) with every section filled. Run from the repository root:
 * {@code java -Djava.awt.headless=true -cp <core classes, test classes, dependencies> io.secperf.report.SampleReport
 * docs/sample-report [--svg]}. Without --svg the charts are PNG only, to keep the
 * repository small.
 */
public final class SampleReport {

    private SampleReport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/sample-report");
        boolean svg = args.length > 1 && args[1].equals("--svg");
        List<Path> files = HtmlReport.write(ReportFixtures.input(ReportFixtures.plainDocument()), out, svg);
        System.out.println("sample report: " + files.get(0) + " (" + files.size() + " files)");
    }
}
