package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.secperf.gate.GateEvaluator;
import io.secperf.gate.GateHistory;
import io.secperf.gate.GateList;
import io.secperf.gate.GateReference;
import io.secperf.gate.GateSyntaxException;
import io.secperf.result.ResultDocumentException;
import io.secperf.result.ResultDocuments;
import picocli.CommandLine.Option;

/** The gate options shared by {@code run}, {@code demo} and {@code gate} (a picocli mixin). */
final class GateOptions {

    @Option(names = "--gates", paramLabel = "FILE|TEXT",
            description = {"definition-of-done gates: a file (.txt gate language, .yaml/.yml, .json) or gate text such "
                + "as 'p95 < 800ms; errors < 1%%' (repeatable; see docs/gates.md)"})
    List<String> gates = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "FILE|DIR",
            description = "reference result for 'regression' gates: a secperf-result.json, or a directory of earlier "
                + "results (the latest one that passed all its gates is used)")
    Path reference;

    @Option(names = "--require-reference",
            description = "fail 'regression' gates when there is no reference (default: not evaluated)")
    boolean requireReference;

    /**
     * Parses the gates and resolves the reference, failing with exit code 4 on any problem; null when no gates were
     * given and there are no defaults.
     *
     * @param defaults gate text used when no --gates option was given, or null
     * @param exclude  result files that must not be their own reference
     */
    GateStage stage(String defaults, Collection<Path> exclude) {
        List<GateList> lists = new ArrayList<>();
        for (String gate : gates) {
            lists.add(load(gate));
        }
        if (lists.isEmpty()) {
            if (defaults == null) {
                return null;
            }
            lists.add(parse(defaults, "default gates"));
        }
        return new GateStage(GateList.concat(lists), resolveReference(exclude),
                requireReference ? GateEvaluator.MissingReference.FAIL : GateEvaluator.MissingReference.NOT_EVALUATED);
    }

    /** A gate file, or gate text when the argument is no file and contains a comparison. */
    static GateList load(String argument) {
        Path file = null;
        try {
            file = Path.of(argument);
        } catch (InvalidPathException e) {
            // not a path: gate text
        }
        if (file != null && Files.isRegularFile(file)) {
            try {
                return GateList.read(file);
            } catch (GateSyntaxException e) {
                throw syntaxError(e);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read gate file " + file + ": "
                        + OutputDirectory.describe(e), e);
            }
        }
        if (argument.chars().noneMatch(c -> c == '<' || c == '>' || c == '=')) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "gate file not found: " + argument
                    + " (gate text needs a comparison, e.g. 'p95 < 800ms')");
        }
        return parse(argument, "gates");
    }

    private static GateList parse(String text, String source) {
        try {
            return GateList.parse(text, source);
        } catch (GateSyntaxException e) {
            throw syntaxError(e);
        }
    }

    /** The message, and below it the offending line with a caret. */
    static CommandFailure syntaxError(GateSyntaxException e) {
        String excerpt = e.excerpt();
        return new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage() + (excerpt.isEmpty() ? "" : "\n" + excerpt), e);
    }

    private GateReference resolveReference(Collection<Path> exclude) {
        if (reference == null) {
            return null;
        }
        try {
            if (Files.isDirectory(reference)) {
                return GateHistory.lastPassed(reference, exclude).orElse(null);
            }
            return GateReference.of(ResultDocuments.read(reference), reference.toString());
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "reference not found: " + reference, e);
        } catch (ResultDocumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "bad reference: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read reference " + reference + ": "
                    + OutputDirectory.describe(e), e);
        }
    }
}
