package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.secperf.jtl.JtlCsvWriter;
import io.secperf.result.AtomicFiles;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunStatus;
import io.secperf.result.SampleSink;
import io.secperf.run.JMeterHome;
import io.secperf.run.JMeterRun;
import io.secperf.run.PlanException;
import io.secperf.run.RunOutcome;
import io.secperf.run.RunRequest;
import io.secperf.run.TargetUnreachableException;

/**
 * One load run as the command line performs it, for {@code secperf run} and {@code secperf demo}: check the output
 * directory, run the plan with live progress, write the result document (also after Ctrl-C or a crash), print the
 * summary, and turn the outcome into an exit code.
 */
final class LoadRun {

    /**
     * @param plan        the .jmx to run
     * @param planName    name shown in reports (template name or file name)
     * @param target      base URL or null
     * @param properties  JMeter properties (-J)
     * @param duration    wanted length or null
     * @param outDir      where results go
     * @param jtl         JMeter CSV JTL to write as well, or null
     * @param progress    how to show progress
     */
    record Settings(Path plan, String planName, URI target, Map<String, String> properties, Duration duration,
                    Path outDir, Path jtl, ProgressPrinter.Mode progress) {
    }

    private final PrintStream out;

    LoadRun(PrintStream out) {
        this.out = out;
    }

    ExitCode execute(Settings settings) {
        Path outDir = OutputDirectory.prepare(settings.outDir());
        ResultAggregator aggregator = new ResultAggregator();
        JtlCsvWriter jtl = openJtl(settings.jtl());
        SampleSink sink = jtl == null ? aggregator : sample -> {
            aggregator.accept(sample);
            jtl.accept(sample);
        };
        ProgressPrinter printer = new ProgressPrinter(out, settings.progress(), 10);
        RunRequest request = RunRequest.builder(settings.plan(), sink)
                .target(settings.target())
                .properties(settings.properties())
                .duration(settings.duration())
                .logFile(outDir.resolve("jmeter.log"))
                .progress(p -> printer.update(p.elapsed().toMillis(), p.samples(), p.errors(),
                        p.intervalP95Millis() < 0 ? Double.NaN : p.intervalP95Millis()))
                .build();
        JMeterRun run = new JMeterRun(request);
        out.println("secperf: running " + settings.planName()
                + (settings.target() == null ? "" : " against " + settings.target())
                + (settings.duration() == null ? "" : " for " + settings.duration().toSeconds() + " s")
                + " (Ctrl-C stops and keeps the results)");
        RunOutcome outcome;
        try (StopOnSignal signal = new StopOnSignal(run, printer::finish)) {
            try {
                outcome = run.run();
            } catch (PlanException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            } catch (TargetUnreachableException e) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
            } finally {
                printer.finish();
                closeJtl(jtl);
            }
            ResultDocument document = ResultDocument.of(
                    RunInfo.of(settings.planName(), settings.plan().toString(),
                            settings.target() == null ? null : settings.target().toString(),
                            JMeterHome.JMETER_VERSION, outcome.started(), outcome.ended(), request.jmeterProperties()),
                    status(outcome), IngestInfo.live(outcome.samples()), aggregator.finish());
            Path resultFile = write(outDir, document);
            out.print(SummaryTable.render(document));
            out.println("result: " + resultFile);
            if (jtl != null) {
                out.println("jtl:    " + jtl.target());
            }
            return exitCode(outcome, document);
        }
    }

    private static RunStatus status(RunOutcome outcome) {
        return switch (outcome.status()) {
            case COMPLETE -> RunStatus.complete();
            case STOPPED -> outcome.stopCause() == RunOutcome.StopCause.USER
                    ? RunStatus.partial("stopped by user after " + outcome.elapsed().toSeconds() + " s")
                    : RunStatus.complete();
            case FAILED -> RunStatus.failed(outcome.failure());
        };
    }

    private static ExitCode exitCode(RunOutcome outcome, ResultDocument document) {
        if (outcome.status() == RunOutcome.Status.FAILED) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "the run failed: " + outcome.failure()
                    + " (the " + outcome.samples() + " samples measured before were written)");
        }
        if (outcome.status() == RunOutcome.Status.STOPPED && outcome.stopCause() == RunOutcome.StopCause.USER) {
            return ExitCode.INTERRUPTED;
        }
        if (outcome.targetRefusedEverySample()) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "the target refused every connection ("
                    + outcome.samples() + " samples): is it running and is the port right?");
        }
        if (document.result().overall().count() == 0) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                    "the plan produced no samples: check its thread groups, loop counts and duration");
        }
        return ExitCode.OK;
    }

    static Path write(Path outDir, ResultDocument document) {
        Path resultFile = outDir.resolve(OutputDirectory.RESULT_FILE);
        try {
            ResultDocuments.write(resultFile, document);
            AtomicFiles.write(outDir.resolve(OutputDirectory.SUMMARY_FILE),
                    stream -> stream.write(SummaryTable.render(document).getBytes(StandardCharsets.UTF_8)));
            return resultFile;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                    "could not write " + resultFile + ": " + OutputDirectory.describe(e), e);
        }
    }

    private static JtlCsvWriter openJtl(Path jtl) {
        if (jtl == null) {
            return null;
        }
        try {
            return new JtlCsvWriter(jtl.toAbsolutePath());
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                    "cannot write the JTL file " + jtl + ": " + OutputDirectory.describe(e), e);
        }
    }

    private void closeJtl(JtlCsvWriter jtl) {
        if (jtl == null) {
            return;
        }
        try {
            jtl.close();
        } catch (IOException e) {
            out.println(String.format(Locale.ROOT, "secperf: warning: could not finish the JTL file %s: %s",
                    jtl.target(), OutputDirectory.describe(e)));
        }
    }
}
