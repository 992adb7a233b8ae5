package io.secperf.result;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.secperf.text.BoundedText;

/**
 * What was run, against what, when, with which properties. Property values whose name looks secret are replaced by
 * {@value #MASK} here, so no document (or log line built from it) can leak them.
 *
 * @param planName      test plan name (file name without .jmx, or the plan's own name); null for ingested files
 * @param planFile      plan file as given by the user; null when unknown
 * @param target        target URL; null when unknown
 * @param jmeterVersion JMeter version that ran the plan; null when unknown (ingested files)
 * @param startTime     run start (UTC, ISO-8601 in JSON); null when unknown
 * @param endTime       run end; null when unknown
 * @param durationMs    end - start in milliseconds; 0 when unknown
 * @param properties    JMeter properties given for the run (-J), sorted by name, secrets masked
 */
public record RunInfo(String planName, String planFile, String target, String jmeterVersion,
                      Instant startTime, Instant endTime, long durationMs, Map<String, String> properties) {

    /** What a secret property value is replaced with. */
    public static final String MASK = "****";
    private static final String[] SECRET_PARTS = {"password", "passwd", "secret", "token", "key", "credential"};

    public RunInfo {
        planName = BoundedText.text(planName);
        planFile = BoundedText.text(planFile);
        target = BoundedText.text(target);
        TreeMap<String, String> masked = new TreeMap<>();
        if (properties != null) {
            properties.forEach((name, value) -> masked.put(BoundedText.label(name),
                    isSecret(name) ? MASK : BoundedText.text(value)));
        }
        properties = Collections.unmodifiableMap(masked);
    }

    /** Run info with the duration computed from start and end. */
    public static RunInfo of(String planName, String planFile, String target, String jmeterVersion,
                             Instant startTime, Instant endTime, Map<String, String> properties) {
        long duration = startTime != null && endTime != null ? Duration.between(startTime, endTime).toMillis() : 0;
        return new RunInfo(planName, planFile, target, jmeterVersion, startTime, endTime, duration, properties);
    }

    /** True when a property with this name must never be shown: it contains password, secret, token, key, ... */
    public static boolean isSecret(String propertyName) {
        if (propertyName == null) {
            return false;
        }
        String lower = propertyName.toLowerCase(Locale.ROOT);
        for (String part : SECRET_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
