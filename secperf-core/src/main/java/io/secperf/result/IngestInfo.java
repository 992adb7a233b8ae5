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
 * @param engines            for a distributed run ({@code --remote}): what each JMeter remote engine sent; empty
 *                           otherwise. Merges keep the engines of every document.
 */
public record IngestInfo(String source, String file, long rowsRead, long rowsSkipped, List<Long> firstSkippedLines,
                         List<EngineCount> engines) {

    public static final String LIVE = "live";
    public static final String JTL = "jtl";
    public static final String MERGED = "merged";
    public static final int MAX_SKIPPED_LINES = 10;

    public IngestInfo {
        source = source == null ? LIVE : source;
        List<Long> lines = firstSkippedLines == null ? List.of() : firstSkippedLines;
        firstSkippedLines = List.copyOf(lines.subList(0, Math.min(lines.size(), MAX_SKIPPED_LINES)));
        engines = engines == null ? List.of() : List.copyOf(engines);
    }

    /** Without remote engines (a run in one JVM, an ingested file). */
    public IngestInfo(String source, String file, long rowsRead, long rowsSkipped, List<Long> firstSkippedLines) {
        this(source, file, rowsRead, rowsSkipped, firstSkippedLines, List.of());
    }

    /** The same, with what each remote engine of a distributed run sent. */
    public IngestInfo withEngines(List<EngineCount> newEngines) {
        return new IngestInfo(source, file, rowsRead, rowsSkipped, firstSkippedLines, newEngines);
    }

    public static IngestInfo live(long samples) {
        return new IngestInfo(LIVE, null, samples, 0, List.of());
    }

    public static IngestInfo jtl(String file, long rowsRead, long rowsSkipped, List<Long> firstSkippedLines) {
        return new IngestInfo(JTL, file, rowsRead, rowsSkipped, firstSkippedLines);
    }
}
