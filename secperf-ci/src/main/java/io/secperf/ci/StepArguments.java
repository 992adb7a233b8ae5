package io.secperf.ci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the named arguments of a Jenkinsfile call into the plain strings the step classes hold: a properties map
 * becomes {@code name=value} lines, an inline security map becomes JSON (a security.yaml reader reads JSON too),
 * a list of gate strings becomes lines and a list of gate maps becomes JSON. Form submissions already hold strings,
 * so both ways reach the same step and the Snippet Generator round-trips.
 */
public final class StepArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StepArguments() {
    }

    /** A copy of the arguments with Groovy maps and lists turned into strings; unknown names are left alone. */
    public static Map<String, Object> normalize(Map<String, Object> arguments) {
        Map<String, Object> result = new LinkedHashMap<>(arguments);
        Object properties = result.get("properties");
        if (properties instanceof Map<?, ?> map) {
            result.put("properties", PropertiesText.format(PropertiesText.of(map)));
        }
        Object security = result.get("security");
        if (security instanceof Map<?, ?> map) {
            result.put("security", json(map, "security"));
        }
        Object gates = result.get("gates");
        if (gates instanceof List<?> list) {
            boolean allStrings = list.stream().allMatch(e -> e instanceof CharSequence);
            result.put("gates", allStrings ? String.join("\n", list.stream().map(String::valueOf).toList()) + "\n"
                    : json(list, "gates"));
        } else if (gates instanceof Map<?, ?> map) {
            result.put("gates", json(List.of(map), "gates"));
        }
        Object duration = result.get("duration");
        if (duration instanceof CharSequence text) {
            try {
                result.put("duration", Integer.valueOf(text.toString().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("duration must be a number of seconds, was '" + text + "'");
            }
        }
        Object remoteMin = result.get("remoteMin");
        if (remoteMin instanceof CharSequence text) {
            try {
                result.put("remoteMin", Integer.valueOf(text.toString().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("remoteMin must be a number of engines, was '" + text + "'");
            }
        }
        Object remote = result.get("remote");
        if (remote instanceof List<?> list) { // remote: ['lg1', 'lg2:1099']
            result.put("remote", String.join(",", list.stream().map(String::valueOf).toList()));
        }
        return result;
    }

    private static String json(Object value, String what) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
