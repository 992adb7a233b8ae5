package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secperf.testsupport.SarifMultitool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sarif FILE} of {@code scan} and {@code gate}, end to end against a real loopback HTTPS server. */
class SarifOptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedHttpsServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new SelfSignedHttpsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scanWritesTheFindingsAsValidSarifWithTheSameFingerprintsEveryRun() throws Exception {
        Path first = dir.resolve("first.sarif");
        Path second = dir.resolve("reports/second.sarif");
        CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--out", dir.resolve("a").toString(),
                "--sarif", first.toString());
        secperf("scan", "tls", "127.0.0.1:" + server.port(), "--out", dir.resolve("b").toString(),
                "--sarif", second.toString());

        assertThat(scan.code()).as(scan.err()).isEqualTo(ExitCode.GATES_FAILED.code());
        assertThat(scan.out()).contains("sarif:  " + first.toAbsolutePath());
        JsonNode run = JSON.readTree(first.toFile()).path("runs").get(0);
        List<String> results = new ArrayList<>();
        run.path("results").forEach(r -> results.add(r.path("ruleId").asText() + " " + r.path("level").asText()
                + " " + r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()));
        assertThat(results).contains("CERT-SELF error https://127.0.0.1:" + server.port() + "/",
                "HSTS-MISSING warning https://127.0.0.1:" + server.port() + "/");
        assertThat(run.path("tool").path("driver").path("rules")).extracting(rule -> rule.path("id").asText())
                .contains("CERT-SELF", "HSTS-MISSING");
        assertThat(fingerprints(second)).isEqualTo(fingerprints(first));
        assertThat(SarifMultitool.errors(first)).isEmpty();
    }

    @Test
    void gateAddsTheFailedSecurityGates() throws Exception {
        Path scanned = dir.resolve("scanned");
        secperf("scan", "tls", "127.0.0.1:" + server.port(), "--out", scanned.toString());
        Path sarif = dir.resolve("gate.sarif");

        CliOutcome gate = secperf("gate", "--result", scanned.toString(), "--gates", "tls.grade >= A; p95 < 10s",
                "--out", dir.resolve("judged").toString(), "--sarif", sarif.toString());

        assertThat(gate.code()).as(gate.out() + gate.err()).isEqualTo(ExitCode.GATES_FAILED.code());
        JsonNode results = JSON.readTree(sarif.toFile()).path("runs").get(0).path("results");
        List<String> rules = new ArrayList<>();
        results.forEach(r -> rules.add(r.path("ruleId").asText()));
        assertThat(rules).contains("CERT-SELF", "gate:tls.grade").doesNotContain("gate:p95");
        assertThat(SarifMultitool.errors(sarif)).isEmpty();
    }

    @Test
    void aDirectoryIsRefusedBeforeAnythingRuns() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("somewhere"));

        CliOutcome scan = secperf("scan", "tls", "127.0.0.1:" + server.port(), "--out", dir.resolve("c").toString(),
                "--sarif", directory.toString());

        assertThat(scan.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(scan.err()).contains("--sarif", "is a directory").hasLineCount(1);
        assertThat(dir.resolve("c")).doesNotExist();
    }

    private static List<String> fingerprints(Path sarif) throws Exception {
        List<String> prints = new ArrayList<>();
        JSON.readTree(sarif.toFile()).path("runs").get(0).path("results")
                .forEach(r -> prints.add(r.path("ruleId").asText() + "=" + r.path("partialFingerprints")
                        .path("secperfFinding/v1").asText()));
        return prints;
    }
}
