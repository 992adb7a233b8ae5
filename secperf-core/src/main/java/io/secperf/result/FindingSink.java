package io.secperf.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a security check that runs inside a load (a JMeter sampler) or alone ({@code secperf scan}) delivers what it
 * found, so findings and gate measurements reach the result document whichever way the check was started.
 * Implementations must be thread-safe: samplers call it from JMeter threads.
 */
@FunctionalInterface
public interface FindingSink {

    /**
     * @param check        the family of checks that ran ("tls", "auth", "fuzz", "attack")
     * @param findings     what it found (may be empty: a clean check still counts as having run)
     * @param measurements named values for gates, e.g. {@code tls.grade} → "A" (may be empty)
     */
    void accept(String check, List<Finding> findings, Map<String, String> measurements);

    /**
     * The same for a check that ran as one sample of a load, with the time it took: for check "attack" the window
     * [start, end] is when attack traffic ran, which the resilience comparison needs. The default ignores the time,
     * so sinks that only collect findings need not care.
     *
     * @param start when the check (the sample) started
     * @param end   when it ended
     */
    default void accept(String check, List<Finding> findings, Map<String, String> measurements, Instant start,
                        Instant end) {
        accept(check, findings, measurements);
    }

    /**
     * What a check could not do and why, for the result document's {@code security.notes}; the default drops them.
     *
     * @param check            the family of checks that ran
     * @param notes            one-line remarks (masked)
     * @param incompleteReason why the check did not do all its planned work; empty when it was complete
     */
    default void notes(String check, List<String> notes, String incompleteReason) {
        // sinks that only collect findings ignore notes
    }
}
