package io.secperf.security;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential values of one configuration, looked up once when a check starts. Values never leave this object
 * except through {@link #expand(String)} (to build a request) and through a {@link SecretMask} that already knows
 * them; {@link #toString()} names only the references.
 */
public final class Credentials {

    private static final Pattern TEMPLATE = Pattern.compile("\\$?\\$\\{([^}]*)}");

    private final Map<String, String> values;
    private final Map<String, SecretRef> refs;
    private final SecretMask mask = new SecretMask();

    private Credentials(Map<String, SecretRef> refs, Map<String, String> values) {
        this.refs = Collections.unmodifiableMap(new LinkedHashMap<>(refs));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        values.values().forEach(mask::addSecret);
    }

    /**
     * Looks up every credential of the configuration.
     *
     * @throws SecurityConfigException naming the credential and its reference (never a value) when one is not set
     */
    public static Credentials resolve(SecurityConfig config, SecretSource source) throws SecurityConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> entry : config.credentials().entrySet()) {
            Optional<String> value = source.lookup(entry.getValue());
            if (value.isEmpty()) {
                SecretRef ref = entry.getValue();
                String kind = ref.source() == SecretRef.Source.ENV ? "environment variable" : "property";
                throw new SecurityConfigException(config.source(), "credential '" + entry.getKey() + "': " + kind
                        + " " + ref.name() + " is not set");
            }
            values.put(entry.getKey(), value.get());
        }
        return new Credentials(config.credentials(), values);
    }

    /** No credentials at all (checks that need none). */
    public static Credentials none() {
        return new Credentials(Map.of(), Map.of());
    }

    /** Replaces {@code ${name}} by the credential's value; {@code $${} stays a literal {@code ${}. */
    public String expand(String template) {
        return expand(template, Map.of());
    }

    /**
     * Like {@link #expand(String)} with some values replaced, e.g. a wrong password for the lockout check.
     */
    public String expand(String template, Map<String, String> overrides) {
        return expandMarked(template, overrides).text();
    }

    /**
     * A template expanded, with the characters that a credential's value (or an override of it) put there.
     *
     * @param text        the expanded text (null for a null template)
     * @param secretChars the char positions in {@code text} that came from a credential
     */
    record Expansion(String text, BitSet secretChars) {
    }

    /** Like {@link #expand(String, Map)}, also marking where each credential's value went. */
    Expansion expandMarked(String template, Map<String, String> overrides) {
        BitSet marks = new BitSet();
        if (template == null || template.indexOf("${") < 0) {
            return new Expansion(template, marks);
        }
        Matcher matcher = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        int last = 0;
        while (matcher.find()) {
            out.append(template, last, matcher.start());
            last = matcher.end();
            if (matcher.group().startsWith("$$")) {
                out.append("${").append(matcher.group(1)).append('}');
            } else {
                String name = matcher.group(1);
                String replacement = overrides.containsKey(name) ? overrides.get(name) : values.get(name);
                if (replacement == null) {
                    throw new IllegalArgumentException("no credential '" + name + "'");
                }
                marks.set(out.length(), out.length() + replacement.length());
                out.append(replacement);
            }
        }
        out.append(template, last, template.length());
        return new Expansion(out.toString(), marks);
    }

    /** The value of one credential, for the few places that need it directly (a ready-made token). */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A fresh mask that already hides every credential value. */
    public SecretMask newMask() {
        return mask.copy();
    }

    @Override
    public String toString() {
        return "Credentials" + refs;
    }
}
