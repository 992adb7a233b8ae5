package io.secperf.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.secperf.result.AttackWindow;
import io.secperf.result.ResilienceComparison;
import io.secperf.result.TimeSeries;
import io.secperf.result.WindowStats;

/**
 * The runtime level of the security checks: how legitimate traffic fared while attack traffic ran, compared with a
 * clean window of the same run. Computed from the per-second series (whose bucket histograms merge exactly) and the
 * attack windows, so it works the same for a live run, a stored document and a merge of several documents.
 *
 * <p>The windows, in buckets of the series (1 s wide for runs up to an hour):
 * <ul>
 *   <li><b>attack window</b>: every bucket that overlaps any attack window [floor(start), floor(end)] (seconds);
 *       several windows are united, gaps between them are not attack time.</li>
 *   <li><b>clean window</b>: the buckets before the first bucket under attack, minus the ramp-up: the first
 *       {@code max(1, floor(20 % of those buckets))} buckets, at most {@value #MAX_RAMP_UP_SECONDS} s but always one
 *       bucket (so more once buckets are 16 s wide, in runs over about eight hours), are skipped (the first
 *       second is always partial, and threads, connections and the JIT warm up). Seconds after the last
 *       attack are not used: the target may still be recovering.</li>
 *   <li>No clean bucket left (the attack started with the load, or within its ramp-up) → no clean window: the
 *       comparison has only the attack window and says why; no impact is reported.</li>
 * </ul>
 * Samples are keyed by the second they ended in; seconds without samples count as 0 req/s.
 */
public final class ResilienceAnalysis {

    /** Share of the pre-attack time treated as ramp-up. */
    public static final double RAMP_UP_SHARE = 0.2;
    /** The ramp-up skipped is never longer than this. */
    public static final int MAX_RAMP_UP_SECONDS = 10;

    private ResilienceAnalysis() {
    }

    /**
     * Compares the clean and the attack window.
     *
     * @return the comparison, or null when there are no attack windows or no legitimate samples at all
     */
    public static ResilienceComparison compare(TimeSeries series, List<AttackWindow> windows) {
        if (windows == null || windows.isEmpty() || series.buckets().isEmpty()) {
            return null;
        }
        int width = series.bucketSeconds();
        List<Long> all = SeriesWindows.allPositions(series);
        List<Long> attack = new ArrayList<>();
        for (long p : all) {
            if (SeriesWindows.underAttack(p, width, windows)) {
                attack.add(p);
            }
        }
        if (attack.isEmpty()) {
            long from = SeriesWindows.firstSecond(windows.get(0));
            long to = from;
            for (AttackWindow w : windows) {
                to = Math.max(to, SeriesWindows.lastSecond(w) + 1);
            }
            return new ResilienceComparison(null, new WindowStats(from, to, 0, 0, 0, 0, 0, 0), null,
                    "the attack ran outside the legitimate traffic (no legitimate sample ended during it), so "
                            + "there is nothing to compare");
        }
        WindowStats attackStats = SeriesWindows.stats(series, attack);
        long firstAttack = attack.get(0);
        List<Long> before = new ArrayList<>();
        for (long p : all) {
            if (p < firstAttack) {
                before.add(p);
            }
        }
        int skip = Math.max(1, Math.min((int) Math.floor(before.size() * RAMP_UP_SHARE),
                Math.max(1, MAX_RAMP_UP_SECONDS / width)));
        if (before.size() <= skip) {
            String why = before.isEmpty()
                    ? "the attack covered the run from its first second, so there is no clean window to compare with"
                    : String.format(Locale.ROOT, "the attack started %d s after the first legitimate sample; after "
                            + "skipping %d s of ramp-up no clean second is left, so there is no clean window to "
                            + "compare with", before.size() * (long) width, skip * (long) width);
            return new ResilienceComparison(null, attackStats, null, why);
        }
        List<Long> clean = before.subList(skip, before.size());
        WindowStats cleanStats = SeriesWindows.stats(series, clean);
        String note = String.format(Locale.ROOT, "clean window: %d s before the first attack (after %d s of "
                        + "ramp-up); attack window: %d s in %d attack window%s", clean.size() * (long) width,
                skip * (long) width, attack.size() * (long) width, windows.size(), windows.size() == 1 ? "" : "s");
        return new ResilienceComparison(cleanStats, attackStats, null, note);
    }
}
