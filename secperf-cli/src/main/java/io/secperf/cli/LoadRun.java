package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.secperf.analysis.DocumentAnalysis;
import io.secperf.augment.AugmentException;
import io.secperf.augment.Augmentation;
import io.secperf.augment.HostileTraffic;
import io.secperf.augment.PlanAugmenter;
import io.secperf.jtl.JtlCsvWriter;
import io.secperf.result.AtomicFiles;
import io.secperf.result.Finding;
import io.secperf.result.FindingSink;
import io.secperf.result.IngestInfo;
import io.secperf.result.ProgressSnapshot;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunState;
import io.secperf.result.RunStatus;
import io.secperf.result.SampleSink;
import io.secperf.run.EngineUnreachableException;
import io.secperf.run.FindingCollector;
import io.secperf.run.JMeterHome;
import io.secperf.run.JMeterRun;
import io.secperf.run.PlanException;
import io.secperf.run.PlanLoader;
import io.secperf.run.PlanTargets;
import io.secperf.run.PlanTransform;
import io.secperf.run.RemoteEngines;
import io.secperf.run.RunOutcome;
import io.secperf.run.RunRequest;
import io.secperf.run.TargetCheck;
import io.secperf.run.TargetUnreachableException;
import io.secperf.secret.KnownSecrets;
import io.secperf.secret.UrlRedaction;
import io.secperf.security.SecurityConfig;

