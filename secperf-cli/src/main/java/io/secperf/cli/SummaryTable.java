package io.secperf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.secperf.result.ErrorClass;
import io.secperf.result.ErrorKinds;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultDocument;
import io.secperf.result.RunResult;
import io.secperf.result.TopErrors;

/**
 * The console summary of a result: one row per label plus the total, then the error classes. The same numbers as
 * the JSON document, laid out for a person reading a CI log, and the most frequent error kinds (what failed, not
 * just which class).
 */
final class SummaryTable {

    private static final String[] HEADER = {"label", "samples", "errors", "p50 ms", "p90 ms", "p95 ms", "p99 ms",
            "max ms", "req/s"};

    private SummaryTable() {
    }

    static String render(ResultDocument document) {
        RunResult result = document.result();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LabelStats label : result.labels()) {
            rows.add(row(label.label(), label));
        }
        rows.add(row(RunResult.OVERALL_LABEL, result.overall()));
        StringBuilder out = new StringBuilder();
        int[] widths = widths(rows);
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            if (r == rows.size() - 1) {
                separator(out, widths);
            }
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c];
                String padded = c == 0 ? padRight(cell, widths[c]) : padLeft(cell, widths[c]);
                out.append(padded).append(c < cells.length - 1 ? "  " : "");
            }
            out.append('\n');
            if (r == 0) {
                separator(out, widths);
            }
        }
        String errors = errorClasses(result.errorClasses());
        if (!errors.isEmpty()) {
            out.append("errors by class: ").append(errors).append('\n');
            out.append("top errors (count, share, response code: message [labels]):\n");
            for (String line : TopErrors.lines(result, ErrorKinds.SHOWN)) {
                out.append("  ").append(line.replaceAll("\\p{Cntrl}", "?")).append('\n');
            }
        }
        for (io.secperf.result.EngineCount engine : document.ingest().engines()) {
            out.append(String.format(Locale.ROOT, "engine %s: %,d samples, %s%s%n", engine.engine(), engine.samples(),
                    engine.state(), engine.stop() == null || engine.state().equals(io.secperf.result.EngineCount.COMPLETED)
                            ? "" : " at " + engine.stop()));
        }
        return out.toString();
    }

    private static String[] row(String label, LabelStats s) {
        return new String[] {
            shorten(label, 40),
            String.format(Locale.ROOT, "%,d", s.count()),
            String.format(Locale.ROOT, "%.2f%%", 100 * s.errorRate()),
            Long.toString(s.p50Ms()),
            Long.toString(s.p90Ms()),
            Long.toString(s.p95Ms()),
            Long.toString(s.p99Ms()),
            Long.toString(s.maxMs()),
            String.format(Locale.ROOT, "%,.1f", s.throughput()),
        };
    }

    private static String errorClasses(Map<ErrorClass, Long> classes) {
        StringBuilder sb = new StringBuilder();
        classes.forEach((errorClass, count) -> {
            if (count > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(errorClass.name()).append(' ').append(count);
            }
        });
        return sb.toString();
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] cells : rows) {
            for (int c = 0; c < cells.length; c++) {
                widths[c] = Math.max(widths[c], cells[c].length());
            }
        }
        return widths;
    }

    private static void separator(StringBuilder out, int[] widths) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        out.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
    }

    private static String shorten(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max - 1) + "…";
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
