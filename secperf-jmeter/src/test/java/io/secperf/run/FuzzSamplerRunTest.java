package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.fuzz.FuzzInput;
import io.secperf.fuzz.Fuzzer;
import io.secperf.result.Finding;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;
import io.secperf.security.testing.TestConfigs;

/**
 * secperf's fuzz sampler inside a real JMeter run (plans/fuzz.jmx: it fuzzes the plan's own login request given in
 * its endpoints property) against secperf-security's flawed HTTPS API server, which answers invalid JSON with a 500
 * and a stack trace.
 */
class FuzzSamplerRunTest {

    private static final long SEED = 42;
    private static final int N = 5;
    private static final Pattern RANGE = Pattern.compile("iterations (\\d+)\\.\\.(\\d+)");
    /** The plan's endpoints property, as the sampler sees it after XML decoding. */
    private static final String ENDPOINTS = "- {method: POST, path: /api/login, contentType: application/json, "
            + "body: '{\"username\":\"alice\",\"password\":\"wrong\"}'}";

    @TempDir
    Path dir;

    private Path securityYaml(TestApiServer server) throws Exception {
        String yaml = TestConfigs.target(server, dir, false) + """
                fuzz:
                  seed: %d
                  requestTimeout: 3s
                  partialRequestTimeout: 1s
                  maxBodyBytes: 65536
                """.formatted(SEED);
        Path file = dir.resolve("security.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static List<long[]> ranges(List<Sample> samples) {
        List<long[]> ranges = new ArrayList<>();
        for (Sample sample : samples) {
            Matcher m = RANGE.matcher(sample.responseMessage());
            assertThat(m.find()).as(sample.responseMessage()).isTrue();
            ranges.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return ranges;
    }

    /** Every iteration number of the samples, in order of the ranges' starts. */
    private static List<Long> iterations(List<Sample> samples) {
        return ranges(samples).stream().sorted((a, b) -> Long.compare(a[0], b[0]))
                .flatMap(r -> LongStream.rangeClosed(r[0], r[1]).boxed()).toList();
    }

    private int runs;
    private Path csv;

    /** A run of the plan whose stock CSV listener writes a fresh file (JMeter appends to an existing one). */
    private RunRequest.Builder run(String planName, CollectingSink sink) {
        csv = dir.resolve("checks-" + (++runs) + ".csv");
        return RunRequest.builder(plan(planName), sink).property("csvFile", csv.toString());
    }

    /** The fuzz samples as stock JMeter listeners see them; secperf's sample sink never gets them (checks). */
    private List<Sample> fuzzSamples(CollectingSink sink) throws Exception {
        assertThat(sink.countsByLabel()).doesNotContainKey("fuzz login");
        return CollectingSink.fromJtl(csv).samples().stream().filter(s -> s.label().equals("fuzz login")).toList();
    }

    @Test
    void consecutiveSamplesContinueOneSeededSequenceAndA5xxFindingReplays() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.STACK_TRACE, Flaw.NO_RATE_LIMIT)) {
            Path yaml = securityYaml(server);
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(run("fuzz.jmx", sink).findings(findings)
                    .property("securityFile", yaml.toString()).property("iterations", String.valueOf(N))
                    .property("threads", "1").property("loops", "2").property("raw", "true").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            List<Sample> samples = fuzzSamples(sink);
            assertThat(samples).hasSize(2);
            assertThat(iterations(samples)).as("two samples x N iterations = 0..2N-1, each once")
                    .containsExactlyElementsOf(LongStream.range(0, 2 * N).boxed().toList());
            assertThat(samples).allSatisfy(s -> assertThat(s.responseMessage()).contains("seed " + SEED));
            assertThat(samples).as("a 5xx fails the fuzz sample (default failureSeverity MEDIUM)")
                    .anySatisfy(s -> assertThat(s.success()).isFalse())
                    .filteredOn(s -> !s.success()).allSatisfy(s -> assertThat(s.responseMessage())
                            .contains("at or above MEDIUM", Fuzzer.SERVER_ERROR));
            assertThat(samples).filteredOn(s -> s.responseMessage().contains("malformed raw requests"))
                    .as("the raw requests go once per run, with the first sample").hasSize(1);

            assertThat(findings.checks()).containsExactly("fuzz");
            assertThat(findings.findings()).as("a flaw hit by both samples reaches the document once")
                    .extracting(f -> f.id() + " " + f.title()).doesNotHaveDuplicates();
            assertThat(findings.measurements()).as("run totals").containsEntry(Fuzzer.M_ITERATIONS,
                    String.valueOf(2 * N));
            assertThat(Long.parseLong(findings.measurements().get(Fuzzer.M_SERVER_ERRORS))).isPositive();
            assertThat(Long.parseLong(findings.measurements().get(Fuzzer.M_RAW_CASES))).isPositive();

            Finding serverError = findings.findings().stream().filter(f -> f.id().equals(Fuzzer.SERVER_ERROR))
                    .filter(f -> f.evidence().startsWith("seed " + SEED + ", iteration ")).findFirst().orElseThrow();
            assertThat(serverError.severity()).isEqualTo(Severity.HIGH);
            assertThat(serverError.title()).contains("on POST /api/login");
            Matcher iteration = Pattern.compile("iteration (\\d+)").matcher(serverError.evidence());
            assertThat(iteration.find()).isTrue();
            long failing = Long.parseLong(iteration.group(1));
            assertThat(failing).isBetween(0L, 2L * N - 1);

            // the replay: same file, same endpoints, same seed regenerate exactly the input in the evidence
            SecurityConfig config = SecurityConfigReader.read(yaml);
            SecurityConfig.Fuzz fuzz = config.fuzz();
            config = config.withFuzz(new SecurityConfig.Fuzz(fuzz.seed(), fuzz.iterations(), fuzz.timeBudget(),
                    fuzz.requestTimeout(), fuzz.partialRequestTimeout(), fuzz.maxBodyBytes(),
                    SecurityConfigReader.parseEndpoints(ENDPOINTS, "endpoints", false), fuzz.raw(), fuzz.rawPath()));
            FuzzInput replayed = new Fuzzer(config, Credentials.none()).replay(failing);
            assertThat(serverError.evidence()).contains(replayed.describe());
        }
    }

