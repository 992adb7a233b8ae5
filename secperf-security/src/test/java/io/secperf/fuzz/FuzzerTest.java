package io.secperf.fuzz;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityReport;
import io.secperf.security.testing.NaiveHttpServer;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;
import io.secperf.security.testing.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzzer against real servers on 127.0.0.1: clean on the correct one, each failure kind on flawed ones. */
@Timeout(120)
class FuzzerTest {

    private static final String FUZZ = """
            fuzz:
              seed: 42
              iterations: 80
              requestTimeout: 3s
              partialRequestTimeout: 5s
              maxBodyBytes: 65536
            """;

    @TempDir
    Path dir;

    private SecurityConfig apiConfig(TestApiServer server, boolean correct, String fuzz) throws Exception {
        String auth = TestConfigs.AUTH.replace("  lockout:\n    attempts: 6\n", "");
        return TestConfigs.parse(TestConfigs.target(server, dir, correct) + TestConfigs.CREDENTIALS + auth + fuzz,
                dir);
    }

    @Test
    void correctServerHasNoFindings() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityConfig config = apiConfig(server, true, FUZZ);
            SecurityReport report = new Fuzzer(config, TestConfigs.credentials(config)).run();
            assertThat(report.findings()).as(TestConfigs.describe(report)).isEmpty();
            assertThat(report.complete()).as(TestConfigs.describe(report)).isTrue();
            int raw = MalformedRequest.catalogue("h", "/").size();
            assertThat(report.measurements()).containsEntry(Fuzzer.M_ITERATIONS, 80.0)
                    .containsEntry(Fuzzer.M_RAW_CASES, (double) raw)
                    .containsEntry(Fuzzer.M_SERVER_ERRORS, 0.0).containsEntry(Fuzzer.M_HANGS, 0.0);
            assertThat(report.measurements().get(Fuzzer.M_REQUESTS)).isGreaterThanOrEqualTo(80.0 + raw);
            assertThat(report.measurements().get(Fuzzer.M_REJECTED)).isGreaterThan(20.0);
            assertThat(report.notes()).anyMatch(n -> n.contains("seed 42"));
        }
    }

    @Test
    void serverErrorsAndStackTracesAreFoundWithAReplayableInput() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.STACK_TRACE, Flaw.LONG_HEADER_500,
                Flaw.NO_RATE_LIMIT)) {
            SecurityConfig config = apiConfig(server, false, FUZZ);
            Fuzzer fuzzer = new Fuzzer(config, TestConfigs.credentials(config));
            SecurityReport report = fuzzer.run();
            assertThat(report.findings().stream().map(Finding::id).distinct()).as(TestConfigs.describe(report))
                    .containsExactlyInAnyOrder(Fuzzer.SERVER_ERROR, Fuzzer.LEAK);
            assertThat(report.measurements().get(Fuzzer.M_SERVER_ERRORS)).isGreaterThan(0.0);
            assertThat(report.measurements().get(Fuzzer.M_LEAKS)).isGreaterThan(0.0);
            // the long-header flaw is found by the raw catalogue
            assertThat(report.findings(Fuzzer.SERVER_ERROR)).anyMatch(f -> f.title().contains("header-64k"));
            // a mutation finding names seed, iteration and input, and the replay regenerates that very input
            Finding leak = report.findings(Fuzzer.LEAK).stream().filter(f -> f.evidence().startsWith("seed 42"))
                    .findFirst().orElseThrow();
            assertThat(leak.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(leak.evidence()).contains("Exception");
            Matcher iteration = Pattern.compile("iteration (\\d+)").matcher(leak.evidence());
            assertThat(iteration.find()).isTrue();
            FuzzInput replayed = fuzzer.replay(Long.parseLong(iteration.group(1)));
            assertThat(leak.evidence()).contains(replayed.describe());
            assertThat(TestConfigs.allText(report)).doesNotContain(TestApiServer.PASSWORD);
        }
    }

    @Test
    void naiveServerShowsSmugglingRiskHangsAndCrashes() throws Exception {
        try (NaiveHttpServer server = new NaiveHttpServer(32)) {
            SecurityConfig config = TestConfigs.parse("""
                    target:
                      url: %s
                    fuzz:
                      seed: 7
                      iterations: 5
                      requestTimeout: 1s
                      partialRequestTimeout: 2s
                      endpoints: [GET /]
                    """.formatted(server.uri()), dir);
            SecurityReport report = new Fuzzer(config, Credentials.none()).run();
            String text = TestConfigs.describe(report);
            assertThat(report.findings(Fuzzer.SMUGGLING)).as(text).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.evidence()).contains("cl-te-conflict").contains("Transfer-Encoding: chunked");
            });
            assertThat(report.findings(Fuzzer.SERVER_ERROR)).as(text)
                    .anyMatch(f -> f.title().contains("cl-not-a-number"))
                    .anyMatch(f -> f.title().contains("cl-2^64"));
            assertThat(report.findings(Fuzzer.LEAK)).as(text).anyMatch(f -> f.title().startsWith("Java stack trace"));
            assertThat(report.findings(Fuzzer.HANG)).as(text)
                    .anyMatch(f -> f.title().contains("nul-in-header") && f.severity() == Severity.HIGH
                            && f.evidence().contains("\\x00"))
                    .anyMatch(f -> f.title().contains("partial-headers") && f.severity() == Severity.MEDIUM);
            assertThat(report.findings(Fuzzer.ACCEPTED)).as(text).anyMatch(f -> f.title().contains("host-missing"));
            assertThat(report.measurements().get(Fuzzer.M_HANGS)).isGreaterThanOrEqualTo(3.0);
            assertThat(report.measurements().get(Fuzzer.M_SMUGGLING)).isEqualTo(1.0);
        }
    }

    @Test
    void lenientParsingIsReportedAsAcceptedInvalidHttp() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.LENIENT_PARSING)) {
            SecurityConfig config = apiConfig(server, false, FUZZ.replace("iterations: 80", "iterations: 0"));
            SecurityReport report = new Fuzzer(config, TestConfigs.credentials(config)).runMalformed();
            assertThat(report.findings()).as(TestConfigs.describe(report)).isNotEmpty()
                    .allMatch(f -> f.id().equals(Fuzzer.ACCEPTED) && f.severity() == Severity.LOW)
                    .anyMatch(f -> f.title().contains("ctl-in-header"))
                    .anyMatch(f -> f.title().contains("nul-in-header"))
                    .anyMatch(f -> f.title().contains("host-missing"));
        }
    }

    @Test
    void timeBudgetStopsTheRun() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityConfig config = apiConfig(server, true, FUZZ.replace("iterations: 80", "iterations: 100000")
                    + "  timeBudget: 1s\n  raw: false\n");
            long start = System.nanoTime();
            SecurityReport report = new Fuzzer(config, TestConfigs.credentials(config)).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(report.complete()).isFalse();
            assertThat(report.notes()).anyMatch(n -> n.contains("time budget"));
            assertThat(report.measurements().get(Fuzzer.M_ITERATIONS)).isLessThan(100000.0).isGreaterThan(0.0);
            assertThat(seconds).isLessThan(1 + 3 + 3);
        }
    }

    @Test
    void interruptingTheThreadStopsTheRunWithAPartialReport() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            SecurityConfig config = apiConfig(server, true, FUZZ.replace("iterations: 80", "iterations: 100000"));
            Fuzzer fuzzer = new Fuzzer(config, TestConfigs.credentials(config));
            java.util.concurrent.atomic.AtomicReference<SecurityReport> result = new java.util.concurrent.atomic
                    .AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
            Thread runner = new Thread(() -> {
                result.set(fuzzer.run());
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            runner.start();
            Thread.sleep(700);
            long interrupted = System.nanoTime();
            runner.interrupt();
            runner.join(10_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat((System.nanoTime() - interrupted) / 1e9).isLessThan(4.0);
            assertThat(result.get().complete()).isFalse();
            assertThat(result.get().notes()).contains("interrupted");
            assertThat(flagKept).isTrue();
        }
    }
}
