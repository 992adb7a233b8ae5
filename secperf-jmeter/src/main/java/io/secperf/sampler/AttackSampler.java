package io.secperf.sampler;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.jmeter.samplers.SampleResult;

import io.secperf.attack.AttackTraffic;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityReport;

/**
 * JMeter sampler that runs one bounded attack routine of secperf's {@link AttackTraffic} against the target of a
 * {@code security.yaml}: a TLS session flood ({@code sessions}), a request flood ({@code flood}) or slow-header
 * connections ({@code slowHeaders}), each with the count, rate and duration limits of its section in the file. Put
 * it in its own thread group next to the load, so the load's response times during the attack show the target's
 * resilience.
 *
 * <p>One sample is one attack: its start time and elapsed time are the attack window, which secperf's result
 * document compares with the clean window. A file without the chosen section is a failed sample naming the missing
 * key, never a default attack. The sampler is interruptible, so JMeter's stop ends a long attack. GUI texts are in
 * AttackSamplerResources.properties.
 */
public class AttackSampler extends SecurityCheckSampler {

    private static final long serialVersionUID = 1L;

    /** The check family this sampler reports as. */
    public static final String CHECK = "attack";
    static final String DEFAULT_ATTACK = Kind.FLOOD.key;

    /** The attack routines, by their key in security.yaml's {@code attack} section. */
    enum Kind {
        SESSIONS("sessions"), FLOOD("flood"), SLOW_HEADERS("slowHeaders");

        final String key;

        Kind(String key) {
            this.key = key;
        }

        static Optional<Kind> byKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }

        static String[] keys() {
            return Arrays.stream(values()).map(k -> k.key).toArray(String[]::new);
        }

        boolean configuredIn(SecurityConfig.Attack attack) {
            return switch (this) {
                case SESSIONS -> attack.sessions().isPresent();
                case FLOOD -> attack.flood().isPresent();
                case SLOW_HEADERS -> attack.slowHeaders().isPresent();
            };
        }
    }

    private transient String attack = DEFAULT_ATTACK;

    /** Attack traffic observes resilience; only a CRITICAL finding fails the attack sample by default. */
    static final String DEFAULT_FAILURE_SEVERITY = "CRITICAL";

    public AttackSampler() {
        super(CHECK, DEFAULT_FAILURE_SEVERITY);
    }

    @Override
    SampleResult runCheck() throws BadSetting, SecurityConfigException, Unreachable {
        String name = getAttack().strip();
        Kind kind = Kind.byKey(name).orElseThrow(() -> new BadSetting("attack must be one of "
                + String.join(", ", Kind.keys()) + ", was '" + attack + "'"));
        Path file = securityPath();
        SecurityConfig config = loadConfig(file);
        if (!kind.configuredIn(config.attack())) {
            throw new BadSetting("attack." + kind.key + " is not configured in " + file.getFileName() + " (" + file
                    + "): add an attack." + kind.key + " section with its limits");
        }
        Credentials credentials = credentials(config);
        AttackTraffic traffic = new AttackTraffic(config, credentials);
        requireReachable(config.target());
        SecurityReport report = switch (kind) {
            case SESSIONS -> traffic.sessionFlood();
            case FLOOD -> traffic.requestFlood();
            case SLOW_HEADERS -> traffic.slowHeaders();
        };
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("attack", kind.key);
        extra.put("windowStart", report.started().toString());
        extra.put("windowEnd", report.started().plus(report.elapsed()).toString());
        return result(report, asText(report.measurements()), extra, credentials);
    }

    @Override
    String describeSettings() {
        return "secperf attack " + getAttack().strip() + ": " + describeTarget();
    }

    public String getAttack() {
        return attack == null ? DEFAULT_ATTACK : attack;
    }

    public void setAttack(String attack) {
        this.attack = attack == null || attack.isBlank() ? DEFAULT_ATTACK : attack;
    }
}
