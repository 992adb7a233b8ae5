package io.secperf.trend;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The JSON form of a {@link BuildSummary}, the same in a history directory and in a Jenkins build folder, so either
 * can be read by the other. Parsing rejects other schema versions and malformed content with a one-line message.
 */
public final class BuildSummaries {

    private static final ObjectMapper MAPPER = createMapper();

    private BuildSummaries() {
    }

    /** The summary as pretty-printed UTF-8 JSON. */
    public static byte[] toJson(BuildSummary summary) {
        try {
            return MAPPER.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize build summary: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a summary; {@code source} names it in the message of the exception.
     *
     * @throws IllegalArgumentException with a one-line message when the JSON is not a summary of a supported version
     */
    public static BuildSummary fromJson(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(source + ": not valid JSON: " + firstLine(message), e);
        }
        if (root == null || !root.isObject() || root.get("schemaVersion") == null) {
            throw new IllegalArgumentException(source + ": not a secperf build summary (no schemaVersion field)");
        }
        JsonNode version = root.get("schemaVersion");
        if (!version.isInt() || version.intValue() != BuildSummary.SCHEMA_VERSION) {
            throw new IllegalArgumentException(source + ": unsupported build summary schemaVersion " + version
                    + " (this secperf reads version " + BuildSummary.SCHEMA_VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(root, BuildSummary.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": invalid build summary: "
                    + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static ObjectMapper createMapper() {
        SimpleModule instants = new SimpleModule("secperf-summary-instants");
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException | NullPointerException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                            "expected an ISO-8601 instant such as 2025-01-31T12:00:00Z");
                }
            }
        });
        return new ObjectMapper()
                .registerModule(instants)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
