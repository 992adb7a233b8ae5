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
}
