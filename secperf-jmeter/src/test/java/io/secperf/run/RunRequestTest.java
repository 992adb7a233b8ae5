package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class RunRequestTest {

    private static final Path PLAN = Path.of("plan.jmx");

    @Test
    void targetAndDurationBecomeJMeterProperties() {
        RunRequest request = RunRequest.builder(PLAN, s -> { })
                .target(URI.create("https://shop.example:8443/api/v1/")).duration(Duration.ofMillis(1_500))
                .property("threads", "8").build();

        assertThat(request.jmeterProperties()).containsExactly(
                entry("protocol", "https"), entry("host", "shop.example"), entry("port", "8443"),
                entry("basePath", "/api/v1/"), entry("duration", "2"), entry("threads", "8"));
    }

    @Test
    void defaultPortAndBasePath() {
        assertThat(RunRequest.builder(PLAN, s -> { }).target(URI.create("http://localhost")).build()
                .jmeterProperties()).contains(entry("port", "80"), entry("basePath", "/"));
        assertThat(RunRequest.builder(PLAN, s -> { }).target(URI.create("HTTPS://localhost")).build()
                .jmeterProperties()).contains(entry("protocol", "https"), entry("port", "443"));
    }

    @Test
    void explicitPropertiesWin() {
        RunRequest request = RunRequest.builder(PLAN, s -> { }).target(URI.create("http://a:1"))
                .property("port", "2").build();

        assertThat(request.jmeterProperties()).contains(entry("port", "2"), entry("host", "a"));
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> RunRequest.builder(PLAN, s -> { }).target(URI.create("ftp://a")).build())
                .hasMessage("target ftp://a must be an http:// or https:// URL");
        assertThatThrownBy(() -> RunRequest.builder(PLAN, s -> { }).target(URI.create("http:/nohost")).build())
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> RunRequest.builder(PLAN, s -> { }).duration(Duration.ZERO).build())
                .hasMessageContaining("duration must be positive");
        assertThatThrownBy(() -> RunRequest.builder(PLAN, null).build()).isInstanceOf(NullPointerException.class);
    }
}
