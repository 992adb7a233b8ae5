package io.secperf.result;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What scanning the target's own log files after a run found ({@code security.analysis.serverLogs}): the server side
 * of the post-test analysis, where a crash or a burst of rejected logins shows even when the HTTP response hid it.
 * Produced by {@code io.secperf.logscan.ServerLogScanner} (secperf-security), which bounds what it reads and masks
 * secrets in the evidence.
 *
 * @param files          files scanned, as given (relative to the base directory)
 * @param bytesScanned   bytes read over all files
 * @param linesScanned   lines read
 * @param truncated      true when a file or the total exceeded the byte limit and the rest was not read
 * @param stackTraces    stack traces found (consecutive trace lines count once)
 * @param stackTracesByTechnology the same per technology ("Java", "Python", "Node.js", "Go", ...), sorted by name
 * @param authFailures   lines that record an authentication or authorization failure (401/403, "authentication
 *                       failed", "invalid token" ...)
 * @param evidence       the first few matching lines as "file:line: text", secrets masked, each at most 300 chars
 * @param notes          files that could not be read, patterns that matched nothing, limits hit
 */
public record ServerLogScan(List<String> files, long bytesScanned, long linesScanned, boolean truncated,
                            long stackTraces, Map<String, Long> stackTracesByTechnology, long authFailures,
                            List<String> evidence, List<String> notes) {

    public ServerLogScan {
        files = files == null ? List.of() : List.copyOf(files);
        stackTracesByTechnology = stackTracesByTechnology == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(stackTracesByTechnology));
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
