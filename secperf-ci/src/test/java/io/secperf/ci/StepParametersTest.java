package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StepParametersTest {

    private static TestStepParameters params(String plan, String template, String target, String properties,
                                             String gates) {
        return new TestStepParameters(plan, template, target, properties, null, null, gates, null, null, null, null,
                null);
    }

    @Test
    void aTypicalCallIsValid() {
        TestStepParameters p = new TestStepParameters("perf/checkout.jmx", null, "https://staging.example.com",
                "threads=50\nduration=300\n", "perf/security.yaml", "staging-api-token", "p95 < 800ms\n",
                "abort", "FAILURE", null, null, null);
        assertThat(p.checkAll()).isEmpty();
        assertThat(p.errors()).isNull();
        assertThat(p.out()).isEqualTo("secperf-out");
    }

    @Test
    void planOrTemplateExactlyOne() {
        assertThat(params(null, null, "https://x.example", null, "p95 < 1s").errors())
                .contains("give either plan").contains("rest-api-baseline");
        assertThat(params("a.jmx", "login-flow", "https://x.example", null, "p95 < 1s").errors())
                .contains("not both");
        assertThat(params(null, "nope", "https://x.example", null, "p95 < 1s").errors())
                .contains("unknown template 'nope'");
    }

    @Test
    void targetMustBeHttpWithoutUserInfo() {
        assertThat(TestStepParameters.checkTarget("ftp://x").isError()).isTrue();
        assertThat(TestStepParameters.checkTarget("https://user:pw@x.example").message()).contains("credentialsId");
        assertThat(TestStepParameters.checkTarget("https://x.example:8443/api").level()).isEqualTo(Check.Level.OK);
        assertThat(TestStepParameters.checkTarget("${TARGET_URL}").level()).isEqualTo(Check.Level.OK);
        assertThat(TestStepParameters.checkTarget(null).level()).isEqualTo(Check.Level.WARNING);
    }

    @Test
    void secretLookingPropertiesAreRefused() {
        Check c = TestStepParameters.checkProperties("threads=5\napiToken=abc123\n");
        assertThat(c.isError()).isTrue();
        assertThat(c.message()).contains("apiToken").contains("credentialsId").doesNotContain("abc123");
        assertThat(TestStepParameters.checkProperties("not a property").message()).contains("line 1");
        assertThat(TestStepParameters.checkProperties("a=1\na=2").message()).contains("twice");
    }

    @Test
    void credentialsIdIsAnIdNotASecret() {
        assertThat(TestStepParameters.checkCredentialsId("staging-api-token").level()).isEqualTo(Check.Level.OK);
        assertThat(TestStepParameters.checkCredentialsId("Bearer eyJhbGciOi JIUzI1").isError()).isTrue();
    }

    @Test
    void gatesChecks() {
        assertThat(TestStepParameters.checkGates(null).level()).isEqualTo(Check.Level.WARNING);
        assertThat(TestStepParameters.checkGates("# only a comment\n\n").isError()).isTrue();
        assertThat(TestStepParameters.checkGates("[{\"metric\": \"p95\"").isError()).isTrue();
        assertThat(TestStepParameters.checkGates("[{\"metric\": \"p95\", \"op\": \"<\", \"value\": \"800ms\"}]").level())
                .isEqualTo(Check.Level.OK);
        assertThat(GateText.fileName("p95 < 1s")).isEqualTo("gates.txt");
        assertThat(GateText.fileName(" [ ]")).isEqualTo("gates.json");
        assertThat(GateText.needsReference("p95 < 800ms\np95 regression < 10%\n")).isTrue();
        assertThat(GateText.needsReference("p95 < 800ms  # no regression here\n")).isFalse();
        assertThat(GateText.needsReference("[{\"metric\":\"p95\",\"regression\":true}]")).isTrue();
        assertThat(GateText.needsReference(null)).isFalse();
    }

    @Test
    void outMustBeRelativeAndInside() {
        assertThat(TestStepParameters.checkOut("/var/tmp").isError()).isTrue();
        assertThat(TestStepParameters.checkOut("../up").isError()).isTrue();
        assertThat(TestStepParameters.checkOut("results/perf").level()).isEqualTo(Check.Level.OK);
    }

    @Test
    void durationAndEnums() {
        assertThat(TestStepParameters.checkDuration(0).isError()).isTrue();
        assertThat(TestStepParameters.checkPreflight("ABORT").level()).isEqualTo(Check.Level.OK);
        assertThat(TestStepParameters.checkPreflight("maybe").message()).contains("abort, warn or off");
        assertThat(TestStepParameters.checkFailOn("never").level()).isEqualTo(Check.Level.OK);
    }

    @Test
    void inlineSecurityIsRecognised() {
        TestStepParameters p = new TestStepParameters(null, "login-flow", "https://x.example", null,
                "{\"target\": {}}", null, "p95 < 1s", null, null, null, null, null);
        assertThat(p.securityInline()).isTrue();
        assertThat(p.checkAll()).isEmpty();
    }

    @Test
    void gateStepForms() {
        assertThat(new GateStepParameters("passed", null, null, null, null, null, null).checkAll()).isEmpty();
        assertThat(new GateStepParameters("validatedBoth", "perf/checkout#12", null, null, null, null, null)
                .checkAll()).isEmpty();
        assertThat(new GateStepParameters(null, null, "shards/*/secperf-result.json", "p95 < 1s", null, null, null)
                .checkAll()).isEmpty();
        assertThat(new GateStepParameters(null, null, null, null, null, null, null).errors()).contains("give require");
        assertThat(new GateStepParameters("passed", null, "x/*.json", "p95 < 1s", null, null, null).errors())
                .contains("not both");
        assertThat(new GateStepParameters(null, null, "x/*.json", null, null, null, null).errors())
                .contains("results needs gates");
        assertThat(new GateStepParameters("always", null, null, null, null, null, null).errors())
                .contains("'passed' or 'validatedBoth'");
        assertThat(new GateStepParameters("passed", "job#x", null, null, null, null, null).errors())
                .contains("must be a number");
        assertThat(new GateStepParameters(null, null, "../x/*.json", "p95 < 1s", null, null, null).errors())
                .contains("'..' is not allowed");
        assertThat(new GateStepParameters("passed", null, null, "p95 < 1s", null, null, null).errors())
                .contains("gates are evaluated only with results");
    }

    @Test
    void buildReferences() {
        assertThat(BuildReference.parse("perf/checkout")).isEqualTo(new BuildReference("perf/checkout", 0));
        assertThat(BuildReference.parse(" perf/checkout#42 ")).isEqualTo(new BuildReference("perf/checkout", 42));
        assertThatThrownBy(() -> BuildReference.parse("/abs")).hasMessageContaining("full name");
        assertThatThrownBy(() -> BuildReference.parse("job#0")).hasMessageContaining("positive");
    }

    @Test
    void groovyArgumentsBecomeStrings() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("plan", "perf/checkout.jmx");
        args.put("properties", new LinkedHashMap<>(Map.of("threads", 50)));
        args.put("security", Map.of("target", Map.of("baseUrl", "https://x.example")));
        args.put("gates", List.of("p95 < 800ms", "errors < 1%"));
        args.put("duration", "300");
        Map<String, Object> normalized = StepArguments.normalize(args);
        assertThat(normalized.get("properties")).isEqualTo("threads=50\n");
        assertThat((String) normalized.get("security")).startsWith("{").contains("\"baseUrl\"");
        assertThat(normalized.get("gates")).isEqualTo("p95 < 800ms\nerrors < 1%\n");
        assertThat(normalized.get("duration")).isEqualTo(300);
        assertThat(normalized.get("plan")).isEqualTo("perf/checkout.jmx");

        Map<String, Object> structured = StepArguments.normalize(Map.of("gates",
                List.of(Map.of("metric", "p95", "op", "<", "value", "800ms"))));
        assertThat(GateText.structured((String) structured.get("gates"))).isTrue();

        assertThatThrownBy(() -> StepArguments.normalize(Map.of("properties", Map.of("password", "hunter2"))))
                .hasMessageContaining("looks like a secret").hasMessageNotContaining("hunter2");
    }

    @Test
    void propertiesRoundTrip() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("threads", "50");
        m.put("rampUp", "10");
        assertThat(PropertiesText.parse(PropertiesText.format(m))).isEqualTo(m);
        assertThat(PropertiesText.parse("# comment\n\n threads = 5 \n")).containsEntry("threads", "5");
    }
}
