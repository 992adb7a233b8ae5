package io.secperf.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import io.secperf.result.ErrorClass;
import io.secperf.result.GateCategory;
import io.secperf.result.GateCriticality;
import io.secperf.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GateParserTest {

    static final String ISSUE_EXAMPLE = """
            p95 < 800ms
            p99(label="Checkout") < 1.5s
            errors < 1%
            throughput >= 100/s
            p95 regression < 10%                 # against the reference build
            p95 < 800ms for 30s                  # sustained: fails only if violated for 30 s in the per-second series
            tls.grade >= A
            tls.protocol.min >= TLSv1.2
            tls.cert.daysLeft >= 30  as unstable
            auth.bypass == 0
            fuzz.serverErrors == 0
            findings(severity>=high) == 0
            resilience.p95Impact < 25%
            """;

    static Gate one(String text) throws GateSyntaxException {
        List<Gate> gates = GateList.parse(text, "gates").gates();
        assertThat(gates).hasSize(1);
        return gates.get(0);
    }

    static GateSyntaxException error(String text) {
        return catchThrowableOfType(GateSyntaxException.class, () -> GateList.parse(text, "gates"));
    }

    @Test
    void theIssueExampleParsesIntoTheModel() throws GateSyntaxException {
        GateList list = GateList.parse(ISSUE_EXAMPLE, "gates");
        List<Gate> g = list.gates();
        assertThat(g).hasSize(13);

        assertThat(g.get(0).metric()).isEqualTo(Metric.P95);
        assertThat(g.get(0).operator()).isEqualTo(Operator.LT);
        assertThat(g.get(0).threshold().value()).isEqualTo(800.0);
        assertThat(g.get(0).criticality()).isEqualTo(GateCriticality.FAILURE);
        assertThat(g.get(0).line()).isEqualTo(1);

        assertThat(g.get(1).metric()).isEqualTo(Metric.P99);
        assertThat(g.get(1).selector().label()).isEqualTo("Checkout");
        assertThat(g.get(1).threshold().value()).isEqualTo(1500.0);

        assertThat(g.get(2).metric()).isEqualTo(Metric.ERRORS);
        assertThat(g.get(2).threshold().value()).isEqualTo(1.0);
        assertThat(g.get(3).threshold().value()).isEqualTo(100.0);
        assertThat(g.get(3).operator()).isEqualTo(Operator.GE);

        assertThat(g.get(4).relative()).isTrue();
        assertThat(g.get(4).threshold().kind()).isEqualTo(UnitKind.PERCENT);

        assertThat(g.get(5).window()).isEqualTo(Duration.ofSeconds(30));

        assertThat(g.get(6).metric()).isEqualTo(Metric.TLS_GRADE);
        assertThat(g.get(6).threshold().value()).isEqualTo(Grade.A.rank());
        assertThat(g.get(6).category()).isEqualTo(GateCategory.SECURITY);
        assertThat(g.get(7).threshold().value()).isEqualTo(TlsProtocol.TLSV1_2.rank());
        assertThat(g.get(8).criticality()).isEqualTo(GateCriticality.UNSTABLE);
        assertThat(g.get(8).threshold().value()).isEqualTo(30.0);
        assertThat(g.get(9).metric()).isEqualTo(Metric.AUTH_BYPASS);
        assertThat(g.get(10).metric()).isEqualTo(Metric.FUZZ_SERVER_ERRORS);
        assertThat(g.get(11).selector().severity()).isEqualTo(Severity.HIGH);
        assertThat(g.get(11).selector().severityOp()).isEqualTo(Operator.GE);
        assertThat(g.get(12).metric()).isEqualTo(Metric.RESILIENCE_P95_IMPACT);
        assertThat(g.get(12).line()).isEqualTo(13);
    }

    @Test
    void canonicalTextParsesBackToTheSameGates() throws GateSyntaxException {
        String text = ISSUE_EXAMPLE + """
                errors(label="a \\"quoted\\" label", class=timeout) < 0.5% optional
                p95 < 2s for 1m stop
                findings(severity>critical, id='tls.*') == 0 as failure
                throughput regression <= -5%
                tls.cert.daysLeft >= 30d
                median < 1.50s; avg <= 1m ; p999 < 3000ms
                errors.count(class=HTTP_5XX) == 0
                samples >= 1000
                throughput > 6000/m
                """;
        GateList list = GateList.parse(text, "gates");
        GateList again = GateList.parse(list.text(), "canonical");
        assertThat(again.gates()).hasSameSizeAs(list.gates());
        for (int i = 0; i < list.gates().size(); i++) {
            Gate a = list.gates().get(i);
            Gate b = again.gates().get(i);
            assertThat(b.atLine(0)).as(a.text()).isEqualTo(a.atLine(0));
        }
        assertThat(list.text()).contains(
                "errors(label=\"a \\\"quoted\\\" label\", class=TIMEOUT) < 0.5% optional",
                "p95 < 2s for 60s stop",
                "findings(severity>critical, id=\"tls.*\") == 0\n",
                "throughput regression <= -5%",
                "p50 < 1.5s\nmean <= 1m\np99.9 < 3000ms",
                "throughput > 6000/m");
        Gate perMinute = list.gates().get(list.gates().size() - 1);
        assertThat(perMinute.threshold().value()).isEqualTo(100.0);
        assertThat(list.gates().get(15).line()).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p95 < 1ms   | 1",
            "p95 < 1.5s  | 1500",
            "p95 < 2 s   | 2000",
            "p95 < 2m    | 120000",
            "p95 < 2min  | 120000",
            "p95 < 1h    | 3600000",
            "p95 < 0     | 0",
            "errors < 0.25%     | 0.25",
            "errors == 0        | 0",
            "throughput > 10/s  | 10",
            "throughput > 120/m | 2",
            "throughput >= 0    | 0",
            "samples >= 1000    | 1000",
            "tls.cert.daysLeft >= 14 days | 14",
            "tls.cert.daysLeft > -1 | -1",
            "resilience.p95Impact < -2.5% | -2.5",
            "tls.grade >= A+ | 9", "tls.grade >= A- | 7", "tls.grade > b | 6", "tls.grade >= T | 1",
            "tls.grade >= M | 0", "tls.grade >= F | 2",
            "tls.protocol.min >= SSLv3 | 1", "tls.protocol.min >= tlsv1 | 2", "tls.protocol.min >= TLSv1.0 | 2",
            "tls.protocol.min >= TLSv1.1 | 3", "tls.protocol.min >= TLS1.2 | 4", "tls.protocol.min == TLSv1.3 | 5",
    })
    void unitsGiveTheCanonicalValue(String gate, double value) throws GateSyntaxException {
        assertThat(one(gate).threshold().value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"<,LT", "<=,LE", ">,GT", ">=,GE", "==,EQ", "!=,NE"})
    void everyOperator(String symbol, Operator operator) throws GateSyntaxException {
        Gate gate = one("p95 " + symbol + " 1s");
        assertThat(gate.operator()).isEqualTo(operator);
        assertThat(gate.text()).isEqualTo("p95 " + symbol + " 1s");
    }

    @Test
    void operatorsCompare() {
        assertThat(Operator.LT.test(1, 2)).isTrue();
        assertThat(Operator.LT.test(2, 2)).isFalse();
        assertThat(Operator.LE.test(2, 2)).isTrue();
        assertThat(Operator.LE.test(3, 2)).isFalse();
        assertThat(Operator.GT.test(3, 2)).isTrue();
        assertThat(Operator.GT.test(2, 2)).isFalse();
        assertThat(Operator.GE.test(2, 2)).isTrue();
        assertThat(Operator.GE.test(1, 2)).isFalse();
        assertThat(Operator.EQ.test(0, 0)).isTrue();
        assertThat(Operator.EQ.test(0, 1)).isFalse();
        assertThat(Operator.NE.test(0, 1)).isTrue();
        assertThat(Operator.NE.test(1, 1)).isFalse();
    }

    @Test
    void modifiersInAnyOrderCommentsAndSeparators() throws GateSyntaxException {
        Gate gate = one("  P95 < 800MS stop optional as unstable for 30S   # trailing comment");
        assertThat(gate.metric()).isEqualTo(Metric.P95);
        assertThat(gate.stop()).isTrue();
        assertThat(gate.optional()).isTrue();
        assertThat(gate.criticality()).isEqualTo(GateCriticality.UNSTABLE);
        assertThat(gate.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(gate.text()).isEqualTo("p95 < 800ms for 30s as unstable optional stop");

        GateList list = GateList.parse("# header\n\n p95 < 1s ; errors < 1%\r\n\n# end", "gates");
        assertThat(list.gates()).extracting(Gate::line).containsExactly(3, 3);
        assertThat(one("errors(class=TIMEOUT, label=api) < 1%").selector())
                .isEqualTo(new Selector("api", ErrorClass.TIMEOUT, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // input | line | column | message part | suggestion
            "p59 < 800ms | 1 | 1 | unknown metric 'p59'; did you mean 'p95'? | p95",
            "througput >= 1/s | 1 | 1 | unknown metric 'througput'; did you mean 'throughput'? | throughput",
            "tls.grad >= A | 1 | 1 | did you mean 'tls.grade'? | tls.grade",
            "latency < 1s | 1 | 1 | unknown metric 'latency'; known metrics: p50, p90, p95 | ",
            "< 1s | 1 | 1 | expected a metric name such as p95, errors or tls.grade, found '<' | ",
            "p95 lt 800ms | 1 | 5 | expected an operator (<, <=, >, >=, ==, !=) after 'p95', found 'lt'; write < | <",
            "p95 = 800ms | 1 | 5 | '=' is not a comparison; write == | ==",
            "p95 ! 800ms | 1 | 5 | '!' alone is not an operator | ",
            "p95 < | 1 | 6 | expected a time such as 800ms or 1.5s after 'p95 <', found the end of the gate list | ",
            "p95 < 800 | 1 | 7 | p95 is a time: write 800ms or 800s | ",
            "p95 < 800xs | 1 | 10 | p95 is a time: write 800ms or 800s; found unit 'xs' | ",
            "p95 < -5ms | 1 | 7 | a signed threshold makes no sense for p95 | ",
            "errors < 1 | 1 | 10 | errors is a percentage: write 1% | ",
            "errors < 1 ms | 1 | 12 | errors is a percentage: write 1%; found unit 'ms' | ",
            "throughput > 100 | 1 | 14 | throughput is a rate: write 100/s | ",
            "throughput > 100/h | 1 | 18 | expected s or m after '/' | ",
            "auth.bypass == 0% | 1 | 17 | auth.bypass is a count; write a plain number without '%' | ",
            "tls.cert.daysLeft > 3w | 1 | 22 | unknown unit 'w'; tls.cert.daysLeft is a number of days | ",
            "tls.grade >= B+ | 1 | 14 | expected a grade (A+, A, A-, B, C, D, E, F, T, M) after 'tls.grade >=', found 'B+' | ",
            "tls.grade >= 3 | 1 | 14 | expected a grade | ",
            "tls.protocol.min >= TLSv1.4 | 1 | 21 | expected a TLS protocol version (SSLv2, SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3) | ",
            "tls.grade regression < 1% | 1 | 11 | 'regression' needs a numeric metric; tls.grade is a grade | ",
            "p95 regression < 10ms | 1 | 20 | p95 regression is a percentage: write 10% | ",
            "p95 < 800ms for 30 | 1 | 19 | a window needs a time unit: write 30s | ",
            "p95 < 800ms for 1500ms | 1 | 17 | a window must be a whole number of seconds from 1s to 24h | ",
            "p95 < 800ms for 25h | 1 | 17 | a window must be a whole number of seconds from 1s to 24h | ",
            "p95 < 800ms for | 1 | 16 | expected a duration such as 30s or 2m after 'for' | ",
            "p99 < 1s for 30s | 1 | 10 | 'for' windows work with p50, p95, errors and throughput | ",
            "p95(label=x) < 1s for 30s | 1 | 19 | 'for' windows use the overall per-second series | ",
            "p95 regression < 5% for 30s | 1 | 21 | 'for' windows cannot be combined with 'regression' | ",
            "p95 < 800ms for 30s for 30s | 1 | 21 | 'for' is given twice | ",
            "p95 < 800ms optional optional | 1 | 22 | 'optional' is given twice | ",
            "p95 < 800ms as unstabel | 1 | 16 | expected 'unstable' or 'failure' after 'as', found 'unstabel'; did you mean 'unstable'? | unstable",
            "p95 < 800ms as | 1 | 15 | expected 'unstable' or 'failure' after 'as' | ",
            "p95 < 800ms unstable | 1 | 13 | write 'as unstable' | as unstable",
            "p95 < 800ms optinal | 1 | 13 | found 'optinal'; did you mean 'optional'? | optional",
            "p95 < 800ms p99 < 1s | 1 | 13 | found the metric 'p99'; put each gate on its own line or separate gates with ';' | ",
            "p95 < 800ms 5 | 1 | 13 | expected the end of the gate (a new line or ';'), found '5' | ",
            "tls.grade >= A stop | 1 | 16 | 'stop' works with performance metrics measured during the load | ",
            "p95 regression < 5% stop | 1 | 21 | 'stop' cannot be combined with 'regression' | ",
            "tls.grade(label=x) >= A | 1 | 10 | tls.grade takes no selector | ",
            "p95(lable=\"a\") < 1s | 1 | 5 | unknown selector 'lable'; p95 takes label=\"...\"; did you mean 'label'? | label",
            "p95(severity>=high) < 1s | 1 | 5 | p95 cannot be selected by 'severity' | ",
            "p95(label>x) < 1s | 1 | 10 | expected '=' after 'label', found '>' | ",
            "p95(label=) < 1s | 1 | 11 | expected a value after 'label=', found ')' | ",
            "p95(label=x label=y) < 1s | 1 | 13 | expected ',' or ')' after the selector, found 'label' | ",
            "p95(label=x, label=y) < 1s | 1 | 14 | 'label' is given twice | ",
            "p95() < 1s | 1 | 5 | expected a selector (label=\"...\"), found ')' | ",
            "p95(label=\"a) < 1s | 1 | 11 | unterminated string: expected a closing \" | ",
            "findings(severity>=hihg) == 0 | 1 | 20 | unknown severity 'hihg'; expected one of info, low, medium, high, critical; did you mean 'high'? | high",
            "errors(class=TIMOUT) < 1% | 1 | 14 | unknown error class 'TIMOUT'; expected one of HTTP_4XX | TIMEOUT",
            "p95 < 800ms @ | 1 | 13 | unexpected character '@' | ",
            "'' | 1 | 1 | the gate list is empty: expected at least one gate such as 'p95 < 800ms' | ",
            "`p95 < 1s\n  errors <` | 2 | 11 | expected a percentage such as 1% after 'errors <', found the end of the gate list | ",
            "`p95 < 1s\n\n# x\n  p59 < 1s` | 4 | 3 | unknown metric 'p59' | p95",
    })
    void everySyntaxErrorSaysWhereWhatWasExpectedAndWhatWasFound(String input, int line, int column, String message,
                                                               String suggestion) {
        String text = input.equals("''") ? "" : input.replace("\\n", "\n");
        GateSyntaxException e = error(text);
        assertThat(e).as(text).isNotNull();
        assertThat(e.getMessage()).startsWith("gates:" + line + ":" + column + ": ").contains(message);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.expected()).isNotBlank();
        assertThat(e.found()).isNotBlank();
        assertThat(e.suggestion()).isEqualTo(suggestion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms", "s", "h"})
    void aNumberOutOfRangeIsASyntaxErrorNotAnInternalError(String unit) {
        // issue 9: "p95 < 1" + 400 zeros + "ms" threw IllegalArgumentException (threshold must be finite), exit 5
        String text = "p95 < 1" + "0".repeat(400) + unit;
        GateSyntaxException e = error(text);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("gates:1:7: ").contains("number out of range").contains("401 digits")
                .hasSizeLessThan(400);
        assertThat(error("errors < 10000000000000%")).isNotNull();
        assertThat(error("throughput > 1" + "0".repeat(400) + "/s").getMessage()).contains("number out of range");
    }

    @Test
    void theExcerptPutsACaretUnderTheOffendingText() {
        GateSyntaxException e = error("p95 < 1s\n\terrors < 1 ms  # x");
        assertThat(e.excerpt()).isEqualTo("   errors < 1 ms  # x\n  " + " ".repeat(12) + "^^");
        assertThat(error("p59 < 800ms").excerpt()).isEqualTo("  p59 < 800ms\n  ^^^");
    }

    @Test
    void anUnknownMetricIsNeverSilentlyAccepted() {
        for (String name : List.of("latency", "p96", "error", "tls.grades", "TLS_GRADE")) {
            assertThatThrownBy(() -> GateList.parse(name + " < 1", "gates"))
                    .isInstanceOf(GateSyntaxException.class).hasMessageContaining("unknown metric");
        }
    }

    @Test
    void aliasesAndCaseInsensitiveNames() throws GateSyntaxException {
        assertThat(one("median < 1s").metric()).isEqualTo(Metric.P50);
        assertThat(one("avg < 1s").metric()).isEqualTo(Metric.MEAN);
        assertThat(one("p999 < 1s").metric()).isEqualTo(Metric.P999);
        assertThat(one("P99.9 < 1s").metric()).isEqualTo(Metric.P999);
        assertThat(one("TLS.Cert.DaysLeft >= 1").metric()).isEqualTo(Metric.TLS_CERT_DAYS_LEFT);
    }

    @Test
    void nearestNameUsesDamerauDistance() {
        assertThat(NameDistance.distance("p59", "p95")).isEqualTo(1);
        assertThat(NameDistance.distance("throughput", "througput")).isEqualTo(1);
        assertThat(NameDistance.distance("abc", "abc")).isZero();
        assertThat(NameDistance.distance("", "abc")).isEqualTo(3);
        assertThat(NameDistance.nearest("erors", Metric.allNames())).isEqualTo("errors");
        assertThat(NameDistance.nearest("xyz", Metric.allNames())).isNull();
    }
}
