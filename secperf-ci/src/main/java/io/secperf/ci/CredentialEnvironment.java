package io.secperf.ci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a credential reaches the runner: as environment variables of the forked process only (never a command-line
 * argument, never a file, never the result document). Each value is offered twice, so a security.yaml can say
 * {@code env:SECPERF_TOKEN} and a JMeter plan can say {@code ${__P(token)}} (the runner reads {@code SECPERF_J_<name>}
 * variables as JMeter properties, and masks property values whose name contains token/password in every output).
 *
 * @param environment the variables to add to the runner's environment
 * @param secrets     the values to mask in the console
 */
public record CredentialEnvironment(Map<String, String> environment, List<String> secrets) {

    public static final String TOKEN = "SECPERF_TOKEN";
    public static final String USERNAME = "SECPERF_USERNAME";
    public static final String PASSWORD = "SECPERF_PASSWORD";
    public static final String PROPERTY_PREFIX = "SECPERF_J_";

    public CredentialEnvironment {
        environment = Map.copyOf(environment);
        secrets = List.copyOf(secrets);
    }

    public static CredentialEnvironment none() {
        return new CredentialEnvironment(Map.of(), List.of());
    }

    /** A secret text credential (an API token). */
    public static CredentialEnvironment secretText(String token) {
        require(token, "the secret text credential is empty");
        Map<String, String> env = new LinkedHashMap<>();
        env.put(TOKEN, token);
        env.put(PROPERTY_PREFIX + "token", token);
        return new CredentialEnvironment(env, List.of(token));
    }

    /** A username with password; the username is not masked (it is shown in reports as who logged in). */
    public static CredentialEnvironment usernamePassword(String username, String password) {
        require(password, "the password of the username/password credential is empty");
        Map<String, String> env = new LinkedHashMap<>();
        env.put(USERNAME, username == null ? "" : username);
        env.put(PASSWORD, password);
        env.put(PROPERTY_PREFIX + "username", username == null ? "" : username);
        env.put(PROPERTY_PREFIX + "password", password);
        return new CredentialEnvironment(env, List.of(password));
    }

    private static void require(String value, String message) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(message);
        }
    }
}