/**
 * One load run as the command line performs it, for {@code secperf run} and {@code secperf demo}: check the output
 * directory, run the plan with live progress, analyse the result (resilience under attack, post-test analysis,
 * optionally the server's logs) before the gates see it, write the result document (also after Ctrl-C or a crash),
 * print the summary, and turn the outcome into an exit code.
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
     * @param gates       gates to evaluate (and stop gates to poll), or null
     * @param history     history directory to append the run's summary to, or null
     * @param security    injects the security checks of {@code --security} into the plan, or null
     * @param planFile    the plan as the result document and report show it: the user's path, or
     *                    {@code template NAME} for a bundled template (never the temporary file it was extracted to)
     * @param remote      JMeter remote engines to run the load on ({@code --remote}), or null to run it here
     */
    record Settings(Path plan, String planName, URI target, Map<String, String> properties, Duration duration,
                    Path outDir, Path jtl, ProgressPrinter.Mode progress, GateStage gates,
                    Path history, PlanAugmenter security, String planFile, RemoteEngines remote) {
    }

    private final PrintStream out;
    private final ServerLogOptions serverLogs;
    private final FindingSink observer;
    private SarifOutput sarif;

    /** @param serverLogs server log files to scan after the run, or null */
    LoadRun(PrintStream out, ServerLogOptions serverLogs) {
        this(out, serverLogs, null);
    }

    /**
     * @param observer also sees every security check's result as it arrives during the run (after the run's own
     *                 collector), e.g. for the demo's narration; null for none
     */
    LoadRun(PrintStream out, ServerLogOptions serverLogs, FindingSink observer) {
        this.out = out;
        this.serverLogs = serverLogs;
        this.observer = observer;
    }

    /** Also writes the findings and failed security gates as SARIF when {@code --sarif} was given. */
    LoadRun sarif(SarifOutput output) {
        this.sarif = output;
        return this;
    }

    ExitCode execute(Settings settings) {
        if (serverLogs != null) {
            serverLogs.check();
        }
        checkOutputPaths(settings);
        // known before anything prints: a target may echo a password, an exception may quote it
        KnownSecrets secrets = RunSecrets.of(settings.properties(),
                settings.security() == null ? null : settings.security().options().securityFile());
        ConsoleSecrets.add(secrets);
        PreflightWatch watch = settings.security() == null ? null : checkSecurity(settings);
        checkInputs(settings, watch == null); // a missing plan or a target that is down: said before "running ..."
        Path outDir = OutputDirectory.prepare(settings.outDir());
        try (OutputDirectory.Lock lock = OutputDirectory.lock(outDir, out)) {
            removeStale(outDir, settings.jtl());
            return execute(settings, watch, outDir, secrets);
        }
    }

    /**
     * Every output path is checked before the load: finding out after a 30-minute run that {@code --jtl} names a
     * directory would lose the run's samples.
     */
    private static void checkOutputPaths(Settings settings) {
        if (settings.jtl() != null && Files.isDirectory(settings.jtl())) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--jtl " + settings.jtl() + " is a directory; "
                    + "give a file name such as " + settings.jtl().resolve("samples.jtl"));
        }
        Path jtlDir = settings.jtl() == null ? null : settings.jtl().toAbsolutePath().getParent();
        if (jtlDir != null && !Files.isDirectory(jtlDir)) {
            // created like --out (often the same directory: --out results --jtl results/samples.jtl)
            try {
                Files.createDirectories(jtlDir);
            } catch (IOException | UnsupportedOperationException e) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE, "cannot write the JTL file " + settings.jtl()
                        + ": cannot create its directory " + jtlDir + " (" + OutputDirectory.describe(e) + ")");
            }
        }
        if (settings.history() != null && Files.exists(settings.history()) && !Files.isDirectory(settings.history())) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--history " + settings.history()
                    + " is a file; it must be a directory (one JSON file per build)");
        }
        if (Files.exists(settings.outDir()) && !Files.isDirectory(settings.outDir())) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--out " + settings.outDir()
                    + " is a file; it must be a directory");
        }
    }

    /** What a killed run left (a SIGKILL gives no chance to clean up): temporary files of processes that are gone. */
    private void removeStale(Path outDir, Path jtl) {
        List<Path> removed = new java.util.ArrayList<>(AtomicFiles.removeStale(outDir));
        if (jtl != null && jtl.toAbsolutePath().getParent() != null
                && !jtl.toAbsolutePath().getParent().equals(outDir)) {
            removed.addAll(AtomicFiles.removeStale(jtl.toAbsolutePath().getParent()));
        }
        if (!removed.isEmpty()) {
            out.println("secperf: note: removed " + removed.size() + " unfinished file(s) an earlier, killed run left: "
                    + removed.stream().map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private ExitCode execute(Settings settings, PreflightWatch watch, Path outDir, KnownSecrets secrets) {
        GateStage gates = settings.gates();
        ResultAggregator aggregator = new ResultAggregator();
        JtlCsvWriter jtl = openJtl(settings.jtl());
        SampleSink sink = sink(aggregator, jtl, secrets);
        ProgressPrinter printer = new ProgressPrinter(out, settings.progress(), 10);
        FindingCollector security = new FindingCollector();
        RunRequest request = RunRequest.builder(settings.plan(), sink)
                .findings(tee(security, watch, observer))
                .transform(watch == null ? null : augment(settings.security(), watch))
                .target(settings.target())
                .properties(settings.properties())
                .duration(settings.duration())
                .remote(settings.remote())
                .logFile(outDir.resolve("jmeter.log"))
                .secrets(secrets)
                .progress(p -> {
                    ProgressSnapshot interval = aggregator.progress();
                    printer.update(p.elapsed().toMillis(), p.samples(), p.errors(), p.requestsPerSecond(),
                            interval.intervalSamples() == 0 ? Double.NaN : interval.intervalP95Ms());
                    if (gates != null) {
                        gates.poll(aggregator);
                    }
                })
                .build();
        JMeterRun run = new JMeterRun(request);
        if (gates != null) {
            gates.onStop(run::stop);
        }
        warnIfTargetIgnored(settings);
        out.println("secperf: running " + settings.planName()
                + (settings.target() == null ? "" : " against " + settings.target())
                + (settings.duration() == null ? "" : " for " + settings.duration().toSeconds() + " s")
                + (settings.remote() == null ? "" : " on " + settings.remote().engines().size()
                        + " remote engine" + (settings.remote().engines().size() == 1 ? "" : "s") + " ("
                        + String.join(", ", settings.remote().engines()) + ")")
                + " (Ctrl-C stops and keeps the results)");
        Instant started = Instant.now();
        Runnable onSignal = () -> {
            printer.finish();
            // written at once: an agent may SIGKILL a few seconds after SIGTERM, before the run has stopped
            RunResult soFar = aggregator.snapshot();
            writeQuietly(outDir, masked(ResultDocument.of(runInfo(settings, request, started, Instant.now()),
                    RunStatus.partial("stopped by " + StopOnSignal.signalName()
                            + "; the run was still stopping when this was written"),
                    IngestInfo.live(soFar.overall().count()), soFar).withFindings(security.findings())
                    .withSecurity(security.data()), secrets));
        };
        RunOutcome outcome;
        String jtlFailure = null;
        try (StopOnSignal signal = new StopOnSignal(run, onSignal)) {
            try {
                outcome = run.run();
            } catch (PlanException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            } catch (TargetUnreachableException | EngineUnreachableException e) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
            } finally {
                printer.finish();
                jtlFailure = closeJtl(jtl);
            }
            boolean aborted = watch != null && watch.aborted();
            ResultDocument document = ResultDocument.of(runInfo(settings, request, outcome.started(), outcome.ended()),
                    aborted ? RunStatus.partial(watch.abortMessage())
                            : gates != null && gates.stoppedRun() ? RunStatus.partial(gates.stopReason(outcome.elapsed()))
                            : status(outcome), IngestInfo.live(outcome.samples()).withEngines(outcome.engines()),
                    aggregator.finish())
                    .withFindings(security.findings()).withSecurity(security.data());
            document = DocumentAnalysis.complete(document, serverLogs == null ? null : serverLogs.scan());
            // everything written from here on (result, summary, report, charts, JUnit XML, history) derives from it
            document = masked(document, secrets);
            if (gates != null) {
                document = gates.apply(document);
            }
            Path resultFile = write(outDir, document);
            out.print(SummaryTable.render(document));
            out.println("result: " + resultFile);
            if (sarif != null) {
                sarif.write(out, document);
            }
            if (jtl != null && jtlFailure == null) {
                out.println("jtl:    " + jtl.target());
            }
            String partial = document.status().state() == RunState.PARTIAL ? document.status().reason() : null;
            if (gates != null) {
                gates.report(out, outDir, partial);
            } else if (partial != null) {
                out.println("status: PARTIAL run: " + partial);
            }
            // report.html + charts (+ history)
            List<String> failedOutputs = new java.util.ArrayList<>(RunReport.write(out, outDir, document,
                    settings.history()));
            if (jtlFailure != null) {
                failedOutputs.add(0, jtlFailure);
            }
            if (!failedOutputs.isEmpty()) {
                // a requested output is missing: never exit 0 (or with the verdict) as if it were there
                throw new CommandFailure(ExitCode.INFRASTRUCTURE, String.join("; ", failedOutputs)
                        + " (the result document " + resultFile + " was written)");
            }
            if (aborted) {
                throw new CommandFailure(ExitCode.PREFLIGHT_ABORTED, watch.abortMessage());
            }
            if (watch != null && watch.failed()) {
                out.println("secperf: preflight (" + settings.security().options().preflight().cliValue() + ") found "
                        + watch.problems() + "; the load ran anyway");
            }
            ExitCode code = exitCode(outcome, document, gates != null && gates.stoppedRun());
            return gates == null || code != ExitCode.OK ? code : gates.exitCode();
        }
    }

    /**
     * Proves that the plan loads (unless the security check already did) and that the target accepts a TCP connection,
     * so that neither is reported after the run was announced. The runner checks both again: they may change.
     */
    private static void checkInputs(Settings settings, boolean loadPlan) {
        if (loadPlan) {
            try {
                PlanLoader.load(settings.plan());
            } catch (PlanException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            }
        }
        if (settings.target() != null) {
            try {
                TargetCheck.verify(settings.target(), TargetCheck.DEFAULT_TIMEOUT);
            } catch (TargetUnreachableException e) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
            }
        }
    }

    /**
     * Checks the security setup before anything runs (plan loads, security file valid, samplers present, the plan not
     * augmented already), says what will be injected, and returns the watch that sees the preflight's outcome.
     */
    private PreflightWatch checkSecurity(Settings settings) {
        PlanAugmenter augmenter = settings.security();
        Augmentation preview;
        try {
            preview = augmenter.augment(PlanLoader.load(settings.plan()));
        } catch (PlanException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        } catch (AugmentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        }
        try {
            preview.requireComplete();
        } catch (AugmentException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
        }
        out.println("secperf: security from " + augmenter.options().securityFile() + ": " + describe(preview,
                augmenter.options()));
        preview.notes().forEach(note -> out.println("secperf: note: " + note));
        Duration warmup = augmenter.options().warmup();
        if (!preview.hostile().isEmpty() && settings.duration() != null && warmup.compareTo(settings.duration()) >= 0) {
            out.println("secperf: warning: the warm-up (" + warmup.toSeconds() + " s) is not shorter than --duration ("
                    + settings.duration().toSeconds() + " s): the attacks and fuzzing would start after the load ends");
        }
        if (settings.target() != null && !sameOrigin(settings.target(), preview.config().target())) {
            out.println("secperf: warning: the security checks go to " + preview.config().target().origin()
                    + " (target.url in " + augmenter.options().securityFile() + "), the load to " + settings.target());
        }
        return new PreflightWatch(augmenter.options().preflight());
    }

    /** "preflight TLS, auth (abort); after a 30 s warm-up: flood, fuzz (3 requests of the plan)" and the like. */
    static String describe(Augmentation augmentation, PlanAugmenter.Options options) {
        StringBuilder text = new StringBuilder();
        if (augmentation.preflightChecks().isEmpty()) {
            text.append("no preflight");
        } else {
            text.append("preflight ").append(augmentation.preflightChecks().stream()
                    .map(label -> label.substring(label.indexOf(':') + 1).strip())
                    .collect(java.util.stream.Collectors.joining(", ")))
                    .append(" (").append(options.preflight().cliValue()).append(')');
        }
        if (augmentation.hostile().isEmpty()) {
            text.append("; no attacks or fuzzing");
        } else {
            text.append("; after a ").append(options.warmup().toSeconds()).append(" s warm-up: ")
                    .append(augmentation.hostile().stream().map(HostileTraffic::key)
                            .collect(java.util.stream.Collectors.joining(", ")));
            if (augmentation.hostile().contains(HostileTraffic.FUZZ)) {
                text.append(augmentation.planEndpoints() == 0 ? " (fuzz.endpoints)"
                        : " (" + augmentation.planEndpoints() + " requests of the plan)");
            }
        }
        return text.toString();
    }

    /** Every security check's result, with its time span, to each of the sinks that are not null, in order. */
    private static FindingSink tee(FindingSink... sinks) {
        List<FindingSink> all = Arrays.stream(sinks).filter(Objects::nonNull).toList();
        if (all.size() == 1) {
            return all.get(0);
        }
        return new FindingSink() {
            @Override
            public void accept(String check, List<Finding> findings, Map<String, String> measurements) {
                all.forEach(sink -> sink.accept(check, findings, measurements));
            }

            @Override
            public void accept(String check, List<Finding> findings, Map<String, String> measurements,
                               Instant start, Instant end) {
                all.forEach(sink -> sink.accept(check, findings, measurements, start, end));
            }

            @Override
            public void notes(String check, List<String> notes, String incompleteReason) {
                all.forEach(sink -> sink.notes(check, notes, incompleteReason));
            }
        };
    }

    private static PlanTransform augment(PlanAugmenter augmenter, PreflightWatch watch) {
        return tree -> {
            Augmentation augmentation = augmenter.augment(tree);
            augmentation.requireComplete();
            return watch.watch(augmentation.tree());
        };
    }

    /**
     * Warns before the load when the plan's HTTP samplers have literal hosts and nothing reads the target properties:
     * {@code --target} would change nothing, and the load would go to the plan's hosts (issue 11).
     */
    private void warnIfTargetIgnored(Settings settings) {
        if (settings.target() == null) {
            return;
        }
        PlanTargets targets;
        try {
            targets = PlanTargets.of(PlanLoader.load(settings.plan()));
        } catch (PlanException e) {
            return; // the run reports the plan's problem with its usual message
        }
        if (targets.ignoresTarget()) {
            out.println("secperf: warning: " + targets.warning(settings.target().toString()));
        }
    }

    private static boolean sameOrigin(URI load, SecurityConfig.Target checks) {
        SecurityConfig.Target other = SecurityConfig.Target.of(load);
        return other.https() == checks.https() && other.host().equalsIgnoreCase(checks.host())
                && other.port() == checks.port();
    }

    private static RunInfo runInfo(Settings settings, RunRequest request, Instant start, Instant end) {
        return RunInfo.of(settings.planName(), settings.planFile(),
                settings.target() == null ? null : UrlRedaction.redact(settings.target().toString()),
                JMeterHome.JMETER_VERSION, start, end, request.jmeterProperties());
    }

    /** Where the run's samples go: the aggregator, and the JTL file when one is written. */
    static SampleSink sink(ResultAggregator aggregator, JtlCsvWriter jtl, KnownSecrets secrets) {
        // error kinds fold the texts of failed samples ("letmein:1234" becomes "letmein:<port>") and cut their
        // examples, after which masking the finished document no longer finds a secret in them: they are masked
        // before they are counted. Labels are masked with the document (the same for successful and failed samples).
        SampleSink counted = secrets.isEmpty() ? aggregator
                : sample -> aggregator.accept(secrets.redactErrorTexts(sample));
        // the JTL holds each sample's texts; the result document is masked as a whole before it is written
        return jtl == null ? counted : sample -> {
            counted.accept(sample);
            jtl.accept(secrets.redact(sample));
        };
    }

    /** The document with every known secret masked in every text of it. */
    static ResultDocument masked(ResultDocument document, KnownSecrets secrets) {
        return secrets.isEmpty() ? document : ResultDocuments.redacted(document, secrets::redact);
    }

    private void writeQuietly(Path outDir, ResultDocument document) {
        try {
            ResultDocuments.write(outDir.resolve(OutputDirectory.RESULT_FILE), document);
        } catch (IOException | RuntimeException e) {
            out.println("secperf: warning: could not write the interim result: " + OutputDirectory.describe(e));
        }
    }

    private static RunStatus status(RunOutcome outcome) {
        if (outcome.partialReason() != null && outcome.status() != RunOutcome.Status.FAILED) {
            return RunStatus.partial(outcome.partialReason());
        }
        return switch (outcome.status()) {
            case COMPLETE -> RunStatus.complete();
            case STOPPED -> outcome.stopCause() == RunOutcome.StopCause.USER
                    ? RunStatus.partial("stopped by " + (StopOnSignal.signalled() ? StopOnSignal.signalName() : "user")
                            + " after " + outcome.elapsed().toSeconds() + " s")
                    : RunStatus.complete();
            case FAILED -> RunStatus.failed(outcome.failure());
        };
    }

    private static ExitCode exitCode(RunOutcome outcome, ResultDocument document, boolean stoppedByGate) {
        if (outcome.status() == RunOutcome.Status.FAILED) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "the run failed: " + outcome.failure()
                    + " (the " + outcome.samples() + " samples measured before were written)");
        }
        if (outcome.status() == RunOutcome.Status.STOPPED && outcome.stopCause() == RunOutcome.StopCause.USER
                && !stoppedByGate) {
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

    /** Finishes the JTL; returns why it failed (the file was not written, an old one was not replaced) or null. */
    private String closeJtl(JtlCsvWriter jtl) {
        if (jtl == null) {
            return null;
        }
        try {
            jtl.close();
            return null;
        } catch (IOException e) {
            String failure = e.getMessage() == null ? "could not write the JTL file " + jtl.target()
                    : e.getMessage();
            out.println("secperf: warning: " + failure);
            return failure;
        }
    }
}
