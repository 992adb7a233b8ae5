package io.secperf.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** YAML, JSON and a Jenkinsfile's list of maps give exactly the gates the gate language gives. */
class StructuredGatesTest {

    @TempDir
    Path dir;

    static final String DSL = """
            p95 < 800ms
            p99(label="Checkout") < 1.5s as unstable
            errors(class=TIMEOUT) < 0.5% optional
            throughput >= 100/s
            p95 regression < 10%
            p95 < 800ms for 30s stop
            tls.grade >= A
            tls.protocol.min >= TLSv1.2
            tls.cert.daysLeft >= 30 as unstable
            findings(severity>=high, id="tls.*") == 0
            """;

    static final String YAML = """
            # the same gates as data
            gates:
              - {metric: p95, op: "<", threshold: 800, unit: ms}
              - metric: p99
                label: Checkout
                op: lt
                threshold: 1.5s
                criticality: unstable
              - {metric: errors, class: TIMEOUT, op: "<", threshold: 0.5, unit: "%", optional: true}
              - {metric: throughput, op: ge, threshold: 100, unit: /s}
              - {metric: p95, regression: true, op: "<", threshold: 10%}
              - {metric: p95, op: "<", threshold: 800ms, for: 30s, stop: yes}
              - {metric: tls.grade, op: ">=", threshold: A}
              - {metric: tls.protocol.min, op: ">=", threshold: TLSv1.2}
              - {metric: tls.cert.daysLeft, op: ">=", threshold: 30, criticality: UNSTABLE}
              - "findings(severity>=high, id=\\"tls.*\\") == 0"
            """;

    static final String JSON = """
            [
              {"metric": "p95", "op": "<", "threshold": 800, "unit": "ms"},
              {"metric": "p99(label=\\"Checkout\\")", "op": "<", "threshold": "1.5s", "criticality": "unstable"},
              {"metric": "errors", "selector": "class=TIMEOUT", "op": "<", "threshold": 0.5, "unit": "%", "optional": true},
              {"metric": "throughput", "op": ">=", "threshold": "100/s"},
              {"metric": "p95 regression", "op": "<", "threshold": 10, "unit": "%"},
              {"metric": "p95", "op": "<", "threshold": 0.8, "unit": "s", "for": 30, "stop": true},
              {"metric": "tls.grade", "op": ">=", "threshold": "A"},
              {"metric": "tls.protocol.min", "op": "ge", "threshold": "TLSv1.2"},
              {"metric": "tls.cert.daysLeft", "op": ">=", "threshold": 30, "criticality": "unstable"},
              {"metric": "findings", "severity": "high", "id": "tls.*", "op": "==", "threshold": 0}
            ]
            """;

    private static List<Gate> withoutLines(GateList list) {
        return list.gates().stream().map(g -> g.atLine(0)).toList();
    }

