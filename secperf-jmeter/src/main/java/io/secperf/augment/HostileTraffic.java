package io.secperf.augment;

import java.util.Optional;

/**
 * The hostile traffic secperf can inject into a plan after the warm-up window: fuzzing of the plan's own requests
 * and the three bounded attack routines. Each becomes its own thread group, so results and the JMeter GUI show them
 * apart.
 */
public enum HostileTraffic {
    /** {@code io.secperf.sampler.FuzzSampler}: mutated copies of the plan's HTTP requests, malformed raw requests. */
    FUZZ("fuzz", "secperf fuzz"),
    /** {@code AttackSampler attack=sessions}: full TLS handshakes without resumption. */
    SESSIONS("sessions", "secperf attack: sessions"),
    /** {@code AttackSampler attack=flood}: a bounded request flood. */
    FLOOD("flood", "secperf attack: flood"),
    /** {@code AttackSampler attack=slowHeaders}: slow-header connections with availability probes. */
    SLOW_HEADERS("slowHeaders", "secperf attack: slowHeaders");

    private final String key;
    private final String label;

    HostileTraffic(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key in security.yaml ({@code fuzz}, {@code attack.sessions}, ...) and the AttackSampler's {@code attack}. */
    public String key() {
        return key;
    }

    /** Name of the injected thread group and sampler, as results show it. */
    public String label() {
        return label;
    }

    public static Optional<HostileTraffic> byKey(String key) {
        for (HostileTraffic kind : values()) {
            if (kind.key.equalsIgnoreCase(key.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
