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
        return withEngines(ResultDocumentsTest.document(ResultDocumentsTest.someResult(21, 200)))
                .withFindings(List.of(new Finding("id", Severity.LOW, "t", "e", "r")))
                .withGates(List.of(new GateResult("1", 1, "p95 regression < 10%", "p95", GateCategory.PERFORMANCE,
                        GateCriticality.FAILURE, false, GateStatus.FAILED, "+20%", 20.0, "%", "< 10%", "1 s",
                        "p95 regression is +20%, above 10%")),
                        new GateVerdict(VerdictStatus.FAILED, false, 1, 0, 0, 1, 0, "ref.json", "p95 < 1s", "FAILED"))
                .withSecurity(new SecurityData(List.of("tls"), Map.of("tls.grade", "B"))
                        .withAttackWindows(List.of(new AttackWindow(java.time.Instant.ofEpochSecond(100),
                                java.time.Instant.ofEpochSecond(101), "sessions", 5L, 20.0)))
                        .withAnalysis(new ResilienceComparison(new WindowStats(1, 2, 3, 0, 4, 5, 0, 3),
                                        new WindowStats(2, 3, 3, 0, 6, 7, 0, 3), null, "n"),
                                new PostTestReport(0, 0, 0, List.of(new PostTestReport.Burst(1, 2, 5, 9, true)),
                                        List.of(new PostTestReport.Spike(1, 9, 9, true)), 1, 3, 3.0, 5L, 20.0, 4.0,
                                        new ServerLogScan(List.of("a.log"), 1, 1, false, 1, Map.of("Java", 1L), 0,
                                                List.of("a.log:1: x"), List.of()), List.of()),
                                Map.of("tls.grade", "B")));
    }

    /** The per-engine counts of a distributed run (docs/result-schema.md, "ingest.engines"). */
    private static ResultDocument withEngines(ResultDocument d) {
        return new ResultDocument(d.schemaVersion(), d.generator(), d.run(), d.status(),
                d.ingest().withEngines(List.of(new EngineCount("10.0.0.5:1099", 21, java.time.Instant.ofEpochSecond(100),
                        java.time.Instant.ofEpochSecond(160), EngineCount.LOST, "no answer since 12:00:00"))),
                d.result(), d.findings(), d.gates(), d.verdict(), d.security());
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
                GateStatus.values(), VerdictStatus.values(), GateCategory.values(), GateCriticality.values())) {
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
                if (!Set.of("properties", "errorsByClass", "errorClasses", "measurements",
                        "stackTracesByTechnology").contains(field.getKey())) {
                    collectFieldNames(field.getValue(), names);
                }
            }
        }
    }
}
