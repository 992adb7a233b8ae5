package io.secperf.report;

import java.util.List;

import io.secperf.analysis.ResilienceAnalysis;
import io.secperf.result.AttackWindow;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.ResultDocument;
import io.secperf.trend.BuildSummary;
import io.secperf.trend.TrendSeries;

/**
 * Everything one HTML report shows: the run's result document, its summary (verdict, validatedBoth), and what the
 * document cannot hold (the history of earlier builds). The resilience comparison and the attack window come from
 * the document ({@code security.resilience}, {@code security.attackWindows}) unless given explicitly, so a report
 * rebuilt from a stored document ({@code secperf report}) shows the same as the one written after the run.
 *
 * @param document    the run
 * @param summary     verdict and headline numbers of the run
 * @param resilience  clean vs attack window; null (after defaulting to the document's) when the run had no attack
 * @param attackWindow when the attack ran (first start to last end), shaded in the run charts; null when unknown
 * @param history     earlier builds (usually including this one), oldest first, for the trend charts; may be empty
 * @param trendWindow builds the rolling "validated both" share covers
 * @param notes       lines shown as warnings at the top (e.g. history files that were skipped)
 */
public record ReportInput(ResultDocument document, BuildSummary summary, ResilienceComparison resilience,
                          AttackWindow attackWindow, List<BuildSummary> history, int trendWindow,
                          List<String> notes) {

    public ReportInput {
        if (document == null) {
            throw new IllegalArgumentException("a report needs a result document");
        }
        summary = summary == null ? BuildSummary.of("this run", document) : summary;
        if (resilience == null) {
            resilience = document.security().resilience() != null ? document.security().resilience()
                    // windows without a comparison: a fresh merge, written before anyone analysed it
                    : ResilienceAnalysis.compare(document.result().timeSeries(), document.security().attackWindows());
        }
        attackWindow = attackWindow == null ? document.security().attackSpan() : attackWindow;
        history = history == null ? List.of() : List.copyOf(history);
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (trendWindow < 1) {
            trendWindow = TrendSeries.DEFAULT_WINDOW;
        }
    }

    /** A report of the document alone: verdict from its gates, no history, no resilience. */
    public static ReportInput of(ResultDocument document) {
        return new ReportInput(document, null, null, null, List.of(), TrendSeries.DEFAULT_WINDOW, List.of());
    }

    public ReportInput withSummary(BuildSummary newSummary) {
        return new ReportInput(document, newSummary, resilience, attackWindow, history, trendWindow, notes);
    }

    public ReportInput withHistory(List<BuildSummary> newHistory) {
        return new ReportInput(document, summary, resilience, attackWindow, newHistory, trendWindow, notes);
    }

    public ReportInput withResilience(ResilienceComparison newResilience) {
        return new ReportInput(document, summary, newResilience, attackWindow, history, trendWindow, notes);
    }

    public ReportInput withAttackWindow(AttackWindow newWindow) {
        return new ReportInput(document, summary, resilience, newWindow, history, trendWindow, notes);
    }

    public ReportInput withNotes(List<String> newNotes) {
        return new ReportInput(document, summary, resilience, attackWindow, history, trendWindow, newNotes);
    }
}
