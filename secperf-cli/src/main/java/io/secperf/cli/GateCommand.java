package io.secperf.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.secperf.analysis.DocumentAnalysis;
import io.secperf.jtl.Jtl;
import io.secperf.jtl.JtlException;
import io.secperf.jtl.JtlReadStats;
import io.secperf.result.IngestInfo;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocumentException;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secperf gate}: evaluates gates over results that already exist — secperf result documents or JTL files from
 * any JMeter — so the same verdict is available where the load ran elsewhere. Several results (e.g. of agents that ran
 * in parallel) are merged exactly before evaluation.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Evaluate gates over existing results (secperf-result.json or JMeter JTL files).",
        footer = {"", "Exit codes: 0 passed, 1 failed, 2 unstable, 4 usage, input or gate syntax error, 5 infrastructure.",
            "", "Examples:",
            "  secperf gate --result secperf-out --gates gates.txt",
            "  secperf gate --result 'agents/*/results.jtl' \\",
            "      --gates 'p95 < 800ms; errors < 1%%' --out merged",
            "  secperf gate --result build-42 --gates gates.yaml --reference history/",
            "  secperf gate --result secperf-out --gates 'tls.grade >= A; auth.bypass == 0' \\",
            "      --sarif secperf.sarif"})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--result", required = true, paramLabel = "DIR|FILE.json|FILE.jtl",
            description = "result to judge: a directory holding secperf-result.json, a result document, or a JTL "
                + "file (CSV or XML); repeatable, globs such as 'agents/*/*.jtl' allowed; several are merged")
    List<String> results;

    @Mixin
    GateOptions gateOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-gate",
            description = "where the judged result, secperf-gates.xml and report.html go (default: ${DEFAULT-VALUE});"
                    + " a directory holding another command's result is refused without --force")
    Path out;

    @Option(names = "--force", description = "replace the results of another command in --out")
    boolean force;

    @Mixin
    SarifOutput sarif;

    @Override
    public Integer call() {
        sarif.check();
        if (gateOptions.gates.isEmpty()) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--gates is required (a gate file or text such as "
                    + "'p95 < 800ms')");
        }
        java.util.LinkedHashMap<Path, Path> unique = new java.util.LinkedHashMap<>();
        for (String result : results) {
            for (Path input : expand(result)) {
                unique.putIfAbsent(input.toAbsolutePath().normalize(), input);
            }
        }
        List<Path> inputs = new ArrayList<>(unique.values());
        GateStage stage = gateOptions.stage(null, inputs);
        ResultDocument document = load(inputs);
        Path outDir = OutputDirectory.claim(out, "gate", inputs, force);
        ResultDocument judged = stage.apply(document);
        Path resultFile = LoadRun.write(outDir, judged);
        System.out.print(SummaryTable.render(judged));
        System.out.println("result: " + resultFile);
        sarif.write(System.out, judged);
        stage.report(System.out, outDir);
        RunReport.write(System.out, outDir, judged, null); // the report shows the verdict just judged
        return stage.exitCode().code();
    }

    /** A directory (its secperf-result.json), a file, or a glob of them; missing inputs are usage errors. */
    static List<Path> expand(String argument) {
        if (argument.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            return List.of(existing(path(argument)));
        }
        String normalized = argument.replace('\\', '/');
        String[] segments = normalized.split("/", -1);
        int fixed = 0;
        while (fixed < segments.length - 1 && segments[fixed].chars().noneMatch(c -> "*?[{".indexOf(c) >= 0)) {
            fixed++;
        }
        String basePart = String.join("/", java.util.Arrays.copyOfRange(segments, 0, fixed));
        Path base = basePart.isEmpty() ? Path.of(".") : path(normalized.startsWith("/") && basePart.isEmpty() ? "/"
                : basePart);
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, fixed, segments.length));
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "bad pattern '" + argument + "': " + e.getMessage());
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
        List<Path> matches;
        try (Stream<Path> walk = Files.isDirectory(base) ? Files.walk(base, depth) : Stream.empty()) {
            matches = walk.filter(p -> !p.equals(base) && matcher.matches(base.relativize(p)))
                    .filter(p -> Files.isRegularFile(p) || Files.isRegularFile(p.resolve(ResultDocuments.FILE_NAME)))
                    .sorted().map(GateCommand::existing).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot list " + base + ": " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "no results match '" + argument + "'");
        }
        return matches;
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "not a valid path: " + text);
        }
    }

    private static Path existing(Path path) {
        if (Files.isDirectory(path)) {
            Path document = path.resolve(ResultDocuments.FILE_NAME);
            if (!Files.isRegularFile(document)) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "no " + ResultDocuments.FILE_NAME + " in " + path);
            }
            return document;
        }
        if (!Files.isRegularFile(path)) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "result not found: " + path);
        }
        return path;
    }

    /** Result documents are read, JTL files aggregated together; everything is merged exactly into one document. */
    static ResultDocument load(List<Path> inputs) {
        List<ResultDocument> documents = new ArrayList<>();
        List<Path> jtls = new ArrayList<>();
        for (Path input : inputs) {
            if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                try {
                    documents.add(ResultDocuments.read(input));
                } catch (ResultDocumentException e) {
                    throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
                } catch (IOException e) {
                    throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read " + input + ": "
                            + OutputDirectory.describe(e), e);
                }
            } else {
                jtls.add(input);
            }
        }
        if (!jtls.isEmpty()) {
            documents.add(ingest(jtls));
        }
        // a merge drops what was derived from each series (resilience, post-test analysis): derive it again
        return documents.size() == 1 ? documents.get(0)
                : DocumentAnalysis.complete(ResultDocument.merge(documents), null);
    }

    private static ResultDocument ingest(List<Path> files) {
        ResultAggregator aggregator = new ResultAggregator();
        long read = 0;
        long skipped = 0;
        List<Long> skippedLines = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Path file : files) {
            JtlReadStats stats;
            try {
                stats = Jtl.read(file, aggregator);
            } catch (JtlException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read " + file + ": "
                        + OutputDirectory.describe(e), e);
            }
            System.out.println(stats.summary());
            read += stats.rowsRead();
            skipped += stats.rowsSkipped();
            stats.firstSkipped().forEach(row -> skippedLines.add(row.line()));
            if (!stats.complete()) {
                incomplete.add(stats.source() + ": " + stats.incomplete());
            }
        }
        if (skipped > 0) {
            System.out.println("secperf: warning: " + skipped + " unreadable JTL rows skipped; gates judge the "
                    + read + " valid samples");
        }
        RunResult result = aggregator.finish();
        LabelStats overall = result.overall();
        Instant start = overall.count() == 0 ? null : Instant.ofEpochMilli(overall.firstStartEpochMs());
        Instant end = overall.count() == 0 ? null : Instant.ofEpochMilli(overall.lastEndEpochMs());
        String names = files.stream().map(Path::toString).collect(Collectors.joining(", "));
        return ResultDocument.of(RunInfo.of(null, null, null, null, start, end, Map.of()),
                incomplete.isEmpty() ? RunStatus.complete()
                        : RunStatus.partial("file not read to the end: " + String.join("; ", incomplete)),
                IngestInfo.jtl(names, read, skipped, skippedLines), result);
    }
}
