package io.secperf.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.VerdictStatus;

/**
 * Finds the reference result in a directory of earlier results, with the Warnings NG rule: the reference is the
 * latest result that passed all its gates, so a failing build never moves the baseline.
 */
public final class GateHistory {

    /** How deep below the directory result documents are looked for (DIR/build-41/secperf-result.json is depth 2). */
    static final int MAX_DEPTH = 3;

    private GateHistory() {
    }

    /**
     * The latest document named {@value ResultDocuments#FILE_NAME} in {@code dir} or below (up to {@value #MAX_DEPTH}
     * levels) whose verdict is PASSED and which has samples; latest by run end time (then start time, then file
     * time). Unreadable documents are skipped.
     *
     * @param exclude files never to use (e.g. the results being judged)
     */
    public static Optional<GateReference> lastPassed(Path dir, Collection<Path> exclude) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.find(dir, MAX_DEPTH, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals(ResultDocuments.FILE_NAME))) {
            files.forEach(candidates::add);
        }
        List<Path> excluded = new ArrayList<>();
        for (Path p : exclude) {
            excluded.add(p.toAbsolutePath().normalize());
        }
        GateReference best = null;
        Instant bestTime = null;
        for (Path candidate : candidates) {
            if (excluded.contains(candidate.toAbsolutePath().normalize())) {
                continue;
            }
            ResultDocument document;
            try {
                document = ResultDocuments.read(candidate);
            } catch (IOException e) {
                continue;
            }
            if (document.verdict() == null || document.verdict().status() != VerdictStatus.PASSED
                    || document.result().overall().count() == 0) {
                continue;
            }
            Instant time = document.run().endTime() != null ? document.run().endTime()
                    : document.run().startTime() != null ? document.run().startTime()
                    : Files.getLastModifiedTime(candidate).toInstant();
            if (bestTime == null || time.isAfter(bestTime)) {
                best = GateReference.of(document, candidate.toString());
                bestTime = time;
            }
        }
        return Optional.ofNullable(best);
    }
}
