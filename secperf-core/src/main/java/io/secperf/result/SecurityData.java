package io.secperf.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which security check families ran and the named values they measured ({@code tls.grade}, {@code auth.bypass} ...),
 * so security gates can tell "measured 0" from "not measured": no data is not a pass. It also holds the runtime and
 * post-test levels of the security checks: when attack traffic ran, how legitimate traffic fared compared with the
 * clean window, and the post-test analysis.
 *
 * @param checks        check families that ran ("tls", "auth", "fuzz", "attack"), in the order they reported
 * @param measurements  named values (sorted by name) as text in gate-language form, e.g. tls.grade → "A",
 *                      tls.protocol.min → "TLSv1.2", resilience.p95Impact → "12.5%"
 * @param attackWindows when attack traffic ran, ordered by start (empty when none ran)
 * @param resilience    legitimate traffic in the clean window vs the attack window; null without attack windows
 * @param analysis      the post-test analysis; null when it was not computed
 * @param notes         what the checks could not do and why, in the order they reported (at most
 *                      {@value #MAX_NOTES}; duplicates kept once)
 * @param incomplete    check family → why it did not do all its planned work (e.g. auth → "no valid token: ...");
 *                      empty when every check that ran was complete. Gates read it: see docs/gates.md
 */
public record SecurityData(List<String> checks, Map<String, String> measurements, List<AttackWindow> attackWindows,
                           ResilienceComparison resilience, PostTestReport analysis, List<SecurityNote> notes,
                           Map<String, String> incomplete) {

    /** Notes kept at most, so a check that loops cannot flood the document. */
    public static final int MAX_NOTES = 100;

    /** Prefix of the measurements derived from the resilience comparison (recomputed, never merged). */
    public static final String RESILIENCE_PREFIX = "resilience.";
    /** Prefix of the measurements derived by the post-test analysis (recomputed, never merged). */
    public static final String POSTTEST_PREFIX = "posttest.";

    public SecurityData {
        checks = checks == null ? List.of() : List.copyOf(new LinkedHashSet<>(checks));
        measurements = measurements == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(measurements));
        List<AttackWindow> windows = attackWindows == null ? new ArrayList<>() : new ArrayList<>(attackWindows);
        windows.sort(Comparator.comparing(AttackWindow::start).thenComparing(AttackWindow::end));
        attackWindows = List.copyOf(windows);
        List<SecurityNote> kept = new ArrayList<>(notes == null ? List.of() : new LinkedHashSet<>(notes));
        notes = List.copyOf(kept.subList(0, Math.min(kept.size(), MAX_NOTES)));
        incomplete = incomplete == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(incomplete));
    }

    /** Without notes: every check was complete. */
    public SecurityData(List<String> checks, Map<String, String> measurements, List<AttackWindow> attackWindows,
                        ResilienceComparison resilience, PostTestReport analysis) {
        this(checks, measurements, attackWindows, resilience, analysis, List.of(), Map.of());
    }

    /** Checks and measurements only (no attack ran, nothing analysed). */
    public SecurityData(List<String> checks, Map<String, String> measurements) {
        this(checks, measurements, List.of(), null, null);
    }

    /** Nothing ran. */
    public static SecurityData none() {
        return new SecurityData(List.of(), Map.of());
    }

    /** The same data with these attack windows. */
    public SecurityData withAttackWindows(List<AttackWindow> windows) {
        return new SecurityData(checks, measurements, windows, resilience, analysis, notes, incomplete);
    }

    /** The same data with these notes and incomplete checks. */
    public SecurityData withNotes(List<SecurityNote> newNotes, Map<String, String> newIncomplete) {
        return new SecurityData(checks, measurements, attackWindows, resilience, analysis, newNotes, newIncomplete);
    }

    /** Whether this check family ran but did not do all its planned work. */
    public boolean isIncomplete(String check) {
        return incomplete.containsKey(check);
    }

    /** The same data with this comparison, analysis and measurements (the analysis stage writes all three). */
    public SecurityData withAnalysis(ResilienceComparison newResilience, PostTestReport newAnalysis,
                                     Map<String, String> newMeasurements) {
        return new SecurityData(checks, newMeasurements, attackWindows, newResilience, newAnalysis, notes,
                incomplete);
    }

    /** From the first attack's start to the last attack's end, or null when no attack ran (for chart shading). */
    public AttackWindow attackSpan() {
        if (attackWindows.isEmpty()) {
            return null;
        }
        Instant start = attackWindows.get(0).start();
        Instant end = start;
        for (AttackWindow w : attackWindows) {
            end = w.end().isAfter(end) ? w.end() : end;
        }
        return new AttackWindow(start, end, "attack");
    }

    /**
     * Union of the check families; for a value measured by several documents the first one wins; attack windows of
     * all documents are kept (exact duplicates once). The resilience comparison, the analysis and the
     * {@code resilience.*} and {@code posttest.*} measurements are dropped: they belong to one series and must be computed again on the
     * merged result ({@code io.secperf.analysis.DocumentAnalysis}); so is a server log scan (scan the logs again for
     * the merged run). Notes are united; a check incomplete in any document is incomplete in the merge (first
     * reason wins).
     */
    public static SecurityData merge(List<SecurityData> all) {
        List<String> checks = new ArrayList<>();
        Map<String, String> measurements = new LinkedHashMap<>();
        LinkedHashSet<AttackWindow> windows = new LinkedHashSet<>();
        List<SecurityNote> notes = new ArrayList<>();
        Map<String, String> incomplete = new LinkedHashMap<>();
        for (SecurityData data : all) {
            notes.addAll(data.notes());
            data.incomplete().forEach(incomplete::putIfAbsent);
            checks.addAll(data.checks());
            data.measurements().forEach((k, v) -> {
                if (!k.startsWith(RESILIENCE_PREFIX) && !k.startsWith(POSTTEST_PREFIX)) {
                    measurements.putIfAbsent(k, v);
                }
            });
            windows.addAll(data.attackWindows());
        }
        return new SecurityData(checks, measurements, new ArrayList<>(windows), null, null, notes, incomplete);
    }
}
