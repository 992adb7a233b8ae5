package io.secperf.gate;

import java.util.ArrayList;
import java.util.List;

import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;

/**
 * The gate outcomes as plain text for a console or CI log: one row per gate, the reason for every gate that did not
 * pass, and the verdict line.
 */
public final class GateTable {

    private static final String[] HEADER = {"#", "gate", "status", "measured", "threshold"};

    private GateTable() {
    }

    public static String render(GateReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (GateResult r : report.results()) {
            rows.add(new String[] {r.id(), printable(shorten(r.expression(), 60)), r.status().name(),
                printable(r.measured() == null ? "-" : r.measured()), printable(r.threshold())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                line.append(c == 0 ? " ".repeat(widths[c] - cell.length()) + cell
                        : cell + " ".repeat(widths[c] - cell.length()));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 2 * (widths.length - 1);
                for (int w : widths) {
                    total += w;
                }
                out.append("-".repeat(total)).append('\n');
            }
        }
        boolean first = true;
        for (GateResult r : report.results()) {
            if (r.status() != GateStatus.PASSED) {
                if (first) {
                    out.append('\n');
                    first = false;
                }
                out.append(r.status().name()).append(" ".repeat(Math.max(1, 14 - r.status().name().length())))
                        .append('#').append(r.id()).append(' ').append(printable(r.message())).append('\n');
            }
        }
        out.append("\nverdict: ").append(printable(report.verdict().summary())).append('\n');
        return out.toString();
    }

    /**
     * The table for a run that did not complete: the verdict line says so and why, so that nobody reads a PASSED
     * over a load that was stopped after ten seconds as a full pass.
     *
     * @param partialReason why the run is partial (e.g. "stopped by SIGTERM after 12 s"), or null for a full run
     */
    public static String render(GateReport report, String partialReason) {
        String table = render(report);
        if (partialReason == null) {
            return table;
        }
        return table.substring(0, table.length() - 1) + " (PARTIAL run: " + printable(partialReason)
                + "; only what was measured before is judged)\n";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
