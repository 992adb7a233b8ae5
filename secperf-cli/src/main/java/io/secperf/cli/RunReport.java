package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.secperf.report.HtmlReport;
import io.secperf.report.ReportInput;
import io.secperf.result.ResultDocument;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.History;

/**
 * What {@code secperf run}, {@code secperf demo} and {@code secperf gate} do after the result document is written:
 * append the run's summary to the history (with {@code --history DIR}; not for {@code gate}) and write the HTML report
 * with its charts next to the result.
 * A failure here is a warning: the result document, which everything else reads, is already safe, and the report
 * can be rebuilt from it with {@code secperf report}.
 */
final class RunReport {

    private RunReport() {
    }

    /**
     * Appends to the history (when given) and writes the report into outDir; never throws for I/O problems.
     *
     * @return what could not be written (one line each), empty when everything was; callers that were asked for
     *         these outputs exit non-zero on a failure, and nothing printed points at a file that was not written
     */
    static List<String> write(PrintStream out, Path outDir, ResultDocument document, Path historyDir) {
        List<String> failed = new java.util.ArrayList<>();
        BuildSummary summary = BuildSummary.of(ReportCommand.THIS_RUN, document);
        List<BuildSummary> trend = List.of();
        List<String> notes = List.of();
        if (historyDir != null) {
            History history = new History(historyDir);
            try {
                summary = history.append(summary);
                out.println("history: " + history.directory().resolve(summary.build() + ".json"));
                History.Entries entries = history.last(History.DEFAULT_LIMIT);
                trend = entries.builds();
                notes = entries.skipped();
            } catch (IOException e) {
                out.println("secperf: warning: could not update the history: " + e.getMessage());
                failed.add("could not update the history: " + e.getMessage());
            }
        }
        try {
            List<Path> files = HtmlReport.write(ReportInput.of(document).withSummary(summary).withHistory(trend)
                    .withNotes(notes), outDir);
            out.println("report: " + files.get(0));
        } catch (IOException | RuntimeException e) {
            out.println("secperf: warning: could not write the report (" + e.getMessage()
                    + "); the result is safe: secperf report --result " + outDir + " rebuilds it");
            failed.add("could not write the report: " + e.getMessage());
        }
        return failed;
    }
}