    @Test
    void threadsShareTheSequenceAndASecondRunStartsAgainAtZero() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.NO_RATE_LIMIT)) {
            Path yaml = securityYaml(server);
            for (int run = 1; run <= 2; run++) {
                CollectingSink sink = new CollectingSink();
                RunOutcome outcome = new JMeterRun(run("fuzz.jmx", sink)
                        .property("securityFile", yaml.toString()).property("iterations", String.valueOf(N))
                        .property("threads", "2").property("loops", "2").build()).run();

                assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
                List<Sample> samples = fuzzSamples(sink);
                assertThat(samples).hasSize(4);
                assertThat(iterations(samples)).as("run " + run + ": 2 threads x 2 loops x N, each iteration once")
                        .containsExactlyElementsOf(LongStream.range(0, 4 * N).boxed().toList());
                assertThat(samples).allSatisfy(s -> assertThat(s.responseMessage()).doesNotContain("malformed"));
                assertThat(samples).as("4xx answers pass").allSatisfy(s -> assertThat(s.success())
                        .as(s.responseMessage()).isTrue());
            }
        }
    }

    @Test
    void aFlawThatEverySampleHitsReachesTheDocumentOnce() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.STACK_TRACE, Flaw.NO_RATE_LIMIT)) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(run("fuzz.jmx", sink).findings(findings)
                    .property("securityFile", securityYaml(server).toString()).property("iterations", "40")
                    .property("threads", "1").property("loops", "3").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            List<Sample> samples = fuzzSamples(sink);
            assertThat(samples).hasSize(3).allSatisfy(s -> assertThat(s.responseMessage())
                    .as("every slice finds the flaw again").containsPattern("fuzz: [1-9]\\d* findings"));
            assertThat(findings.findings()).extracting(f -> f.id() + " " + f.title()).doesNotHaveDuplicates();
            assertThat(findings.findings()).extracting(Finding::id).contains(Fuzzer.SERVER_ERROR, Fuzzer.LEAK);
            assertThat(findings.measurements()).containsEntry(Fuzzer.M_ITERATIONS, "120");
        }
    }
}
