package io.secperf.result;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes {@code secperf-result.json}. Writes are atomic ({@link AtomicFiles}); reads reject malformed files
 * and unsupported schema versions with a one-line message naming the file and the problem.
 */
public final class ResultDocuments {

    /** The conventional file name inside an output directory. */
    public static final String FILE_NAME = "secperf-result.json";

    private static final ObjectMapper MAPPER = createMapper();

    private ResultDocuments() {
    }

    /** Atomically writes the document as pretty-printed JSON, creating missing parent directories. */
    public static void write(Path file, ResultDocument document) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(document);
        AtomicFiles.write(file, out -> out.write(json));
    }

    /**
     * Reads a document.
     *
     * @throws ResultDocumentException when the file is not a valid secperf result document of a supported version
     * @throws IOException             when the file cannot be read
     */
    public static ResultDocument read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "result document not found");
        }
        return parse(bytes, file.toString());
    }

    /** The document as JSON text (what {@link #write} writes). */
    public static String toJson(ResultDocument document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize result document: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The document with every text passed through {@code redact} (masking known secrets), whatever field it is in,
     * field names of maps included; histograms and enum constants are left as they are. Goes through the JSON
     * form, so fields added to the schema later are covered too.
     *
     * @throws IllegalStateException if the redacted document no longer reads (a bug, never a secret in the message)
     */
    public static ResultDocument redacted(ResultDocument document, java.util.function.UnaryOperator<String> redact) {
        com.fasterxml.jackson.databind.JsonNode tree = MAPPER.valueToTree(document);
        boolean[] changed = {false};
        com.fasterxml.jackson.databind.JsonNode clean = redactNode(tree, text -> {
            String masked = redact.apply(text);
            changed[0] |= !masked.equals(text);
            return masked;
        });
        if (!changed[0]) {
            return document; // the usual case: reading it back (histograms decoded and checked) is not needed
        }
        try {
            return parse(MAPPER.writeValueAsBytes(clean), "redacted result document");
        } catch (IOException e) {
            throw new IllegalStateException("masking secrets made the result document unreadable", e);
        }
    }

    private static final java.util.regex.Pattern ENUM_CONSTANT = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");

    private static com.fasterxml.jackson.databind.JsonNode redactNode(com.fasterxml.jackson.databind.JsonNode node,
                                                                      java.util.function.UnaryOperator<String> redact) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (ENUM_CONSTANT.matcher(text).matches()) {
                return node;
            }
            String clean = redact.apply(text);
            return clean.equals(text) ? node : com.fasterxml.jackson.databind.node.TextNode.valueOf(clean);
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = (com.fasterxml.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactNode(array.get(i), redact));
            }
            return array;
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            com.fasterxml.jackson.databind.node.ObjectNode out = object.objectNode();
            object.fields().forEachRemaining(field -> out.set(redact.apply(field.getKey()),
                    "histogram".equals(field.getKey()) ? field.getValue() : redactNode(field.getValue(), redact)));
            return out;
        }
        return node;
    }

    /** Parses JSON text; {@code source} names it in error messages. */
    public static ResultDocument fromJson(String json, String source) throws ResultDocumentException {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), source);
    }

    private static ResultDocument parse(byte[] bytes, String source) throws ResultDocumentException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new ResultDocumentException(source + ": not valid JSON" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultDocumentException(source + ": cannot parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultDocumentException(source + ": not a secperf result document (expected a JSON object)");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null) {
            throw new ResultDocumentException(source + ": not a secperf result document (no schemaVersion field)");
        }
        if (!version.isInt()) {
            throw new ResultDocumentException(source + ": schemaVersion must be an integer, found " + version);
        }
        if (version.intValue() != ResultDocument.SCHEMA_VERSION) {
            throw new ResultDocumentException(source + ": unsupported schemaVersion " + version.intValue()
                    + " (this secperf reads version " + ResultDocument.SCHEMA_VERSION + ")");
        }
        if (root.get("result") == null || !root.get("result").isObject()) {
            throw new ResultDocumentException(source + ": the 'result' object is missing");
        }
        ResultDocument document;
        try {
            document = MAPPER.treeToValue(root, ResultDocument.class);
        } catch (JacksonException e) {
            throw new ResultDocumentException(source + ": invalid content" + path(e) + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new ResultDocumentException(source + ": invalid content: " + e.getMessage(), e);
        }
        try {
            document.result().verify();
        } catch (IllegalArgumentException e) {
            throw new ResultDocumentException(source + ": inconsistent result: " + e.getMessage(), e);
        }
        return document;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String path(JacksonException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder(" at ");
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    if (sb.length() > 4) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static ObjectMapper createMapper() {
        SimpleModule instants = new SimpleModule("secperf-instants");
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
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
