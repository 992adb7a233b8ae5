package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line ingest summary users read on the console, in each of its shapes. */
class JtlReadStatsTest {

    private static JtlReadStats.SkippedRow row(long line) {
        return new JtlReadStats.SkippedRow(line, "bad " + line);
    }

    @Test
    void summarySaysOneOrManyAndTheFirstSkippedRow() {
        assertThat(new JtlReadStats("a.jtl", JtlFormat.CSV, 0, 0, List.of(), "").summary())
                .isEqualTo("a.jtl: read 0 samples");
        assertThat(new JtlReadStats("a.jtl", JtlFormat.CSV, 1, 0, List.of(), "").summary())
                .isEqualTo("a.jtl: read 1 sample");
        assertThat(new JtlReadStats("a.jtl", JtlFormat.CSV, 2, 1, List.of(row(7)), "").summary())
                .isEqualTo("a.jtl: read 2 samples, skipped 1 garbage row (first at line 7: bad 7)");
        assertThat(new JtlReadStats("a.jtl", JtlFormat.XML, 2, 3, List.of(row(4), row(9)), "cut").summary())
                .isEqualTo("a.jtl: read 2 samples, skipped 3 garbage rows (first at line 4: bad 4); stopped early: "
                        + "cut");
        // more skipped than listed (none listed): only the count
        assertThat(new JtlReadStats("a.jtl", JtlFormat.CSV, 5, 200, List.of(), "").summary())
                .isEqualTo("a.jtl: read 5 samples, skipped 200 garbage rows");
    }

    @Test
    void completeUnlessAReasonToStopWasGiven() {
        JtlReadStats whole = new JtlReadStats("a", JtlFormat.CSV, 1, 0, List.of(), null);
        assertThat(whole.complete()).isTrue();
        assertThat(whole.incomplete()).isEmpty();
        assertThat(new JtlReadStats("a", JtlFormat.CSV, 1, 0, List.of(), "malformed").complete()).isFalse();
    }

    @Test
    void skippedLinesAndAnUnchangeableCopyOfTheRows() {
        List<JtlReadStats.SkippedRow> rows = new ArrayList<>(List.of(row(3), row(5)));
        JtlReadStats stats = new JtlReadStats("a", JtlFormat.CSV, 1, 2, rows, "");
        rows.add(row(8));
        assertThat(stats.skippedLines()).containsExactly(3L, 5L);
        assertThat(stats.firstSkipped()).hasSize(2);
    }
}
