package io.secperf.security;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Looks up the value behind a {@link SecretRef}. The command line uses {@link #system()}; the JMeter samplers pass
 * JMeter's properties, so {@code property:NAME} finds {@code -JNAME=...}.
 */
@FunctionalInterface
public interface SecretSource {

    /** The value, or empty when the variable or property is not set (or empty). */
    Optional<String> lookup(SecretRef ref);

    /** Environment variables and Java system properties of this process. */
    static SecretSource system() {
        return of(System::getProperty, System::getenv);
    }

    /**
     * @param properties  property name to value (null when unset)
     * @param environment environment variable name to value (null when unset)
     */
    static SecretSource of(Function<String, String> properties, Function<String, String> environment) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(environment, "environment");
        return ref -> {
            String value = switch (ref.source()) {
                case ENV -> environment.apply(ref.name());
                case PROPERTY -> properties.apply(ref.name());
            };
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        };
    }
}
