package io.secperf.gate;

import static io.secperf.gate.Results.T0;
import static io.secperf.gate.Results.aggregate;
import static io.secperf.gate.Results.document;
import static io.secperf.gate.Results.failed;
import static io.secperf.gate.Results.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.secperf.result.Finding;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunResult;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.result.VerdictStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateEvaluatorTest {

    @TempDir
    Path dir;

    /** "home": 100 samples of 1..100 ms, all fine; "Checkout": 10 samples of 1000 ms, one 500 and one timeout. */
    static RunResult twoLabels() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(ok("home", T0 + i * 10L, i));
        }
        for (int i = 0; i < 8; i++) {
            samples.add(ok("Checkout", T0 + i * 100L, 1000));
        }
        samples.add(failed("Checkout", T0 + 900, 1000, "500"));
        samples.add(failed("Checkout", T0 + 950, 1000, "Non HTTP response code: java.net.SocketTimeoutException"));
        return aggregate(samples);
    }

    static final ResultDocument TWO_LABELS = document(twoLabels());
    static final ResultDocument EMPTY = document(RunResult.empty());

    static GateReport evaluate(String gates, ResultDocument document) throws GateSyntaxException {
        return new GateEvaluator().evaluate(GateList.parse(gates, "gates"), document, null);
    }

    static GateResult single(String gate, ResultDocument document) throws GateSyntaxException {
        return evaluate(gate, document).results().get(0);
    }

    static GateResult single(String gate, ResultDocument document, SecurityMeasurements security)
            throws GateSyntaxException {
        return new GateEvaluator().evaluate(GateList.parse(gate, "gates"), document, security, null).results().get(0);
    }

    @Test
    void eachPerformanceMetricReadsItsStatistic() throws GateSyntaxException {
        LabelStats all = TWO_LABELS.result().overall();
        LabelStats checkout = TWO_LABELS.result().label("Checkout");
        record Case(String metric, double overall, double ofCheckout) {
        }
        List<Case> cases = List.of(
                new Case("p50", all.p50Ms(), checkout.p50Ms()),
                new Case("p90", all.p90Ms(), checkout.p90Ms()),
                new Case("p95", all.p95Ms(), checkout.p95Ms()),
                new Case("p99", all.p99Ms(), checkout.p99Ms()),
                new Case("p99.9", all.p999Ms(), checkout.p999Ms()),
                new Case("max", all.maxMs(), checkout.maxMs()),
                new Case("mean", all.meanMs(), checkout.meanMs()),
                new Case("errors", 100.0 * 2 / 110, 20.0),
                new Case("errors.count", 2, 2),
                new Case("throughput", all.throughput(), checkout.throughput()),
                new Case("samples", 110, 10));
        for (Case c : cases) {
            Metric metric = Metric.byName(c.metric());
            String unit = switch (metric.kind()) {
                case DURATION -> "ms";
                case PERCENT -> "%";
                case RATE -> "/s";
                default -> "";
            };
            String limit = UnitKind.decimals(c.overall(), 3) + unit;
            GateResult equal = single(c.metric() + " == " + limit, TWO_LABELS);
            assertThat(equal.value()).as(c.metric()).isCloseTo(c.overall(), org.assertj.core.data.Offset.offset(1e-3));
            GateResult ofCheckout = single(c.metric() + "(label=\"Checkout\") >= 0" + (unit.isEmpty() ? "" : "0" + unit),
                    TWO_LABELS);
            assertThat(ofCheckout.value()).as(c.metric() + " of Checkout").isEqualTo(c.ofCheckout());
            assertThat(ofCheckout.status()).isEqualTo(GateStatus.PASSED);
        }
        assertThat(single("errors(class=HTTP_5XX) == 10%", TWO_LABELS.withGates(List.of(), null),
                SecurityMeasurements.none()).status()).isEqualTo(GateStatus.FAILED);
        assertThat(single("errors(class=HTTP_5XX) < 1%", TWO_LABELS).value()).isCloseTo(100.0 / 110,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(single("errors(label=Checkout, class=TIMEOUT) == 10%", TWO_LABELS).status())
                .isEqualTo(GateStatus.PASSED);
        assertThat(single("errors.count(class=TIMEOUT) == 1", TWO_LABELS).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("errors.count(class=AUTH_REJECTED) == 0", TWO_LABELS).status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void messagesAreOneReadableLine() throws GateSyntaxException {
        GateResult slow = single("p95(label=\"Checkout\") < 800ms", TWO_LABELS);
        assertThat(slow.status()).isEqualTo(GateStatus.FAILED);
        assertThat(slow.message()).isEqualTo("p95 of Checkout is 1 s, above 800 ms");
        assertThat(slow.measured()).isEqualTo("1 s");
        assertThat(slow.threshold()).isEqualTo("< 800 ms");
        assertThat(slow.expression()).isEqualTo("p95(label=\"Checkout\") < 800ms");
        assertThat(slow.unit()).isEqualTo("ms");
        assertThat(slow.value()).isEqualTo(1000.0);

        assertThat(single("p95(label=\"Checkout\") < 1.5s", TWO_LABELS).message())
                .isEqualTo("p95 of Checkout is 1 s, below 1.5 s");
        assertThat(single("errors < 1%", TWO_LABELS).message()).isEqualTo("errors is 1.82%, above 1%");
        assertThat(single("errors(class=TIMEOUT, label=Checkout) <= 10%", TWO_LABELS).message())
                .isEqualTo("errors (TIMEOUT) of Checkout is 10%, at most 10%");
        assertThat(single("max < 1s", TWO_LABELS).message()).isEqualTo("max is 1 s, equal to 1 s");
        assertThat(single("samples != 110", TWO_LABELS).message()).isEqualTo("samples is 110, equal to 110");
        assertThat(single("samples >= 200", TWO_LABELS).message()).isEqualTo("samples is 110, below 200");
    }

    @Test
    void aRunWithoutSamplesFailsEveryPerformanceGateEvenOptionalOnes() throws GateSyntaxException {
        GateReport report = evaluate("""
                p95 < 800ms
                errors < 1%
                errors == 0
                samples < 5
                throughput >= 0/s optional
                p95 < 1s for 10s
                p95(label=x) < 1s optional
                """, EMPTY);
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(GateStatus.FAILED);
            assertThat(r.message()).endsWith("not measured: the run has no samples");
            assertThat(r.measured()).isNull();
        });
        assertThat(report.verdict().status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(report.verdict().failed()).isEqualTo(7);
    }

    @Test
    void aMissingLabelIsNotMeasuredNotAPass() throws GateSyntaxException {
        GateResult missing = single("p95(label=\"Chekout\") < 800ms", TWO_LABELS);
        assertThat(missing.status()).isEqualTo(GateStatus.FAILED);
        assertThat(missing.message()).isEqualTo(
                "p95 of Chekout not measured: no samples with label 'Chekout' (labels: Checkout, home)");
        GateResult optional = single("p95(label=\"Chekout\") < 800ms optional", TWO_LABELS);
        assertThat(optional.status()).isEqualTo(GateStatus.NOT_EVALUATED);
        assertThat(optional.message()).contains("optional, so not evaluated");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tls.grade >= A             | no TLS probe ran",
            "tls.protocol.min >= TLSv1.2 | no TLS probe ran",
            "tls.cert.daysLeft >= 30    | no TLS probe ran",
            "auth.bypass == 0           | no authentication checks ran",
            "fuzz.serverErrors == 0     | no fuzzing ran",
            "findings(severity>=high) == 0 | no security checks ran",
            "resilience.p95Impact < 25% | no attack traffic ran, or no clean window before it",
            "resilience.throughputImpact > -20% | no attack traffic ran, or no clean window before it",
    })
    void securityMetricsThatWereNotMeasuredFailUnlessOptional(String gate, String why) throws GateSyntaxException {
        GateResult required = single(gate, TWO_LABELS);
        assertThat(required.status()).isEqualTo(GateStatus.FAILED);
        assertThat(required.message()).endsWith("not measured: " + why);
        GateResult unstable = single(gate + " as unstable", TWO_LABELS);
        assertThat(unstable.status()).isEqualTo(GateStatus.UNSTABLE);
        GateResult optional = single(gate + " optional", TWO_LABELS);
        assertThat(optional.status()).isEqualTo(GateStatus.NOT_EVALUATED);
        assertThat(optional.message()).contains("not measured (" + why + "); optional");
    }

    @Test
    void securityMetricsReadTheirMeasurements() throws GateSyntaxException {
        SecurityMeasurements security = SecurityMeasurements.none()
                .withValue("tls.grade", "A-")
                .withValue("tls.protocol.min", "TLSv1")
                .withValue("tls.cert.daysLeft", "29")
                .withValue("resilience.p95Impact", "12.5%")
                .withCheck("auth").withCheck("fuzz");
        security = new SecurityMeasurements(security.values(), security.checks(), List.of(
                new Finding("auth.bypass.alg-none", Severity.CRITICAL, "alg none accepted", "", ""),
                new Finding("tls.protocol.tls10", Severity.HIGH, "TLS 1.0", "", ""),
                new Finding("headers.hsts", Severity.MEDIUM, "HSTS missing", "", ""),
                new Finding("fuzz.server-error.long-header", Severity.HIGH, "500 on long header", "", "")));

        assertThat(single("tls.grade >= A", TWO_LABELS, security).message()).isEqualTo("tls.grade is A-, below A");
        assertThat(single("tls.grade >= A-", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("tls.grade > B", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        GateResult protocol = single("tls.protocol.min >= TLSv1.2", TWO_LABELS, security);
        assertThat(protocol.message()).isEqualTo("tls.protocol.min is TLSv1, below TLSv1.2");
        assertThat(protocol.unit()).isEqualTo("protocol");
        assertThat(protocol.value()).isEqualTo(2.0);
        GateResult days = single("tls.cert.daysLeft >= 30 as unstable", TWO_LABELS, security);
        assertThat(days.status()).isEqualTo(GateStatus.UNSTABLE);
        assertThat(days.message()).isEqualTo("tls.cert.daysLeft is 29 days, below 30 days");
        assertThat(single("resilience.p95Impact < 25%", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("auth.bypass == 0", TWO_LABELS, security).message()).isEqualTo("auth.bypass is 1, not equal to 0");
        assertThat(single("fuzz.serverErrors <= 1", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings == 4", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings(severity>=high) == 3", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings(severity>high) == 1", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings(severity=medium) == 1", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings(id=\"tls.*\") == 1", TWO_LABELS, security).status()).isEqualTo(GateStatus.PASSED);
        assertThat(single("findings(severity>=high, id=\"headers.*\") == 0", TWO_LABELS, security).message())
                .isEqualTo("findings with severity >= high and id headers.* is 0, equal to 0");

        SecurityMeasurements garbage = SecurityMeasurements.none().withValue("tls.grade", "excellent");
        assertThat(single("tls.grade >= A", TWO_LABELS, garbage).message())
                .contains("not measured: the measured value 'excellent' is not a grade");
    }

    @Test
    void findingsInTheDocumentCountWhenThereAreAny() throws GateSyntaxException {
        ResultDocument withFindings = TWO_LABELS.withFindings(List.of(
                new Finding("tls.weak", Severity.HIGH, "weak", "", "")));
        assertThat(single("findings(severity>=high) == 0", withFindings).message())
                .isEqualTo("findings with severity >= high is 1, not equal to 0");
    }

    @Test
    void relativeGatesCompareWithTheReference() throws GateSyntaxException {
        ResultDocument reference = document(aggregate(Results.steady("a", T0 / 1000, 10, 10, 100)));
        ResultDocument slower = document(aggregate(Results.steady("a", T0 / 1000, 10, 10, 115)));
        ResultDocument fewer = document(aggregate(Results.steady("a", T0 / 1000, 10, 8, 100)));
        GateEvaluator evaluator = new GateEvaluator();
        GateReference ref = GateReference.of(reference, "builds/41/secperf-result.json");

        GateReport report = evaluator.evaluate(GateList.parse("""
                p95 regression < 10%
                p95 regression < 20%
                throughput regression < 10%
                throughput(label=a) regression < 30%
                """, "gates"), slower, ref);
        GateResult regressed = report.results().get(0);
        assertThat(regressed.status()).isEqualTo(GateStatus.FAILED);
        assertThat(regressed.measured()).isEqualTo("+15%");
        assertThat(regressed.reference()).isEqualTo("100 ms");
        assertThat(regressed.unit()).isEqualTo("%");
        assertThat(regressed.message()).isEqualTo("p95 regression is +15% (115 ms, reference 100 ms), above 10%");
        assertThat(report.results().get(1).status()).isEqualTo(GateStatus.PASSED);
        assertThat(report.verdict().reference()).isEqualTo("builds/41/secperf-result.json");

        GateReport fewerReport = evaluator.evaluate(GateList.parse("throughput regression < 10%\np95 regression <= 0%",
                "gates"), fewer, ref);
        assertThat(fewerReport.results().get(0).status()).isEqualTo(GateStatus.FAILED);
        assertThat(fewerReport.results().get(0).value()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(fewerReport.results().get(1).status()).isEqualTo(GateStatus.PASSED);

        GateReport improvement = evaluator.evaluate(GateList.parse("p95 regression < -10%", "gates"), reference,
                GateReference.of(slower, "slower"));
        assertThat(improvement.results().get(0).measured()).isEqualTo("-13%");
        assertThat(improvement.results().get(0).status()).isEqualTo(GateStatus.PASSED);
    }

    @Test
    void relativeGatesWithoutAReferenceAreNotEvaluatedOrFailWhenRequired() throws GateSyntaxException {
        GateList gates = GateList.parse("p95 regression < 10%\np95 < 2s", "gates");
        GateReport report = new GateEvaluator().evaluate(gates, TWO_LABELS, null);
        GateResult relative = report.results().get(0);
        assertThat(relative.status()).isEqualTo(GateStatus.NOT_EVALUATED);
        assertThat(relative.message()).isEqualTo("p95 regression not evaluated: no reference result yet (the last "
                + "result that passed all its gates becomes the reference)");
        assertThat(report.verdict().status()).isEqualTo(VerdictStatus.PASSED);
        assertThat(report.verdict().notEvaluated()).isEqualTo(1);
        assertThat(report.verdict().summary()).isEqualTo("PASSED: 1 of 2 gates passed; 1 not evaluated");

        GateReport strict = new GateEvaluator(GateEvaluator.MissingReference.FAIL).evaluate(gates, TWO_LABELS, null);
        assertThat(strict.results().get(0).status()).isEqualTo(GateStatus.FAILED);
        assertThat(strict.results().get(0).message()).endsWith("a reference is required");
        assertThat(strict.verdict().status()).isEqualTo(VerdictStatus.FAILED);

        GateReference noSuchLabel = GateReference.of(document(aggregate(Results.steady("other", T0 / 1000, 2, 2, 5))),
                "ref.json");
        GateResult withoutLabel = new GateEvaluator().evaluate(GateList.parse("p95(label=home) regression < 10%",
                "gates"), TWO_LABELS, noSuchLabel).results().get(0);
        assertThat(withoutLabel.status()).isEqualTo(GateStatus.NOT_EVALUATED);
        assertThat(withoutLabel.message()).contains("the reference ref.json has no value: no samples with label 'home'");

        GateResult emptyNow = new GateEvaluator().evaluate(GateList.parse("p95 regression < 10%", "gates"), EMPTY,
                GateReference.of(TWO_LABELS, "ref")).results().get(0);
        assertThat(emptyNow.status()).isEqualTo(GateStatus.FAILED);
        assertThat(emptyNow.message()).isEqualTo("p95 regression not measured: the run has no samples");
    }

    @Test
    void regressionFromZeroIsInfinite() {
        assertThat(GateEvaluator.regression(Metric.ERRORS, 0.5, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GateEvaluator.regression(Metric.ERRORS, 0, 0)).isZero();
        assertThat(GateEvaluator.regression(Metric.THROUGHPUT, 5, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(GateEvaluator.regression(Metric.THROUGHPUT, 90, 100)).isEqualTo(10.0);
        assertThat(GateEvaluator.regression(Metric.P95, 90, 100)).isEqualTo(-10.0);
    }

    @Test
    void anUnstableGateNeverOverwritesAFailure() throws GateSyntaxException {
        for (String gates : List.of("p95 < 1ms\np95 < 1ms as unstable", "p95 < 1ms as unstable\np95 < 1ms",
                "p95 < 1ms as unstable\np95 < 1ms\np95 < 1ms as unstable")) {
            GateReport report = evaluate(gates, TWO_LABELS);
            assertThat(report.verdict().status()).as(gates).isEqualTo(VerdictStatus.FAILED);
            assertThat(report.verdict().summary()).startsWith("FAILED: 1 of").contains("unstable");
        }
        GateReport unstable = evaluate("p95 < 1ms as unstable\np95 < 1h", TWO_LABELS);
        assertThat(unstable.verdict().status()).isEqualTo(VerdictStatus.UNSTABLE);
        assertThat(unstable.verdict().summary()).isEqualTo("UNSTABLE: 1 of 2 gates unstable: p95 < 1ms as unstable");
        assertThat(evaluate("p95 < 1h as unstable\np95 < 1h as failure", TWO_LABELS).verdict().status())
                .isEqualTo(VerdictStatus.PASSED);
    }

    @Test
    void validatedBothNeedsAnEvaluatedPerformanceAndSecurityGateAndNothingViolated() throws GateSyntaxException {
        SecurityMeasurements tls = SecurityMeasurements.none().withValue("tls.grade", "A+");
        GateEvaluator evaluator = new GateEvaluator();
        record Case(String gates, boolean validated) {
        }
        for (Case c : List.of(
                new Case("p95 < 2s\ntls.grade >= A", true),
                new Case("p95 < 2s\ntls.grade >= A\np95 regression < 10%", true),
                new Case("p95 < 2s\ntls.grade >= A\nauth.bypass == 0 optional", true),
                new Case("p95 < 2s", false),
                new Case("tls.grade >= A", false),
                new Case("p95 < 2s\nauth.bypass == 0 optional", false),
                new Case("p95 < 2s\ntls.grade >= A\np95 < 1ms as unstable", false),
                new Case("p95 < 2s\ntls.grade >= A\nauth.bypass == 0", false))) {
            GateReport report = evaluator.evaluate(GateList.parse(c.gates(), "g"), TWO_LABELS, tls, null);
            assertThat(report.verdict().validatedBoth()).as(c.gates()).isEqualTo(c.validated());
        }
        GateReport both = evaluator.evaluate(GateList.parse("p95 < 2s\ntls.grade >= A", "g"), TWO_LABELS, tls, null);
        assertThat(both.verdict().summary()).isEqualTo("PASSED: 2 of 2 gates passed; performance and security validated");
    }

    @Test
    void theReportGoesIntoTheDocumentAndSurvivesAJsonRoundTrip() throws Exception {
        GateReport report = evaluate(GateParserTest.ISSUE_EXAMPLE, TWO_LABELS);
        assertThat(report.results()).hasSize(13);
        assertThat(report.results()).extracting(GateResult::id).startsWith("1", "2", "3");
        assertThat(report.results()).extracting(GateResult::line).startsWith(1, 2, 3);
        ResultDocument gated = report.applyTo(TWO_LABELS);
        Path file = dir.resolve("secperf-result.json");
        ResultDocuments.write(file, gated);
        ResultDocument read = ResultDocuments.read(file);
        assertThat(read.gates()).isEqualTo(report.results());
        assertThat(read.verdict()).isEqualTo(report.verdict());
        assertThat(ResultDocuments.toJson(read)).doesNotContain("NaN", "Infinity");
        assertThat(ResultDocument.merge(List.of(read, read)).verdict()).isNull();
    }

    @Test
    void aStopGateThatEndedTheRunIsShownAsViolated() throws GateSyntaxException {
        GateList gates = GateList.parse("p95 < 1h\np95 < 2s for 5s stop", "gates");
        GateReport report = new GateEvaluator().evaluate(gates, TWO_LABELS, null);
        assertThat(report.verdict().status()).isEqualTo(VerdictStatus.PASSED);
        GateResult trigger = new GateResult("2", 2, "p95 < 2s for 5s stop", "p95", io.secperf.result.GateCategory.PERFORMANCE,
                io.secperf.result.GateCriticality.FAILURE, false, GateStatus.FAILED, "6 s", 6.0, "s", "< 2 s", null,
                "stopped the load: p95 was above 2 s for 6 s");
        GateReport stopped = report.stoppedBy(trigger);
        assertThat(stopped.results().get(1)).isEqualTo(trigger);
        assertThat(stopped.verdict().status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(stopped.verdict().stoppedBy()).isEqualTo("p95 < 2s for 5s stop");
        assertThat(stopped.verdict().summary()).endsWith("the load was stopped early by p95 < 2s for 5s stop");
    }
}