    /** Same gates, compared by value; thresholds given in other units compare by canonical value. */
    private static void assertSameGates(GateList actual, GateList expected) {
        List<Gate> a = withoutLines(actual);
        List<Gate> e = withoutLines(expected);
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            Gate x = a.get(i);
            Gate y = e.get(i);
            assertThat(new Gate(x.metric(), x.selector(), x.relative(), x.operator(),
                    new Threshold(x.threshold().value(), x.threshold().kind(), "-"), x.window(), x.criticality(),
                    x.optional(), x.stop(), 0))
                    .as("gate %d: %s vs %s", i + 1, x, y)
                    .isEqualTo(new Gate(y.metric(), y.selector(), y.relative(), y.operator(),
                            new Threshold(y.threshold().value(), y.threshold().kind(), "-"), y.window(),
                            y.criticality(), y.optional(), y.stop(), 0));
        }
    }

    @Test
    void yamlEqualsTheGateLanguage() throws Exception {
        GateList dsl = GateList.parse(DSL, "gates");
        GateList yaml = GateList.fromYaml(YAML, "gates.yaml");
        assertSameGates(yaml, dsl);
        assertThat(yaml.gates()).allSatisfy(g -> assertThat(g.line()).isZero());
        assertThat(yaml.gates().get(0).text()).isEqualTo("p95 < 800ms");
    }

    @Test
    void jsonEqualsTheGateLanguage() throws Exception {
        assertSameGates(GateList.fromJson(JSON, "gates.json"), GateList.parse(DSL, "gates"));
    }

    @Test
    void aJenkinsfileListOfMapsEqualsTheGateLanguage() throws Exception {
        List<Object> jenkins = List.of(
                map("metric", "p95", "op", "<", "threshold", 800, "unit", "ms"),
                map("metric", "p99", "label", "Checkout", "op", "<", "threshold", 1.5, "unit", "s",
                        "criticality", "UNSTABLE"),
                map("metric", "errors", "class", "timeout", "op", "<", "threshold", 0.5, "unit", "%", "optional", true),
                map("metric", "throughput", "op", ">=", "threshold", 100, "unit", "/s"),
                map("metric", "p95", "regression", true, "op", "<", "threshold", 10, "unit", "%"),
                "p95 < 800ms for 30s stop",
                map("metric", "tls.grade", "op", ">=", "threshold", "A"),
                map("metric", "tls.protocol.min", "op", ">=", "threshold", "TLSv1.2"),
                map("metric", "tls.cert.daysLeft", "op", ">=", "threshold", 30L, "criticality", "unstable"),
                map("metric", "findings", "severity", ">=high", "id", "tls.*", "op", "eq", "threshold", 0));
        assertSameGates(GateList.fromData(jenkins, "Jenkinsfile"), GateList.parse(DSL, "gates"));
    }

    @Test
    void filesAreReadByExtension() throws Exception {
        Path yaml = Files.writeString(dir.resolve("gates.yml"), YAML);
        Path json = Files.writeString(dir.resolve("gates.json"), JSON);
        Path text = Files.writeString(dir.resolve("gates.txt"), DSL);
        GateList expected = GateList.parse(DSL, "x");
        assertSameGates(GateList.read(yaml), expected);
        assertSameGates(GateList.read(json), expected);
        assertSameGates(GateList.read(text), expected);
        assertThat(GateList.read(text).source()).isEqualTo(text.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{metric: p59, op: '<', threshold: 1s}] | gates.yaml: gate 1, metric: unknown metric 'p59'; did you mean 'p95'?",
            "[{metric: p95, op: '<', threshold: 800}] | gates.yaml: gate 1, threshold: p95 is a time: write 800ms or 800s",
            "[{metric: p95, op: '<', threshold: 800, unit: parsecs}] | gates.yaml: gate 1, threshold/unit: p95 is a time",
            "[{metric: p95, op: '<'}] | gates.yaml: gate 1: 'threshold' is missing: expected a time such as 800ms or 1.5s",
            "[{metric: p95, threshold: 1s}] | gates.yaml: gate 1: 'op' is missing",
            "[{metric: p95, op: '=>', threshold: 1s}] | gates.yaml: gate 1, op: expected one of <, <=, >, >=, ==, !=",
            "[{op: '<', threshold: 1s}] | gates.yaml: gate 1, metric: 'metric' is missing",
            "[{metric: p95, op: '<', treshold: 1s}] | gates.yaml: gate 1: unknown key 'treshold'; did you mean 'threshold'?",
            "[{metric: p95, op: '<', threshold: 1s, criticality: warn}] | gates.yaml: gate 1, criticality: expected 'failure' or 'unstable', found 'warn'",
            "[{metric: p95, op: '<', threshold: 1s, optional: maybe}] | gates.yaml: gate 1, optional: expected true or false, found 'maybe'",
            "[{metric: p99, op: '<', threshold: 1s, for: 30s}] | gates.yaml: gate 1, for: 'for' windows work with p50, p95, errors and throughput",
            "[{metric: p95, op: '<', threshold: 1s, for: 30}, {metric: p95, op: '<', threshold: 1s, for: 1.5}] | gates.yaml: gate 2, for: a window must be a whole number of seconds",
            "[{metric: tls.grade, op: '>=', threshold: A, stop: true}] | gates.yaml: gate 1, stop: 'stop' works with performance metrics",
            "[{metric: tls.grade, op: '>=', threshold: A, regression: true}] | gates.yaml: gate 1, regression: 'regression' needs a numeric metric",
            "[{metric: p95, label: a, severity: high, op: '<', threshold: 1s}] | gates.yaml: gate 1, selector: p95 cannot be selected by 'severity'",
            "['p95 < 1s', 'p95 <'] | gates.yaml: gate 2, column 6: expected a time such as 800ms or 1.5s",
            "['p95 < 1s; p99 < 1s'] | gates.yaml: gate 1: expected one gate, found 2",
            "[] | gates.yaml: the gate list is empty",
            "[42] | gates.yaml: gate 1: expected a map with metric, op and threshold (or a gate as text), found a integer",
            "{metric: p95} | gates.yaml: expected a list of gates (or a map with a 'gates' list), found a map",
            "'just text' | gates.yaml: expected a list of gates (or a map with a 'gates' list), found text",
    })
    void structuredProblemsNameTheGateAndTheKey(String yaml, String message) {
        GateSyntaxException e = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromYaml(yaml, "gates.yaml"));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.getMessage()).startsWith(message);
    }

    @Test
    void malformedYamlAndJsonPointAtTheLine() {
        GateSyntaxException yaml = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromYaml("gates:\n  - {metric: p95, op: <\n", "g.yaml"));
        assertThat(yaml.getMessage()).startsWith("g.yaml:").contains("not valid YAML");
        assertThat(yaml.line()).isPositive();

        GateSyntaxException json = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromJson("[{\"metric\": \"p95\",\n \"op\" \"<\"}]", "g.json"));
        assertThat(json.getMessage()).startsWith("g.json:2:").contains("not valid JSON");

        GateSyntaxException duplicate = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromJson("[{\"metric\": \"p95\", \"metric\": \"p99\"}]", "g.json"));
        assertThat(duplicate.getMessage()).contains("Duplicate field 'metric'");
    }

    @Test
    void yamlAliasBombsDoNotExpand() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'm'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append("]\n");
        }
        bomb.append("gates: [*m]\n");
        GateSyntaxException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> catchThrowableOfType(GateSyntaxException.class,
                        () -> GateList.fromYaml(bomb.toString(), "bomb.yaml")));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("bomb.yaml: gate 1");
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
