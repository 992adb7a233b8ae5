package io.secperf.result;

import java.util.List;

/**
 * Where the samples came from and what had to be skipped, so that a result built from a damaged JTL file says so.
 *
 * @param source             {@value #LIVE} for a run, {@value #JTL} for an ingested file, {@value #MERGED} for merges
 * @param file               the ingested file(s) as given by the user; null for live runs
 * @param rowsRead           samples accepted (rows for JTL files)
 * @param rowsSkipped        rows skipped because they could not be parsed
 * @param firstSkippedLines  line numbers (1-based) of the first skipped rows, at most {@value #MAX_SKIPPED_LINES}
 */
public record IngestInfo(String source, String file, long rowsRead, long rowsSkipped, List<Long> firstSkippedLines) {

    public static final String LIVE = "live";
    public static final String JTL = "jtl";
    public static final String MERGED = "merged";
    public static final int MAX_SKIPPED_LINES = 10;

    public IngestInfo {
        source = source == null ? LIVE : source;
        List<Long> lines = firstSkippedLines == null ? List.of() : firstSkippedLines;
        firstSkippedLines = List.copyOf(lines.subList(0, Math.min(lines.size(), MAX_SKIPPED_LINES)));
    }

    public static IngestInfo live(long samples) {
        return new IngestInfo(LIVE, null, samples, 0, List.of());
    }

    public static IngestInfo jtl(String file, long rowsRead, long rowsSkipped, List<Long> firstSkippedLines) {
        return new IngestInfo(JTL, file, rowsRead, rowsSkipped, firstSkippedLines);
    }
}
