package io.secperf.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.secperf.result.Finding;
import io.secperf.result.ResultDocument;

/**
 * The security data gates read, and the one place where security checks plug into the gates. Security metrics never
 * look at anything else, so adding a check means filling this, not touching the evaluator.
 *
 * <p>Contract for the producers (the security samplers):
 * <ul>
 *   <li>{@code values}: named measurements as text in gate-language form, keyed by metric name:
 *       {@code tls.grade} → "A-", {@code tls.protocol.min} → "TLSv1.2", {@code tls.cert.daysLeft} → "29",
 *       {@code auth.bypass} → "0", {@code fuzz.serverErrors} → "2", {@code resilience.p95Impact} → "12.5%".</li>
 *   <li>{@code checks}: the families of checks that ran ("tls", "auth", "fuzz", "attack"). A count metric of a family
 *       that did not run is "not measured", never 0: no data is not a pass.</li>
 *   <li>{@code findings}: all findings; {@code auth.bypass} counts ids starting with "auth.bypass",
 *       {@code fuzz.serverErrors} ids starting with "fuzz.server-error" when no value is given.</li>
 * </ul>
 *
 * @param values   named measurement values as text
 * @param checks   check families that ran
 * @param findings security findings of the run
 * @param incomplete check family → why it did not do all its planned work; a gate on a metric whose check cannot
 *                   vouch for it when incomplete ({@code auth.bypass}) treats it as not measured, never as a pass
 */
public record SecurityMeasurements(Map<String, String> values, Set<String> checks, List<Finding> findings,
                                   Map<String, String> incomplete) {

    public SecurityMeasurements {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        checks = checks == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(checks));
        findings = findings == null ? List.of() : List.copyOf(findings);
        incomplete = incomplete == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(incomplete));
    }

    /** Every check that ran was complete. */
    public SecurityMeasurements(Map<String, String> values, Set<String> checks, List<Finding> findings) {
        this(values, checks, findings, Map.of());
    }

    /** Nothing measured. */
    public static SecurityMeasurements none() {
        return new SecurityMeasurements(Map.of(), Set.of(), List.of());
    }

    /** What a result document holds: the security section's check families and values, and the findings. */
    public static SecurityMeasurements of(ResultDocument document) {
        return new SecurityMeasurements(document.security().measurements(),
                new LinkedHashSet<>(document.security().checks()), document.findings(),
                document.security().incomplete());
    }

    /** The same with one more named value. */
    public SecurityMeasurements withValue(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new SecurityMeasurements(copy, checks, findings, incomplete);
    }

    /** The same with one more check family that ran. */
    public SecurityMeasurements withCheck(String family) {
        Set<String> copy = new LinkedHashSet<>(checks);
        copy.add(family);
        return new SecurityMeasurements(values, copy, findings, incomplete);
    }

    /** True when any security check ran (or left a finding), so a finding count of 0 means something. */
    boolean anyCheckRan() {
        return !checks.isEmpty() || !findings.isEmpty();
    }
}
