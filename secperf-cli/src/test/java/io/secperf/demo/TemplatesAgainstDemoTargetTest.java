package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;
import io.secperf.run.JMeterRun;
import io.secperf.run.RunOutcome;
import io.secperf.run.RunRequest;

/**
 * Each bundled template, run for real by the embedded JMeter engine against a live demo target: the plan, its
 * {@code __P} properties, the token extraction and the demo API have to fit together for every sample to pass.
 */
@Tag("slow")
class TemplatesAgainstDemoTargetTest {

    private static DemoTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new DemoTarget().start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("rest-api-baseline.jmx", Map.of(),
                        Set.of("POST /api/login", "GET /health", "GET /api/items", "GET /api/items/{id}")),
                Arguments.of("login-flow.jmx", Map.of(),
                        Set.of("POST /api/login", "GET /api/items", "GET /api/items/{id}", "POST /api/orders")),
                Arguments.of("mixed-browsing.jmx", Map.of("thinkTime", "100", "thinkJitter", "200"),
                        Set.of("POST /api/login", "GET /", "GET /static/app.css", "GET /static/app.js",
                                "GET /static/logo.svg", "GET /api/items", "GET /api/items/{id}")));
    }

    @ParameterizedTest
    @MethodSource("templates")
    void templateRunsWithoutErrorsAgainstTheDemoTarget(String template, Map<String, String> properties,
                                                         Set<String> labels) throws Exception {
        Map<String, LongAdder> perLabel = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        SampleSink sink = (Sample sample) -> {
            perLabel.computeIfAbsent(sample.label(), l -> new LongAdder()).increment();
            if (!sample.success() && failures.size() < 10) {
                failures.add(sample.label() + " " + sample.responseCode() + " " + sample.responseMessage() + " "
                        + sample.failureMessage());
            }
        };
        long servedBefore = target.requestCount();

        RunOutcome outcome = new JMeterRun(RunRequest.builder(JMeterTemplatesTest.TEMPLATES.resolve(template), sink)
                .target(target.uri())
                .duration(Duration.ofSeconds(5))
                // generous: on a busy 2-core machine the last samples may end late; the plan must still end itself
                .durationGrace(Duration.ofSeconds(10))
                .property("threads", "2")
                .property("rampup", "1")
                .properties(properties)
                .build()).run();

        assertThat(failures).as("failed samples").isEmpty();
        assertThat(outcome.status()).as("the plan ends by its own duration").isEqualTo(RunOutcome.Status.COMPLETE);
        assertThat(outcome.samples()).isPositive();
        assertThat(outcome.failedSamples()).isZero();
        assertThat(perLabel.keySet()).containsExactlyInAnyOrderElementsOf(labels);
        assertThat(perLabel.get("POST /api/login").sum()).as("one login per thread").isEqualTo(2);
        assertThat(outcome.elapsed()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(16));
        assertThat(target.requestCount() - servedBefore).isGreaterThanOrEqualTo(outcome.samples());
        System.out.printf("%s: %d samples in %s, %s%n", template, outcome.samples(), outcome.elapsed(),
                perLabel.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).sorted().toList());
    }

}
