package io.secperf.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a credential lives: an environment variable ({@code env:NAME}) or a property ({@code property:NAME}, a JMeter
 * property or Java system property). The configuration only ever holds these references, so a security.yaml can be
 * committed and printed without exposing a secret; {@link #toString()} shows the reference, never a value.
 *
 * @param source where to look
 * @param name   the variable or property name
 */
public record SecretRef(Source source, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    /** The kinds of places a credential may come from. */
    public enum Source {
        /** an environment variable of the process running the check */
        ENV("env"),
        /** a JMeter property when run inside JMeter, otherwise a Java system property */
        PROPERTY("property");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public SecretRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + source.prefix + " name '" + name + "'");
        }
    }

    /**
     * Parses {@code env:NAME} or {@code property:NAME}.
     *
     * @throws IllegalArgumentException for anything else, with a message that never repeats the text (it may be an
     *                                  inline secret that somebody pasted by mistake)
     */
    public static SecretRef parse(String text) {
        if (text != null) {
            for (Source source : Source.values()) {
                String prefix = source.prefix + ":";
                if (text.startsWith(prefix) && NAME.matcher(text.substring(prefix.length())).matches()) {
                    return new SecretRef(source, text.substring(prefix.length()));
                }
            }
        }
        throw new IllegalArgumentException("must be a reference 'env:NAME' or 'property:NAME' (inline secrets are not "
                + "allowed; the value was not echoed)");
    }

    @Override
    public String toString() {
        return source.prefix + ":" + name;
    }
}
