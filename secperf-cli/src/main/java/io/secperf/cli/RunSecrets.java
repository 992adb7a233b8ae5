package io.secperf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.secperf.result.RunInfo;
import io.secperf.secret.KnownSecrets;
import io.secperf.security.SecretRef;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;

/**
 * Which values a command must keep out of its outputs: the values of JMeter properties whose name looks secret
 * (password, token, key, ...; from {@code -J}, {@code -p} or {@code SECPERF_J_*}) and the credentials a security.yaml
 * references ({@code env:NAME}, {@code property:NAME}), looked up the way the checks look them up.
 */
final class RunSecrets {

    private RunSecrets() {
    }

    /**
     * @param properties   the run's JMeter properties
     * @param securityFile the security.yaml of {@code --security}, or null; an unreadable one adds nothing (the
     *                     augmenter reports it)
     */
    static KnownSecrets of(Map<String, String> properties, Path securityFile) {
        List<String> values = new ArrayList<>();
        properties.forEach((name, value) -> {
            if (RunInfo.isSecret(name)) {
                values.add(value);
            }
        });
        if (securityFile != null) {
            try {
                SecurityConfig config = SecurityConfigReader.read(securityFile);
                values.addAll(credentials(config, name -> {
                    String value = properties.get(name);
                    return value != null ? value : System.getProperty(name);
                }));
            } catch (SecurityConfigException e) {
                // reported by the augmenter with its line and column
            }
        }
        return KnownSecrets.of(values);
    }

    /** The values of a configuration's credentials that are set ({@code property:} looked up with the function). */
    static List<String> credentials(SecurityConfig config, Function<String, String> properties) {
        List<String> values = new ArrayList<>();
        for (SecretRef ref : config.credentials().values()) {
            String value = ref.source() == SecretRef.Source.ENV ? System.getenv(ref.name()) : properties.apply(ref.name());
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
