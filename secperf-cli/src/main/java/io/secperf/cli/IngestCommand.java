package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.secperf.jtl.Jtl;
import io.secperf.jtl.JtlException;
import io.secperf.jtl.JtlReadStats;
import io.secperf.result.IngestInfo;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secperf ingest}: turns JTL files written by stock JMeter (CSV or XML) into the same result document a live
 * run writes, so results from any JMeter installation can be gated, charted and merged.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Aggregate JMeter JTL files (CSV with header, or XML) into secperf-result.json.",
        footer = {"", "Several files (e.g. from several load generators) are merged exactly into one result.",
            "Rows that cannot be parsed are counted, skipped and reported; the result is still written, and the exit",
            "code is 4 unless --lenient is given.", "",
            "Example:", "  secperf ingest results.jtl --out results"})
final class IngestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JTL files (CSV with header, or XML)")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--lenient", description = "exit 0 even when garbage rows were skipped")
    boolean lenient;

    /**
     * Parsing and aggregating on two threads only pays off with a core to spare: on two shared cores the hand-over
     * costs more than it gains (docs/performance.md, P1).
     */
    static final boolean TWO_THREADS_PAY_OFF = Runtime.getRuntime().availableProcessors() > 2;

    @Override
    public Integer call() {
        Path outDir = OutputDirectory.prepare(out);
        ResultAggregator aggregator = new ResultAggregator();
        List<JtlReadStats> reads = new ArrayList<>();
        for (Path file : files) {
            try {
                JtlReadStats stats = TWO_THREADS_PAY_OFF ? Jtl.readConcurrently(file, aggregator)
                        : Jtl.read(file, aggregator);
                reads.add(stats);
                System.out.println(stats.summary());
            } catch (JtlException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT,
                        "cannot read " + file + ": " + OutputDirectory.describe(e), e);
            }
        }
        RunResult result = aggregator.finish();
        long read = reads.stream().mapToLong(JtlReadStats::rowsRead).sum();
        long skipped = reads.stream().mapToLong(JtlReadStats::rowsSkipped).sum();
        List<Long> skippedLines = reads.stream().flatMap(r -> r.firstSkipped().stream())
                .map(JtlReadStats.SkippedRow::line).limit(IngestInfo.MAX_SKIPPED_LINES).toList();
        String incomplete = reads.stream().filter(r -> !r.complete())
                .map(r -> r.source() + ": " + r.incomplete()).collect(Collectors.joining("; "));
        String fileNames = files.stream().map(Path::toString).collect(Collectors.joining(", "));
        ResultDocument document = ResultDocument.of(runInfo(result),
                incomplete.isEmpty() ? RunStatus.complete() : RunStatus.partial("file not read to the end: " + incomplete),
                IngestInfo.jtl(fileNames, read, skipped, skippedLines), result);
        Path resultFile = LoadRun.write(outDir, document);
        System.out.print(SummaryTable.render(document));
        System.out.println("result: " + resultFile);
        if (read == 0) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "no valid sample rows in " + fileNames
                    + (skipped > 0 ? " (" + skipped + " garbage rows skipped)" : ""));
        }
        if (!incomplete.isEmpty()) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "not read to the end: " + incomplete
                    + " (the " + read + " samples before were written)");
        }
        if (skipped > 0 && !lenient) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, skipped + " garbage rows skipped (first at line "
                    + skippedLines.get(0) + "); the " + read + " valid samples were written; --lenient accepts this");
        }
        return ExitCode.OK.code();
    }

    private static RunInfo runInfo(RunResult result) {
        LabelStats overall = result.overall();
        Instant start = overall.count() == 0 ? null : Instant.ofEpochMilli(overall.firstStartEpochMs());
        Instant end = overall.count() == 0 ? null : Instant.ofEpochMilli(overall.lastEndEpochMs());
        return RunInfo.of(null, null, null, null, start, end, Map.of());
    }
}
