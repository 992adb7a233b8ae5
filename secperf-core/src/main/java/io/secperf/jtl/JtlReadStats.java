package io.secperf.jtl;

import java.util.List;

/**
 * What one JTL read delivered and what it had to leave out. Garbage rows never stop a read; they are counted here so
 * the user is told how much of the file did not make it into the result.
 *
 * @param source        file name (or stream name) the stats are about
 * @param format        format that was read
 * @param rowsRead      samples handed to the sink (CSV rows, or top-level XML sample elements)
 * @param rowsSkipped   garbage rows/elements that were counted and skipped
 * @param firstSkipped  the first skipped rows (at most {@link #MAX_REPORTED_SKIPS}) with line number and reason
 * @param incomplete    empty when the whole file was read; otherwise why reading stopped early (for example malformed
 *                      XML, with line and column); everything before that point was still delivered
 */
public record JtlReadStats(String source, JtlFormat format, long rowsRead, long rowsSkipped,
                           List<SkippedRow> firstSkipped, String incomplete) {

    /** How many skipped rows are kept with their reason; the rest are only counted. */
    public static final int MAX_REPORTED_SKIPS = 100;

    /**
     * One skipped row.
     *
     * @param line   1-based physical line number where the row (or XML element) starts
     * @param reason short human-readable reason
     */
    public record SkippedRow(long line, String reason) {
    }

    public JtlReadStats {
        firstSkipped = List.copyOf(firstSkipped);
        incomplete = incomplete == null ? "" : incomplete;
    }

    /** True when the file was read to its end (garbage rows may still have been skipped). */
    public boolean complete() {
        return incomplete.isEmpty();
    }

    /** Line numbers of {@link #firstSkipped()}, e.g. for the result document's ingest section. */
    public List<Long> skippedLines() {
        return firstSkipped.stream().map(SkippedRow::line).toList();
    }

    /** One line for the console: counts, the first skipped row, and why reading stopped if it did. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": read ").append(rowsRead).append(rowsRead == 1 ? " sample" : " samples");
        if (rowsSkipped > 0) {
            sb.append(", skipped ").append(rowsSkipped).append(rowsSkipped == 1 ? " garbage row" : " garbage rows");
            if (!firstSkipped.isEmpty()) {
                SkippedRow first = firstSkipped.get(0);
                sb.append(" (first at line ").append(first.line()).append(": ").append(first.reason()).append(')');
            }
        }
        if (!complete()) {
            sb.append("; stopped early: ").append(incomplete);
        }
        return sb.toString();
    }
}
