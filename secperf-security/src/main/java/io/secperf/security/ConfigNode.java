package io.secperf.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the position it was read from, so that every configuration error — not only syntax errors —
 * can name its line and column. Built by {@link SecurityConfigReader} from Jackson's YAML token stream.
 */
sealed interface ConfigNode {

    int line();

    int column();

    /** What the value is, for messages ("a map", "a list", "a number"...). */
    String kind();

    record Scalar(String text, JsonToken token, int line, int column) implements ConfigNode {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "empty";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                default -> "a string";
            };
        }
    }

    record ListNode(List<ConfigNode> items, int line, int column) implements ConfigNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A key with its own position (unknown-key errors point at the key, not at its value). */
    record Entry(String key, int line, int column, ConfigNode value) {
    }

    record MapNode(Map<String, Entry> entries, int line, int column) implements ConfigNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    static int line(JsonLocation location) {
        return location == null ? -1 : location.getLineNr();
    }

    static int column(JsonLocation location) {
        return location == null ? -1 : location.getColumnNr();
    }
}
