package io.secperf.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.secperf.result.RunInfo;

/**
 * The environment of the forked runner: the step's own environment (what {@code withEnv}, {@code tool},
 * {@code withCredentials} and the agent's proxy variables set, as a {@code sh} step would see it) plus the
 * credential variables. What must not leak is left out or masked:
 * <ul>
 *   <li>the credential variables ({@code SECPERF_TOKEN}, {@code SECPERF_USERNAME}, {@code SECPERF_PASSWORD}) and
 *       {@code SECPERF_J_*} (JMeter properties) come only from {@code credentialsId} and {@code properties}: the same
 *       names in the step's environment are dropped, so nothing can override a credential or slip a property past
 *       the secret-looking-property check;</li>
 *   <li>values of variables with secret-looking names ({@code *TOKEN*}, {@code *PASSWORD*}, {@code *SECRET*},
 *       ...) are passed (a security.yaml may say {@code env:API_TOKEN}) and added to the secrets masked in the
 *       console, next to the credential's.</li>
 * </ul>
 *
 * @param environment the variables of the runner process (on top of the agent's)
 * @param secrets     the values to mask in the console copy of the runner's output
 */
public record RunnerEnvironment(Map<String, String> environment, List<String> secrets) {

    public RunnerEnvironment {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secrets = List.copyOf(secrets);
    }

    /** Composes the step environment (may be null or empty) with the credential environment. */
    public static RunnerEnvironment of(Map<String, String> stepEnvironment, CredentialEnvironment credentials) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>(credentials.secrets());
        if (stepEnvironment != null) {
            stepEnvironment.forEach((name, value) -> {
                if (name == null || value == null || reserved(name)) {
                    return;
                }
                env.put(name, value);
                if (RunInfo.isSecret(name) && !value.isEmpty()) {
                    secrets.add(value);
                }
            });
        }
        env.putAll(credentials.environment());
        return new RunnerEnvironment(env, secrets);
    }

    /** True for names only the step itself may set (credentials, JMeter properties). Case-insensitive (Windows). */
    static boolean reserved(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals(CredentialEnvironment.TOKEN) || upper.equals(CredentialEnvironment.USERNAME)
                || upper.equals(CredentialEnvironment.PASSWORD)
                || upper.startsWith(CredentialEnvironment.PROPERTY_PREFIX.toUpperCase(Locale.ROOT));
    }
}
