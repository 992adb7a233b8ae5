package io.secperf.run;

import io.secperf.attack.AttackTraffic;
import io.secperf.result.AttackWindow;
import io.secperf.result.Finding;
import io.secperf.result.SecurityData;
import io.secperf.result.FindingSink;
import io.secperf.sampler.AttackSampler;
import io.secperf.sampler.FuzzSampler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what security checks deliver during one run, for the result document. A finding reported twice (the same
 * check run by several threads or iterations) is kept once; a later measurement of the same name replaces the
 * earlier one, except the fuzzer's run totals, where the larger value wins. Every sample of check {@value #ATTACK}
 * that comes with its time span becomes an attack window (one sample = one bounded attack routine), with its kind and, for session floods, the handshakes and their client
 * CPU time, so the resilience comparison knows when legitimate traffic was under attack; samples of one kind that
 * overlap or follow each other within a second are united. Thread-safe.
 */
public final class FindingCollector implements FindingSink {

    /**
     * The check family whose samples report run totals (several fuzz threads share one sequence): counts only grow,
     * so of two totals arriving out of order the larger one is kept.
     */
    static final String FUZZ = FuzzSampler.CHECK;
    /** The check family whose samples are attack windows. */
    static final String ATTACK = AttackSampler.CHECK;
    /** Measurement of an attack sample: TLS handshakes made. */
    static final String HANDSHAKES = AttackTraffic.M_HANDSHAKES;
    /** Measurement of an attack sample: client CPU spent in them, ms. */
    static final String HANDSHAKE_CPU_TOTAL = AttackTraffic.M_HANDSHAKE_CPU_MS + ".total";

    /** Attack samples of one kind less than this apart form one window. */
    static final java.time.Duration COALESCE_GAP = java.time.Duration.ofSeconds(1);
    /** Windows kept at most. */
    static final int MAX_WINDOWS = 100;

    private final List<AttackWindow> attackWindows = new ArrayList<>();

    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Map<String, String> measurements = new LinkedHashMap<>();
    private final Set<String> checks = new LinkedHashSet<>();
    private final Set<io.secperf.result.SecurityNote> notes = new LinkedHashSet<>();
    private final Map<String, String> incomplete = new LinkedHashMap<>();

    @Override
    public synchronized void accept(String check, List<Finding> newFindings, Map<String, String> newMeasurements) {
        if (check != null && !check.isBlank()) {
            checks.add(check);
        }
        if (newFindings != null) {
            findings.addAll(newFindings);
        }
        if (newMeasurements == null) {
            return;
        }
        if (FUZZ.equals(check)) {
            newMeasurements.forEach((name, value) -> measurements.merge(name, value, FindingCollector::larger));
        } else {
            measurements.putAll(newMeasurements);
        }
    }

    /** Keeps the notes (at most {@link SecurityData#MAX_NOTES}, duplicates once) and the first incomplete reason. */
    @Override
    public synchronized void notes(String check, List<String> newNotes, String incompleteReason) {
        if (check == null || check.isBlank()) {
            return;
        }
        for (String note : newNotes == null ? List.<String>of() : newNotes) {
            if (notes.size() < SecurityData.MAX_NOTES) {
                notes.add(new io.secperf.result.SecurityNote(check, note));
            }
        }
        if (incompleteReason != null && !incompleteReason.isBlank()) {
            incomplete.putIfAbsent(check, incompleteReason);
        }
    }

    /** The larger of two numbers; a value that is not a number replaces the old one. */
    private static String larger(String old, String value) {
        try {
            return Double.parseDouble(old) > Double.parseDouble(value) ? old : value;
        } catch (NumberFormatException e) {
            return value;
        }
    }

    @Override
    public synchronized void accept(String check, List<Finding> newFindings, Map<String, String> newMeasurements,
                                    Instant start, Instant end) {
        accept(check, newFindings, newMeasurements);
        if (ATTACK.equals(check) && start != null && end != null && !end.isBefore(start)) {
            Map<String, String> m = newMeasurements == null ? Map.of() : newMeasurements;
            add(new AttackWindow(start, end, kind(m), longValue(m.get(HANDSHAKES)),
                    doubleValue(m.get(HANDSHAKE_CPU_TOTAL))));
        }
    }

    /**
     * Adds a window; a window of the same kind that overlaps an earlier one or follows it within
     * {@link #COALESCE_GAP} is united with it (handshakes and CPU add), so an attack thread that loops, or several
     * attack threads, give a few windows, not one per sample. Beyond {@link #MAX_WINDOWS} windows every further one
     * is united with the last window of its kind, whatever the gap: the document stays small.
     */
    private void add(AttackWindow window) {
        AttackWindow lastOfKind = null;
        for (int i = attackWindows.size() - 1; i >= 0; i--) {
            AttackWindow w = attackWindows.get(i);
            if (!w.kind().equals(window.kind())) {
                continue;
            }
            if (lastOfKind == null) {
                lastOfKind = w;
            }
            boolean touches = !window.start().isAfter(w.end().plus(COALESCE_GAP))
                    && !window.end().isBefore(w.start().minus(COALESCE_GAP));
            if (touches) {
                attackWindows.set(i, union(w, window));
                return;
            }
        }
        if (attackWindows.size() >= MAX_WINDOWS && lastOfKind != null) {
            attackWindows.set(attackWindows.indexOf(lastOfKind), union(lastOfKind, window));
            return;
        }
        attackWindows.add(window);
    }

    private static AttackWindow union(AttackWindow a, AttackWindow b) {
        return new AttackWindow(a.start().isBefore(b.start()) ? a.start() : b.start(),
                a.end().isAfter(b.end()) ? a.end() : b.end(), a.kind(),
                a.handshakes() == null ? b.handshakes() : b.handshakes() == null ? a.handshakes()
                        : Long.valueOf(a.handshakes() + b.handshakes()),
                a.handshakeCpuMs() == null ? b.handshakeCpuMs() : b.handshakeCpuMs() == null ? a.handshakeCpuMs()
                        : Double.valueOf(a.handshakeCpuMs() + b.handshakeCpuMs()));
    }

    /** Which attack ran, from the names of its measurements (AttackTraffic's prefixes, checked in this order). */
    private static String kind(Map<String, String> measurements) {
        String[][] kinds = {{"attack.sessions", "sessions"}, {"attack.handshakes", "sessions"},
            {"attack.flood", "flood"}, {"attack.slow", "slowHeaders"}};
        for (String[] kind : kinds) {
            for (String name : measurements.keySet()) {
                if (name.startsWith(kind[0])) {
                    return kind[1];
                }
            }
        }
        return ATTACK;
    }

    private static Long longValue(String text) {
        Double value = doubleValue(text);
        return value == null ? null : Math.round(value);
    }

    private static Double doubleValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The attack windows reported so far, in the order they ended. */
    public synchronized List<AttackWindow> attackWindows() {
        return List.copyOf(attackWindows);
    }

    public synchronized List<Finding> findings() {
        return List.copyOf(new ArrayList<>(findings));
    }

    public synchronized Map<String, String> measurements() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    /** The check families that ran, in the order they first reported. */
    public synchronized Set<String> checks() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(checks));
    }

    /** The check families and measurements, as the result document stores them. */
    public synchronized SecurityData data() {
        return new SecurityData(List.copyOf(checks()), measurements()).withAttackWindows(attackWindows)
                .withNotes(List.copyOf(notes), incomplete);
    }

    public synchronized boolean isEmpty() {
        return checks.isEmpty() && findings.isEmpty() && measurements.isEmpty() && attackWindows.isEmpty()
                && notes.isEmpty();
    }
}
