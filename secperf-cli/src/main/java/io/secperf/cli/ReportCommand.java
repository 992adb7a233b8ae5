package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.secperf.report.HtmlReport;
import io.secperf.report.ReportInput;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocumentException;
import io.secperf.result.ResultDocuments;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secperf report}: rebuilds the HTML report and its charts from a stored result document, with trend charts
 * from a history directory. Reads only the small result and the small summaries, so it is quick and can be rerun at
 * will (after an upgrade, or to add the trend of later builds).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML report (report.html, report.css, charts/) of a stored result, with trends.",
        footer = {"", "The history is not changed: secperf run --history DIR appends to it.",
            "The page works under Jenkins' default Content-Security-Policy (no scripts, no inline styles).", "",
            "Example:", "  secperf report --result secperf-out --history .secperf/history"})
final class ReportCommand implements Callable<Integer> {

    /** Build label of a run that is not (yet) in a history. */
    static final String THIS_RUN = "this run";

    @Option(names = "--result", paramLabel = "DIR|FILE", required = true,
            description = "secperf-result.json, or the directory holding it")
    Path result;

    @Option(names = "--history", paramLabel = "DIR", description = "history directory for the trend charts")
    Path history;

    @Option(names = "--builds", paramLabel = "N", defaultValue = "50",
            description = "how many of the latest builds the trends show (default: ${DEFAULT-VALUE})")
    int builds;

    @Option(names = "--window", paramLabel = "N", defaultValue = "10",
            description = "builds the rolling share of builds validating both criteria covers "
                    + "(default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the report goes (default: the directory of the result); a directory holding another"
                    + " result is refused without --force")
    Path out;

    @Option(names = "--force", description = "write the report into --out even if it holds another result")
    boolean force;

    @Override
    public Integer call() {
        if (builds < 1) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--builds must be at least 1, was " + builds);
        }
        if (window < 1) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--window must be at least 1, was " + window);
        }
        Path resultFile = Files.isDirectory(result) ? result.resolve(ResultDocuments.FILE_NAME) : result;
        ResultDocument document = read(resultFile);
        List<BuildSummary> trend = List.of();
        List<String> notes = List.of();
        if (history != null) {
            if (!Files.isDirectory(history)) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "history directory " + history
                        + " does not exist (secperf run --history DIR creates it)");
            }
            try {
                History.Entries entries = new History(history).last(builds);
                trend = entries.builds();
                notes = entries.skipped();
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            }
            for (String note : notes) {
                System.out.println("secperf: warning: skipped " + note);
            }
        }
        Path outDir = OutputDirectory.claim(out != null ? out : resultFile.toAbsolutePath().getParent(), "report",
                List.of(resultFile), force);
        try {
            List<Path> files = HtmlReport.write(new ReportInput(document, BuildSummary.of(THIS_RUN, document), null,
                    null, trend, window, notes), outDir);
            System.out.println("report: " + files.get(0) + " (" + (files.size() - 1) + " more files"
                    + (history == null ? "" : ", trends of " + trend.size() + " builds") + ")");
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
        }
        return ExitCode.OK.code();
    }

    private static ResultDocument read(Path file) {
        try {
            return ResultDocuments.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "no result document at " + file
                    + " (give secperf-result.json or the directory holding it)", e);
        } catch (ResultDocumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read " + file + ": "
                    + OutputDirectory.describe(e), e);
        }
    }
}
