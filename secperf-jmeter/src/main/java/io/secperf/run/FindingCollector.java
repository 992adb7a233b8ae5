package io.secperf.run;

import io.secperf.attack.AttackTraffic;
import io.secperf.result.AttackWindow;
import io.secperf.result.Finding;
import io.secperf.result.SecurityData;
import io.secperf.result.FindingSink;

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
 * earlier one. Every sample of check {@value #ATTACK} that comes with its time span becomes an attack window
 * (one sample = one bounded attack routine), with its kind and, for session floods, the handshakes and their client
 * CPU time, so the resilience comparison knows when legitimate traffic was under attack. Thread-safe.
 */
public final class FindingCollector implements FindingSink {

    /** The check family whose samples are attack windows. */
    public static final String ATTACK = "attack";
    /** Measurement of an attack sample: TLS handshakes made. */
    static final String HANDSHAKES = AttackTraffic.M_HANDSHAKES;
    /** Measurement of an attack sample: client CPU spent in them, ms. */
    static final String HANDSHAKE_CPU_TOTAL = AttackTraffic.M_HANDSHAKE_CPU_MS + ".total";

    private final List<AttackWindow> attackWindows = new ArrayList<>();

    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Map<String, String> measurements = new LinkedHashMap<>();
    private final Set<String> checks = new LinkedHashSet<>();

    @Override
    public synchronized void accept(String check, List<Finding> newFindings, Map<String, String> newMeasurements) {
        if (check != null && !check.isBlank()) {
            checks.add(check);
        }
        if (newFindings != null) {
            findings.addAll(newFindings);
        }
        if (newMeasurements != null) {
            measurements.putAll(newMeasurements);
        }
    }

    @Override
    public synchronized void accept(String check, List<Finding> newFindings, Map<String, String> newMeasurements,
                                    Instant start, Instant end) {
        accept(check, newFindings, newMeasurements);
        if (ATTACK.equals(check) && start != null && end != null && !end.isBefore(start)) {
            Map<String, String> m = newMeasurements == null ? Map.of() : newMeasurements;
            attackWindows.add(new AttackWindow(start, end, kind(m), longValue(m.get(HANDSHAKES)),
                    doubleValue(m.get(HANDSHAKE_CPU_TOTAL))));
        }
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
        return new SecurityData(List.copyOf(checks()), measurements()).withAttackWindows(attackWindows);
    }

    public synchronized boolean isEmpty() {
        return checks.isEmpty() && findings.isEmpty() && measurements.isEmpty() && attackWindows.isEmpty();
    }
}
