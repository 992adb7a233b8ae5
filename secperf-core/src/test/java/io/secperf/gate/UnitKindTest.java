package io.secperf.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How measured values read in messages and tables (PIT survivors, docs/testing.md). */
class UnitKindTest {

    @Test
    void nonFiniteValuesReadAsWords() {
        assertThat(UnitKind.DURATION.format(Double.NaN)).isEqualTo("n/a");
        assertThat(UnitKind.DURATION.format(Double.POSITIVE_INFINITY)).isEqualTo("infinite");
        assertThat(UnitKind.COUNT.format(Double.NEGATIVE_INFINITY)).isEqualTo("-infinite");
        assertThat(UnitKind.percent(Double.POSITIVE_INFINITY, true)).isEqualTo("+infinite");
        assertThat(UnitKind.percent(Double.POSITIVE_INFINITY, false)).isEqualTo("infinite");
        assertThat(UnitKind.percent(Double.NEGATIVE_INFINITY, true)).isEqualTo("-infinite");
    }

    @Test
    void durationsRatesAndPercentagesKeepTheirDecimals() {
        assertThat(UnitKind.DURATION.format(999)).isEqualTo("999 ms");
        assertThat(UnitKind.DURATION.format(12.5)).isEqualTo("12.5 ms");
        assertThat(UnitKind.DURATION.format(1000)).isEqualTo("1 s");
        assertThat(UnitKind.DURATION.format(-1620)).isEqualTo("-1.62 s");
        assertThat(UnitKind.RATE.format(150.55)).isEqualTo("150.6/s");
        assertThat(UnitKind.RATE.format(12.345)).isEqualTo("12.35/s");
        assertThat(UnitKind.percent(0, true)).isEqualTo("0%");
        assertThat(UnitKind.percent(0.5, true)).isEqualTo("+0.5%");
        assertThat(UnitKind.percent(-12.34, true)).isEqualTo("-12.3%");
        assertThat(UnitKind.percent(123.4, false)).isEqualTo("123%");
        assertThat(UnitKind.percent(1.2345, false)).isEqualTo("1.23%");
        assertThat(UnitKind.percent(0.12345, false)).isEqualTo("0.123%");
    }

    @Test
    void theCatalogueTextOfAMetric() {
        assertThat(Metric.byName("median")).isSameAs(Metric.byName("p50"));
        assertThat(Metric.byName("p50").aliases()).containsExactly("median");
        assertThat(Metric.byName("p95").meaning()).isNotBlank();
        assertThat(Metric.byName("tls.grade").producer()).isEqualTo("TLS probe (security samplers)");
        assertThat(Metric.byName("auth.bypass").producer()).isEqualTo("auth checks (security samplers)");
    }
}
