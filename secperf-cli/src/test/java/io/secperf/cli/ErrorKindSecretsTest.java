package io.secperf.cli;

import io.secperf.jtl.JtlCsvWriter;
import io.secperf.result.ErrorKinds;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunResult;
import io.secperf.result.Sample;
import io.secperf.result.SampleSink;
import io.secperf.result.TopErrors;
import io.secperf.secret.KnownSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target that echoes a secret into its error messages: the run's error kinds fold numbers in those messages
 * ({@code letmein:1234} becomes {@code letmein:<port>}) and cut long ones, after which masking the finished document
 * no longer recognises the secret. No part of it may reach the result document, the console lines or the JTL.
 */
class ErrorKindSecretsTest {

    private static final long T = 1_700_000_000_000L;
    /** Secrets whose folded form differs from the secret: a port-like number, a number after a space, a dash. */
    private static final List<String> SECRETS = List.of("letmein:1234", "open sesame 2024", "my-pass-12345",
            "Qz7-Kw-Vb6-2468-Xy5");

    private static List<String> halves() {
        List<String> halves = new ArrayList<>();
        for (String secret : SECRETS) {
            halves.add(secret.substring(0, secret.length() / 2));
            halves.add(secret.substring(secret.length() / 2));
        }
        return halves;
    }

    private static void feed(SampleSink sink) {
        for (int i = 0; i < 3; i++) {
            for (String secret : SECRETS) {
                // echoed in a short message, and at the end of a long one where the example is cut
                sink.accept(new Sample(T + i, 5, "login", "401", "bad password " + secret, false, "", 0, 0, 0, 0,
                        1));
                // examples are cut to 300 characters (ErrorKinds.MAX_EXAMPLE_CHARS): the first half of the secret and one more fit
                String padding = "x".repeat(300 - 2 - secret.length() / 2 - 1);
                sink.accept(new Sample(T + i, 5, "login", "Non HTTP response code: java.io.IOException",
                        "Non HTTP response message: " + padding + " " + secret, false, "", 0, 0, 0, 0, 1));
                sink.accept(new Sample(T + i, 5, "search", "200", "OK", false, "Test failed: expected " + secret,
                        0, 0, 0, 0, 1));
                sink.accept(new Sample(T + i, 5, "search", "200", "OK", true, "", 0, 0, 0, 0, 1));
            }
        }
    }

    @Test
    void noPartOfASecretEchoedInErrorMessagesReachesTheDocumentOrTheConsole() {
        KnownSecrets secrets = KnownSecrets.of(SECRETS);
        ResultAggregator aggregator = new ResultAggregator();
        feed(LoadRun.sink(aggregator, null, secrets));
        RunResult result = aggregator.finish();
        String json = ResultDocuments.toJson(LoadRun.masked(ResultDocument.of(null, null, null, result), secrets));
        List<String> console = TopErrors.lines(result, ErrorKinds.CAPACITY);

        assertThat(json).contains("****[").contains("\"errorKinds\"");
        for (String half : halves()) {
            assertThat(json).as("the result document holds part of a secret").doesNotContain(half);
            assertThat(console).as("the console holds part of a secret")
                    .noneMatch(line -> line.contains(half));
        }
        // the counts are those of the unmasked run: one kind per cause, labels as they were
        assertThat(result.overall().errors()).isEqualTo(3L * 3 * SECRETS.size());
        assertThat(result.labels()).extracting(s -> s.label()).containsExactly("login", "search");
        assertThat(result.label("search").count()).isEqualTo(2L * 3 * SECRETS.size());
    }

    @Test
    void theSameWithAJtlFileWhichIsMaskedToo(@TempDir Path dir) throws Exception {
        KnownSecrets secrets = KnownSecrets.of(SECRETS);
        ResultAggregator aggregator = new ResultAggregator();
        Path file = dir.resolve("samples.jtl");
        try (JtlCsvWriter jtl = new JtlCsvWriter(file)) {
            feed(LoadRun.sink(aggregator, jtl, secrets));
        }
        RunResult result = aggregator.finish();
        String json = ResultDocuments.toJson(LoadRun.masked(ResultDocument.of(null, null, null, result), secrets));
        String written = Files.readString(file);
        for (String half : halves()) {
            assertThat(json).doesNotContain(half);
            assertThat(written).doesNotContain(half);
        }
        assertThat(written).contains("****[");
        assertThat(result.overall().count()).isEqualTo(4L * 3 * SECRETS.size());
    }
}
