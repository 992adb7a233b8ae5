package io.secperf.ci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.secperf.result.RunInfo;

/**
 * JMeter properties as a step parameter: a Groovy map in a Jenkinsfile ({@code [threads: '50']}) or {@code name=value}
 * lines in the job form. Names whose name looks secret are refused here: secrets come from {@code credentialsId} through
 * the environment, never from a Jenkinsfile or a command line.
 */
public final class PropertiesText {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    private PropertiesText() {
    }

    /** {@code name=value} lines, in map order. */
    public static String format(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        properties.forEach((name, value) -> sb.append(name).append('=').append(value == null ? "" : value).append('\n'));
        return sb.toString();
    }

    /**
     * Parses {@code name=value} lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the first bad line (the value is never echoed: it may be a secret)
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text == null) {
            return result;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("properties line " + (i + 1) + " is not name=value");
            }
            String name = line.substring(0, eq).strip();
            checkName(name, "properties line " + (i + 1));
            if (result.put(name, line.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("property '" + name + "' is given twice");
            }
        }
        return result;
    }

    /** Checks a map given directly (from a Jenkinsfile). */
    public static Map<String, String> of(Map<?, ?> map) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            checkName(name, "properties");
            Object value = e.getValue();
            if (value instanceof Map || value instanceof Iterable) {
                throw new IllegalArgumentException("property '" + name + "' must be a single value, not a list or map");
            }
            result.put(name, value == null ? "" : String.valueOf(value));
        }
        return result;
    }

    private static void checkName(String name, String where) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not a property name (letters, digits, _ . -)");
        }
        if (RunInfo.isSecret(name)) {
            throw new IllegalArgumentException(where + ": property '" + name + "' looks like a secret; pass secrets with "
                    + "credentialsId (they reach the runner through the environment), never in properties");
        }
    }
}
