package io.secperf.security;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What one security check found: findings for people and gates ({@code findings(severity>=high)}), numeric
 * measurements for gates and trends ({@code auth.bypass}, {@code fuzz.serverErrors}, ...), and notes about what was
 * skipped or cut short. Immutable; evidence in it has passed through a {@link SecretMask}.
 *
 * @param check        "auth", "fuzz" or "attack"
 * @param target       the target URL (never with credentials)
 * @param started      when the check started
 * @param elapsed      how long it ran
 * @param findings     findings, in the order they were made
 * @param measurements measurement name to value, sorted by name (keys are listed in docs/security-checks.md)
 * @param notes        one-line remarks: skipped parts, missing token, budget exhausted
 * @param complete     false when the check was interrupted, ran out of its time budget or could not do part of its
 *                     planned work (e.g. the auth check without a valid token)
 * @param incompleteReason why it is incomplete (one of the notes); empty when complete
 */
public record SecurityReport(String check, String target, Instant started, Duration elapsed, List<Finding> findings,
                             Map<String, Double> measurements, List<String> notes, boolean complete,
                             String incompleteReason) {

    public SecurityReport {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
        findings = List.copyOf(findings);
        measurements = Collections.unmodifiableMap(new TreeMap<>(measurements));
        notes = List.copyOf(notes);
        incompleteReason = complete ? "" : incompleteReason == null || incompleteReason.isBlank()
                ? (notes.isEmpty() ? "cut short" : notes.get(notes.size() - 1)) : incompleteReason;
    }

    /** A report whose incomplete reason, if any, is its last note. */
    public SecurityReport(String check, String target, Instant started, Duration elapsed, List<Finding> findings,
                          Map<String, Double> measurements, List<String> notes, boolean complete) {
        this(check, target, started, elapsed, findings, measurements, notes, complete, "");
    }

    /** The most severe finding's severity, empty when there are no findings. */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    /** Findings at or above a severity, e.g. {@code count(Severity.HIGH)} for {@code findings(severity>=high)}. */
    public long count(Severity atLeast) {
        return findings.stream().filter(f -> f.severity().compareTo(atLeast) >= 0).count();
    }

    public boolean hasFinding(String id) {
        return findings.stream().anyMatch(f -> f.id().equals(id));
    }

    public List<Finding> findings(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).toList();
    }

    public OptionalDouble measurement(String key) {
        Double value = measurements.get(key);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Collects a report while a check runs; masks every text it is given. Thread-safe. */
    public static final class Builder {
        private final String check;
        private final String target;
        private final SecretMask mask;
        private final Instant started = Instant.now();
        private final long startNanos = System.nanoTime();
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, Double> measurements = new TreeMap<>();
        private final List<String> notes = new ArrayList<>();
        private boolean complete = true;
        private String incompleteReason = "";

        public Builder(String check, String target, SecretMask mask) {
            this.check = Objects.requireNonNull(check, "check");
            this.target = Objects.requireNonNull(target, "target");
            this.mask = Objects.requireNonNull(mask, "mask");
        }

        public SecretMask mask() {
            return mask;
        }

        /** Adds a finding; title and evidence are masked. */
        public synchronized Builder finding(String id, Severity severity, String title, String evidence,
                                           String remediation) {
            findings.add(new Finding(id, severity, mask.apply(title), mask.apply(evidence), remediation));
            return this;
        }

        public synchronized Builder measure(String key, double value) {
            measurements.put(key, Double.isFinite(value) ? value : 0.0);
            return this;
        }

        public synchronized Builder add(String key, double delta) {
            measurements.merge(key, delta, Double::sum);
            return this;
        }

        public synchronized Builder note(String text) {
            notes.add(mask.apply(text));
            return this;
        }

        /** Marks the report as cut short, with the reason as a note. */
        public synchronized Builder incomplete(String reason) {
            complete = false;
            String masked = mask.apply(reason);
            if (incompleteReason.isEmpty()) {
                incompleteReason = masked;
            }
            notes.add(masked);
            return this;
        }

        public synchronized boolean hasFinding(String id) {
            return findings.stream().anyMatch(f -> f.id().equals(id));
        }

        public synchronized SecurityReport build() {
            return new SecurityReport(check, target, started, Duration.ofNanos(System.nanoTime() - startNanos),
                    findings, measurements, notes, complete, incompleteReason);
        }
    }
}
