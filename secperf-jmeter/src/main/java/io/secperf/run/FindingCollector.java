package io.secperf.run;

import io.secperf.result.Finding;
import io.secperf.result.FindingSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what security checks deliver during one run, for the result document. A finding reported twice (the same
 * check run by several threads or iterations) is kept once; a later measurement of the same name replaces the
 * earlier one. Thread-safe.
 */
public final class FindingCollector implements FindingSink {

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

    public synchronized boolean isEmpty() {
        return checks.isEmpty() && findings.isEmpty() && measurements.isEmpty();
    }
}
