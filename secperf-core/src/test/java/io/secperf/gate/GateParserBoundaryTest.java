package io.secperf.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.secperf.result.VerdictStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edges of the gate language that only mutation testing showed were unpinned (docs/testing.md). */
class GateParserBoundaryTest {

    private static String yamlProblem(String yaml) {
        GateSyntaxException e = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromYaml(yaml, "gates.yaml"));
        assertThat(e).as(yaml).isNotNull();
        return e.getMessage();
    }

    private static String textProblem(String gates) {
        GateSyntaxException e = catchThrowableOfType(GateSyntaxException.class, () -> GateList.parse(gates, "g"));
        assertThat(e).as(gates).isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{metric: p95, op: '<', threshold: 800ms junk}] | expected the end of the threshold, found",
            "[{metric: p95 junk, op: '<', threshold: 800ms}] | expected the end of the metric, found",
            "[{metric: p95, op: '<', threshold: 1s, for: 30s junk}] | expected the end of the window, found",
            "[{metric: errors, label: 'a', op: '<', threshold: 1%, selector: 'label=\"b\" junk'}] | ",
    })
    void structuredValuesWithTrailingTextAreRefused(String yaml, String message) {
        String problem = yamlProblem(yaml);
        assertThat(problem).startsWith("gates.yaml: gate 1");
        if (message != null) {
            assertThat(problem).contains(message);
        }
    }

    @Test
    void aRepeatedClauseIsRefusedNotOverwritten() {
        assertThat(textProblem("p95 < 1s as failure as unstable")).contains("'as' is given twice");
        assertThat(textProblem("p95 < 1s stop stop")).contains("'stop' is given twice");
        assertThat(textProblem("p95 < 1s for 10s for 20s")).contains("'for' is given twice");
        assertThat(textProblem("p95 < 1s optional optional")).contains("'optional' is given twice");
    }

    @Test
    void aWindowOfExactly24HoursIsTheLongestAccepted() throws GateSyntaxException {
        assertThat(GateList.parse("p95 < 1s for 86400s", "g").gates().get(0).window()).isEqualTo(Duration.ofHours(24));
        assertThat(GateList.parse("p95 < 1s for 1440m", "g").gates().get(0).window()).isEqualTo(Duration.ofHours(24));
        assertThat(GateList.parse("p95 < 1s for 1s", "g").gates().get(0).window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(textProblem("p95 < 1s for 86401s")).contains("from 1s to 24h, found '86401s'");
        assertThat(textProblem("p95 < 1s for 1441m")).contains("from 1s to 24h, found '1441m'");
        assertThat(textProblem("p95 < 1s for 0.5s")).contains("from 1s to 24h, found '0.5s'");
    }

    @Test
    void aFailedSummaryWithMoreThanThreeGatesKeepsTheFirstThree() throws GateSyntaxException {
        GateReport report = GateEvaluatorTest.evaluate("""
                p95 < 1ms
                p50 < 1ms
                max < 1ms
                avg < 1ms
                samples < 5
                """, GateEvaluatorTest.TWO_LABELS);
        assertThat(report.verdict().status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(report.verdict().summary())
                .isEqualTo("FAILED: 5 of 5 gates failed: p95 < 1ms; p50 < 1ms; max < 1ms; ...");
    }

    private static GateSyntaxException textError(String gates) {
        GateSyntaxException e = catchThrowableOfType(GateSyntaxException.class, () -> GateList.parse(gates, "g"));
        assertThat(e).as(gates).isNotNull();
        return e;
    }

    @Test
    void aSelectorComparisonNamesWhatItExpects() {
        GateSyntaxException label = textError("errors(label < \"x\") < 1%");
        assertThat(label.expected()).isEqualTo("'='");
        assertThat(label.problem()).isEqualTo("expected '=' after 'label', found '<'");
        GateSyntaxException severity = textError("findings(severity high) == 0");
        assertThat(severity.expected()).isEqualTo("a comparison (=, >=, >, <=, <)");
        assertThat(severity.problem()).isEqualTo("expected a comparison (=, >=, >, <=, <) after 'severity', found 'high'");
    }

    @Test
    void anUnknownErrorClassSuggestsOnlyANearName() {
        String names = String.join(", ", java.util.Arrays.stream(io.secperf.result.ErrorClass.errorClasses())
                .map(io.secperf.result.ErrorClass::name).toList());
        assertThat(textError("errors(class=TIMOUT) < 1%").problem())
                .isEqualTo("unknown error class 'TIMOUT'; expected one of " + names + "; did you mean 'TIMEOUT'?");
        GateSyntaxException far = textError("errors(class=QQQQQQQQQQ) < 1%");
        assertThat(far.problem()).isEqualTo("unknown error class 'QQQQQQQQQQ'; expected one of " + names);
        assertThat(far.suggestion()).isNull();
    }

    @Test
    void theLargestThresholdIsAcceptedAndTheNextIsNot() throws GateSyntaxException {
        assertThat(GateList.parse("samples < 1000000000000", "g").gates().get(0).threshold().value())
                .isEqualTo(1e12);
        assertThat(GateList.parse("tls.cert.daysLeft > -1000000000000", "g").gates().get(0).threshold().value())
                .isEqualTo(-1e12);
        assertThat(textError("samples < 1000000000001").problem()).isEqualTo("number out of range: 1000000000001 "
                + "(a threshold is at most 1000000000000 in its unit)");
    }

    @Test
    void anOutOfRangeNumberIsShownWholeUpTo20DigitsThenCut() {
        assertThat(textError("samples < 12345678901234567890").problem())
                .startsWith("number out of range: 12345678901234567890 (a threshold");
        assertThat(textError("samples < 123456789012345678901").problem())
                .startsWith("number out of range: 12345678901234567890... (21 digits) (a threshold");
    }

    @Test
    void badGradesAndWindowsAreUnderlinedExactly() {
        // text after the problem, so that the underline is not cut at the end of the line
        assertThat(textError("tls.grade >= Q+ as unstable").excerpt())
                .isEqualTo("  tls.grade >= Q+ as unstable\n  " + " ".repeat(13) + "^^");
        assertThat(textError("p95 < 1s for 0.5s as unstable").excerpt())
                .isEqualTo("  p95 < 1s for 0.5s as unstable\n  " + " ".repeat(13) + "^^^^");
    }

    @Test
    void anExplicitPlusSignIsAcceptedOnlyDirectlyBeforeTheNumber() throws GateSyntaxException {
        Gate plus = GateList.parse("p95 regression < +5%", "g").gates().get(0);
        assertThat(plus.threshold().value()).isEqualTo(5.0);
        assertThat(plus.threshold().text()).isEqualTo("5%");
        assertThat(GateList.parse("p95 regression < -5%", "g").gates().get(0).threshold().value()).isEqualTo(-5.0);
        assertThat(textError("p95 regression < - 5%").problem()).startsWith("expected a percentage")
                .endsWith("found '-'");
    }

    @Test
    void lexerErrorsOnLaterLinesHaveTheirColumnInThatLine() {
        GateSyntaxException e = textError("p95 < 1s\nerrors < 1% @");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.excerpt()).isEqualTo("  errors < 1% @\n  " + " ".repeat(12) + "^");
    }

    @Test
    void theExcerptIsTheOffendingLineOnlyWithoutItsCarriageReturn() {
        assertThat(textError("p59 < 1s\r\np95 < 1s").excerpt()).isEqualTo("  p59 < 1s\n  ^^^");
        assertThat(textError("p95 < 1s\r\np59 < 1s\r\n").excerpt()).isEqualTo("  p59 < 1s\n  ^^^");
        assertThat(textError("p59 < 1s\np95 < 1s").excerpt()).isEqualTo("  p59 < 1s\n  ^^^");
    }

    @Test
    void aStringTokenIsUnderlinedWithItsQuotes() {
        assertThat(textError("p95(\"ab\") < 1s").excerpt()).isEqualTo("  p95(\"ab\") < 1s\n      ^^^^");
    }

    @Test
    void escapesInStringsAndABackslashAtTheEnd() throws GateSyntaxException {
        assertThat(GateList.parse("p95(label=\"a\\\"b\") < 1s", "g").gates().get(0).selector().label())
                .isEqualTo("a\"b");
        assertThat(GateList.parse("p95(label='a\\'b') < 1s", "g").gates().get(0).selector().label())
                .isEqualTo("a'b");
        assertThat(GateList.parse("p95(label=\"a\\\\b\") < 1s", "g").gates().get(0).selector().label())
                .isEqualTo("a\\b");
        assertThat(GateList.parse("p95(label=\"a\\nb\") < 1s", "g").gates().get(0).selector().label())
                .isEqualTo("a\\nb");
        assertThat(textError("p95(label=\"a\\").problem()).isEqualTo("unterminated string: expected a closing \"");
    }

    @Test
    void aNumberEndingInADotIsNotANumber() throws GateSyntaxException {
        assertThat(textError("samples < 5.").problem()).isEqualTo("unexpected character '.'");
        assertThat(textError("samples < 5.x").problem()).isEqualTo("unexpected character '.'");
        assertThat(GateList.parse("tls.cert.daysLeft > 1.5", "g").gates().get(0).threshold().value()).isEqualTo(1.5);
    }

    @Test
    void aSemicolonAndALineEndAreNamedAsSuch() {
        assertThat(textError("p95 <; p50 < 1s").problem()).endsWith("found ';'");
        assertThat(textError("p95 <\np50 < 1s").problem()).endsWith("found the end of the line");
    }

    @Test
    void structuredBooleansSeverityAndCriticality() throws GateSyntaxException {
        Gate off = GateList.fromYaml("[{metric: p95, op: '<', threshold: 1s, optional: false, stop: 'no', "
                + "regression: false}]", "gates.yaml").gates().get(0);
        assertThat(off.optional()).isFalse();
        assertThat(off.stop()).isFalse();
        assertThat(off.relative()).isFalse();
        Gate on = GateList.fromYaml("[{metric: p95, op: '<', threshold: 1s, optional: 'yes', stop: 'true'}]",
                "gates.yaml").gates().get(0);
        assertThat(on.optional()).isTrue();
        assertThat(on.stop()).isTrue();
        Gate below = GateList.fromYaml("[{metric: findings, severity: '<medium', op: '==', threshold: 0}]",
                "gates.yaml").gates().get(0);
        assertThat(below.text()).isEqualTo(GateList.parse("findings(severity<medium) == 0", "g").gates().get(0).text());
        assertThat(yamlProblem("[{metric: p95, op: '<', threshold: 1s, criticality: unstabel}]"))
                .isEqualTo("gates.yaml: gate 1, criticality: expected 'failure' or 'unstable', found 'unstabel'; "
                        + "did you mean 'unstable'?");
        assertThat(yamlProblem("[{metric: p95, op: '<', threshold: 1s, criticality: zzzzzzzz}]"))
                .isEqualTo("gates.yaml: gate 1, criticality: expected 'failure' or 'unstable', found 'zzzzzzzz'");
        assertThat(yamlProblem("[null]")).isEqualTo("gates.yaml: gate 1: expected a map with metric, op and threshold "
                + "(or a gate as text), found nothing");
    }

    @Test
    void anUnknownStructuredUnitIsAWordAfterTheNumber() {
        assertThat(yamlProblem("[{metric: tls.cert.daysLeft, op: '>', threshold: 5, unit: w}]"))
                .isEqualTo("gates.yaml: gate 1, threshold/unit: expected the end of the threshold, found 'w'");
    }

    @Test
    void invalidJsonOrYamlIsPlacedAlsoOnTheLastLine() {
        GateSyntaxException json = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromJson("[\"p95 < 1s\",\n \"p50 < 1s\" x]", "g.json"));
        assertThat(json.line()).isEqualTo(2);
        assertThat(json.column()).isEqualTo(13);
        assertThat(json.excerpt()).isEqualTo("   \"p50 < 1s\" x]\n  " + " ".repeat(12) + "^");
        assertThat(json.problem()).startsWith("not valid JSON: Unexpected character ('x'").doesNotContain("\n");
        GateSyntaxException yaml = catchThrowableOfType(GateSyntaxException.class,
                () -> GateList.fromYaml("- p95 < 1s\n- {metric: p95, op: '<'\n", "g.yaml"));
        assertThat(yaml.line()).isEqualTo(2);
        assertThat(yaml.column()).isEqualTo(24);
        assertThat(yaml.excerpt()).isEqualTo("  - {metric: p95, op: '<'\n  " + " ".repeat(23) + "^");
        assertThat(yaml.problem()).isEqualTo("not valid YAML: while parsing a flow mapping");
    }

    @Test
    void aFailedSummaryOfExactlyThreeGatesListsThemAll() throws GateSyntaxException {
        GateReport report = GateEvaluatorTest.evaluate("p95 < 1ms\np50 < 1ms\nmax < 1ms\nsamples > 5",
                GateEvaluatorTest.TWO_LABELS);
        assertThat(report.verdict().summary()).isEqualTo("FAILED: 3 of 4 gates failed: p95 < 1ms; p50 < 1ms; max < 1ms");
    }

    @Test
    void optionalExcusesAMissingMetricButNotARunWithoutSamples() throws GateSyntaxException {
        io.secperf.result.GateResult missing = GateEvaluatorTest.single("p95(label=\"nope\") < 1s optional",
                GateEvaluatorTest.TWO_LABELS);
        assertThat(missing.status()).isEqualTo(io.secperf.result.GateStatus.NOT_EVALUATED);
        assertThat(missing.message()).startsWith("p95 of nope not measured (no samples with label 'nope'")
                .endsWith("; optional, so not evaluated");
        io.secperf.result.GateResult noData = GateEvaluatorTest.single("p95(label=\"nope\") < 1s optional",
                GateEvaluatorTest.EMPTY);
        assertThat(noData.status()).isEqualTo(io.secperf.result.GateStatus.FAILED);
        assertThat(noData.message()).isEqualTo("p95 of nope not measured: the run has no samples");
    }

    @Test
    void anEscapedBackslashRightBeforeTheClosingQuoteEndsTheString() throws GateSyntaxException {
        assertThat(GateList.parse("p95(label=\"a\\\\\") < 1s", "g").gates().get(0).selector().label())
                .isEqualTo("a\\");
    }

    @Test
    void aNumberThatIsNoDecimalIsShownAsJavaWritesIt() {
        GateSyntaxException e = catchThrowableOfType(GateSyntaxException.class, () -> GateList.fromData(
                java.util.List.of(java.util.Map.of("metric", "p95", "op", "<", "threshold", Double.POSITIVE_INFINITY,
                        "unit", "ms")), "data"));
        assertThat(e.getMessage()).isEqualTo("data: gate 1, threshold/unit: expected a time such as 800ms or 1.5s, "
                + "found 'Infinityms'");
    }

    @Test
    void anUnmeasuredRegressionGateIsInPercentLikeItsThreshold() throws GateSyntaxException {
        GateReference reference = new GateReference(GateEvaluatorTest.TWO_LABELS,
                SecurityMeasurements.of(GateEvaluatorTest.TWO_LABELS), "build #41");
        io.secperf.result.GateResult relative = new GateEvaluator().evaluate(
                GateList.parse("p95(label=\"nope\") regression < 10%", "g"), GateEvaluatorTest.TWO_LABELS, reference)
                .results().get(0);
        assertThat(relative.status()).isEqualTo(io.secperf.result.GateStatus.FAILED);
        assertThat(relative.unit()).isEqualTo("%");
        assertThat(relative.message()).startsWith("p95 of nope regression not measured: no samples with label 'nope'");
        assertThat(GateEvaluatorTest.single("p95(label=\"nope\") < 1s", GateEvaluatorTest.TWO_LABELS).unit())
                .isEqualTo("ms");
    }
}
