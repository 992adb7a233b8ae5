package io.secperf.security;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports are immutable, masked as they are built, counted by severity and round-trip through JSON. */
class SecurityReportTest {

    @Test
    void builderMasksAndCounts() {
        SecretMask mask = new SecretMask();
        mask.addSecret("hunter2-pass");
        SecurityReport.Builder builder = new SecurityReport.Builder("auth", "https://h/", mask);
        builder.finding("AUTH-BYPASS", Severity.CRITICAL, "t hunter2-pass", "sent hunter2-pass", "fix");
        builder.finding("HDR-CSP", Severity.MEDIUM, "csp", "e", "fix");
        builder.finding("COOKIE-SECURE", Severity.LOW, "c", "e", "fix");
        builder.measure("auth.bypass", 1).add("auth.bypass", 2).measure("x", Double.NaN);
        builder.note("note with hunter2-pass");
        SecurityReport report = builder.build();
        assertThat(report.findings().get(0).title()).isEqualTo("t ****[12 chars]");
        assertThat(report.findings().get(0).evidence()).isEqualTo("sent ****[12 chars]");
        assertThat(report.notes()).containsExactly("note with ****[12 chars]");
        assertThat(report.count(Severity.HIGH)).isEqualTo(1);
        assertThat(report.count(Severity.LOW)).isEqualTo(3);
        assertThat(report.highestSeverity()).contains(Severity.CRITICAL);
        assertThat(report.measurement("auth.bypass")).hasValue(3.0);
        assertThat(report.measurement("x")).hasValue(0.0);
        assertThatThrownBy(() -> report.findings().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.measurements().put("y", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonRoundTrip() {
        SecurityReport report = new SecurityReport("fuzz", "http://127.0.0.1:8080/",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ofMillis(1234),
                List.of(new Finding("FUZZ-5XX", Severity.HIGH, "server error 500", "input: {\\x00}", "fix")),
                Map.of("fuzz.serverErrors", 1.0, "fuzz.requests", 106.0), List.of("seed 42"), false);
        String json = SecurityReportJson.write(report);
        assertThat(json).contains("\"severity\" : \"HIGH\"").contains("\"elapsedMs\" : 1234");
        assertThat(SecurityReportJson.read(json)).isEqualTo(report);
        assertThatThrownBy(() -> SecurityReportJson.read("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
