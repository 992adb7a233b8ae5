package io.secperf.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jorphan.collections.HashTree;

import io.secperf.augment.PreflightListener;
import io.secperf.augment.PreflightMode;
import io.secperf.result.Finding;
import io.secperf.result.FindingSink;
import io.secperf.result.Severity;

/**
 * Watches an augmented run for the outcome of its preflight: which injected preflight samples failed, and the critical
 * findings of the preflight checks ("tls", "auth"), so the run can end with exit code 3 and a message naming them
 * when {@code preflight: abort} stopped it before the load. The samples are heard by a {@link PreflightListener}
 * inside the preflight group; the findings as one of the run's finding sinks, next to the collector.
 * Thread-safe: JMeter's threads call it.
 */
final class PreflightWatch implements FindingSink {

    private static final Set<String> PREFLIGHT_CHECKS = Set.of("tls", "auth");

    private final PreflightMode mode;
    private final PreflightListener listener = new PreflightListener();
    private final Set<String> criticalFindings = new LinkedHashSet<>();

    /**
     * @param mode the run's preflight mode
     */
    PreflightWatch(PreflightMode mode) {
        this.mode = mode;
    }

    /** Attaches the sample listener to the augmented plan that is about to run. */
    HashTree watch(HashTree augmented) {
        listener.attachTo(augmented);
        return augmented;
    }

    /** Notes the critical findings of the preflight checks; everything else is not its business. */
    @Override
    public void accept(String check, List<Finding> findings, Map<String, String> measurements) {
        if (check != null && PREFLIGHT_CHECKS.contains(check) && findings != null) {
            synchronized (this) {
                for (Finding finding : findings) {
                    if (finding.severity() == Severity.CRITICAL) {
                        criticalFindings.add(finding.id() + " (" + check + ")");
                    }
                }
            }
        }
    }

    /** Whether a preflight check failed under abort, so JMeter stopped the test before any load thread started. */
    synchronized boolean aborted() {
        return mode == PreflightMode.ABORT && !listener.failures().isEmpty();
    }

    /** Whether a preflight check failed (under any mode). */
    synchronized boolean failed() {
        return !listener.failures().isEmpty();
    }

    /**
     * One line naming the critical findings (id and check), or when a check failed without one (the target did not
     * answer the probe), the failed checks and their messages.
     */
    synchronized String problems() {
        if (!criticalFindings.isEmpty()) {
            return "critical problems: " + String.join(", ", criticalFindings);
        }
        List<String> failures = new ArrayList<>();
        listener.failures().forEach((label, message) -> failures.add(label + (message == null || message.isBlank() ? ""
                : " (" + message + ")")));
        return "failures: " + failures.stream().collect(Collectors.joining(", "));
    }

    /** The message of an aborted run: {@code preflight found critical problems: CERT-EXP (tls); the load did not run}. */
    synchronized String abortMessage() {
        return "preflight found " + problems() + "; the load did not run (--preflight warn runs it anyway)";
    }
}
