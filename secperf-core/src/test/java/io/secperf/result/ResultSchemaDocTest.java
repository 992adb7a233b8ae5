package io.secperf.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/result-schema.md in sync with what {@link ResultDocuments} writes. */
class ResultSchemaDocTest {

    private static final Path DOC = Path.of("..", "docs", "result-schema.md");

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    private static ResultDocument fullDocument() {
        return ResultDocumentsTest.document(ResultDocumentsTest.someResult(21, 200))
                .withFindings(List.of(new Finding("id", Severity.LOW, "t", "e", "r")))
                .withGates(List.of(new GateResult("1", "p95 < 1s", GateVerdict.FAIL, "2 s", "too slow")));
    }

    @Test
    void everyFieldWrittenIsDocumented() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ResultDocuments.toJson(fullDocument()));
        Set<String> fields = new TreeSet<>();
        collectFieldNames(json, fields);
        String doc = doc();
        assertThat(fields).hasSizeGreaterThan(50);
        assertThat(fields).allSatisfy(field -> assertThat(doc).as("docs/result-schema.md documents %s", field)
                .contains("`" + field + "`"));
    }

    @Test
    void everyEnumValueIsDocumented() throws IOException {
        String doc = doc();
        for (Enum<?>[] values : List.<Enum<?>[]>of(ErrorClass.errorClasses(), RunState.values(), Severity.values(),
                GateVerdict.values())) {
            for (Enum<?> value : values) {
                assertThat(doc).contains("`" + value.name() + "`");
            }
        }
        assertThat(doc).contains("`" + IngestInfo.LIVE + "`", "`" + IngestInfo.JTL + "`", "`" + IngestInfo.MERGED + "`");
    }

    @Test
    void theExampleIsAValidCompleteDocument() throws IOException {
        String doc = doc();
        int start = doc.indexOf("```json\n");
        int end = doc.indexOf("\n```", start + 8);
        assertThat(start).isPositive();
        String example = doc.substring(start + 8, end);

        ResultDocument parsed = ResultDocuments.fromJson(example, "docs/result-schema.md example");
        assertThat(parsed.schemaVersion()).isEqualTo(ResultDocument.SCHEMA_VERSION);
        assertThat(parsed.result().overall().count()).isPositive();

        Set<String> exampleFields = new TreeSet<>();
        collectFieldNames(new ObjectMapper().readTree(example), exampleFields);
        Set<String> writtenFields = new TreeSet<>();
        collectFieldNames(new ObjectMapper().readTree(ResultDocuments.toJson(fullDocument())), writtenFields);
        assertThat(exampleFields).as("fields in the example").isEqualTo(writtenFields);
    }

    /** Field names of the schema; the keys of maps (properties, error classes) are values, not fields. */
    private static void collectFieldNames(JsonNode node, Set<String> names) {
        if (node.isArray()) {
            node.forEach(child -> collectFieldNames(child, names));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                names.add(field.getKey());
                if (!Set.of("properties", "errorsByClass", "errorClasses").contains(field.getKey())) {
                    collectFieldNames(field.getValue(), names);
                }
            }
        }
    }
}
