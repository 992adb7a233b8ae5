package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.run.JMeterHome;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestConfigs;

/**
 * Bad settings of the auth, fuzz and attack samplers: each is a failed sample whose message names the property or the
 * file (with line and column for YAML), never an exception out of sample(), never a secret in the message.
 */
class SecuritySamplerSettingsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void jmeter() {
        JMeterHome.initialise();
    }

    private Path yaml(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static <T extends SecurityCheckSampler> T named(T sampler) {
        sampler.setName("check under test");
        return sampler;
    }

    /** The sampler, named, reading {@code securityFile}. */
    private static <T extends SecurityCheckSampler> T named(T sampler, String securityFile) {
        named(sampler).setSecurityFile(securityFile);
        return sampler;
    }

    private static SampleResult failedWith(SecurityCheckSampler sampler, String... parts) {
        SampleResult result = sampler.sample(null);
        assertThat(result.isSuccessful()).as(result.getResponseMessage()).isFalse();
        assertThat(result.getSampleLabel()).isEqualTo("check under test");
        assertThat(result.getResponseMessage()).contains(parts);
        assertThat(result.getResponseDataAsString()).isEqualTo(result.getResponseMessage());
        return result;
    }

    @Test
    void missingEmptyAndInvalidSecurityFilesNameTheFileAndPosition() throws Exception {
        AuthCheckSampler missing = named(new AuthCheckSampler(), dir.resolve("nope.yaml").toString());
        failedWith(missing, "securityFile: ", "nope.yaml: file not found");

        AuthCheckSampler empty = named(new AuthCheckSampler());
        empty.setSecurityFile(" ");
        failedWith(empty, "securityFile is empty");

        Path invalid = yaml("security.yaml", "target:\n  url: [http://x\n  insecure: true\n");
        FuzzSampler broken = named(new FuzzSampler(), invalid.toString());
        SampleResult result = failedWith(broken, "securityFile: ", "security.yaml:", "invalid YAML");
        assertThat(result.getResponseMessage()).containsPattern("security\\.yaml:\\d+:\\d+: invalid YAML");
        assertThat(result.getResponseCode()).contains("SecurityConfigException");
    }

    @Test
    void badSamplerPropertiesNameTheProperty() throws Exception {
        Path file = yaml("security.yaml", "target:\n  url: http://127.0.0.1:1/\n");

        FuzzSampler iterations = named(new FuzzSampler(), file.toString());
        iterations.setIterationsPerSample("twenty");
        failedWith(iterations, "iterationsPerSample must be a whole number, was 'twenty'");
        iterations.setIterationsPerSample("-1");
        failedWith(iterations, "iterationsPerSample must be 0..100000, was -1");

        FuzzSampler raw = named(new FuzzSampler(), file.toString());
        raw.setRaw("yes");
        failedWith(raw, "raw must be true or false (in any case), was 'yes'");

        FuzzSampler endpoints = named(new FuzzSampler(), file.toString());
        endpoints.setEndpoints("- GET /a\n- {method: POST, pth: /b}\n");
        failedWith(endpoints, "endpoints:2:18: unknown key 'pth' in endpoints[1] (did you mean 'path'?)");

        AttackSampler attack = named(new AttackSampler(), file.toString());
        attack.setAttack("dos");
        failedWith(attack, "attack must be one of sessions, flood, slowHeaders, was 'dos'");

        AuthCheckSampler severity = named(new AuthCheckSampler(), file.toString());
        severity.setFailureSeverity("SEVERE");
        failedWith(severity, "failureSeverity must be one of", "was 'SEVERE'");

        AuthCheckSampler target = named(new AuthCheckSampler(), file.toString());
        target.setTargetUrl("ftp://admin:hunter2-secret@127.0.0.1/");
        SampleResult result = failedWith(target, "targetUrl: target.url must start with http:// or https://");
        assertThat(result.getResponseMessage() + result.getSamplerData()).doesNotContain("hunter2-secret");
    }

    @Test
    void aMissingAttackSectionNamesTheKeyAndTheFile() throws Exception {
        Path file = yaml("security.yaml", "target:\n  url: http://127.0.0.1:1/\nattack:\n  sessions: {count: 1}\n");
        AttackSampler attack = named(new AttackSampler(), file.toString());
        attack.setAttack("flood");
        failedWith(attack, "attack.flood is not configured in security.yaml");
        attack.setAttack("slowHeaders");
        failedWith(attack, "attack.slowHeaders is not configured in security.yaml");
    }

    @Test
    void unsetCredentialsAndUnreachableTargetsAreFailedSamples() throws Exception {
        Path file = yaml("security.yaml", """
                target:
                  url: http://127.0.0.1:1/
                credentials:
                  password: property:SECPERF_TEST_UNSET_PASSWORD
                """);
        AuthCheckSampler auth = named(new AuthCheckSampler(), file.toString());
        failedWith(auth, "credential 'password': property SECPERF_TEST_UNSET_PASSWORD is not set");

        Path open = yaml("open.yaml", "target:\n  url: http://127.0.0.1:1/\n");
        AuthCheckSampler unreachable = named(new AuthCheckSampler(), open.toString());
        SampleResult result = failedWith(unreachable, "target http://127.0.0.1:1 is unreachable: connection refused");
        assertThat(result.getResponseCode()).isEqualTo("Non HTTP response code: java.net.ConnectException");
    }

    /** One sample of a fresh run of a fuzz sampler that sends no mutations, only (maybe) the raw requests. */
    private static SampleResult rawOnly(Path file, String raw) {
        FuzzSampler sampler = named(new FuzzSampler(), file.toString());
        sampler.setIterationsPerSample("0");
        sampler.setRaw(raw);
        sampler.testStarted();
        try {
            return sampler.sample(null);
        } finally {
            sampler.testEnded();
        }
    }

    /** A fuzz sample stopped before its raw requests went out does not claim they were sent. */
    @Test
    void aSampleStoppedBeforeTheRawRequestsDoesNotReportThemAsSent() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            Path file = yaml("security.yaml", TestConfigs.target(server, dir, true)
                    + "fuzz:\n  seed: 7\n  requestTimeout: 3s\n  partialRequestTimeout: 1s\n");

            SampleResult stopped;
            Thread.currentThread().interrupt(); // JMeter's "stop now" arrived before the raw requests
            try {
                stopped = rawOnly(file, "true");
            } finally {
                Thread.interrupted();
            }
            assertThat(stopped.getResponseMessage()).as("says it stopped, does not claim the raw requests ran")
                    .contains("incomplete: stopped before the malformed raw requests were sent")
                    .endsWith("seed 7, no iterations").doesNotContain("already sent");
            assertThat(stopped.getResponseDataAsString()).containsPattern("\"raw\"\\s*:\\s*false");
            assertThat(server.requestCount()).isZero();
        }
    }

    /** JMeter's GUI writes a boolean back as {@code True}/{@code False}: any case is the same switch. */
    @Test
    void rawAcceptsTrueAndFalseInAnyCaseAndRejectsOtherWords() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            Path file = yaml("security.yaml", TestConfigs.target(server, dir, true)
                    + "fuzz:\n  seed: 7\n  requestTimeout: 3s\n  partialRequestTimeout: 1s\n");

            SampleResult sent = rawOnly(file, "True");
            assertThat(sent.getResponseMessage()).as("the raw requests ran").contains("malformed raw requests")
                    .doesNotContain("raw must be");
            assertThat(sent.getResponseDataAsString()).containsPattern("\"raw\"\\s*:\\s*true");
            assertThat(sent.getSamplerData()).contains("malformed raw requests once per run");

            SampleResult skipped = rawOnly(file, " FALSE ");
            assertThat(skipped.isSuccessful()).as(skipped.getResponseMessage()).isTrue();
            assertThat(skipped.getResponseMessage()).contains("no iterations").doesNotContain("malformed raw requests");
            assertThat(skipped.getResponseDataAsString()).containsPattern("\"raw\"\\s*:\\s*false");
            assertThat(skipped.getSamplerData()).doesNotContain("malformed raw");
        }

        Path file = yaml("other.yaml", "target:\n  url: http://127.0.0.1:1/\n");
        for (String word : new String[] {"yes", "1", "on", "truee"}) {
            FuzzSampler bad = named(new FuzzSampler(), file.toString());
            bad.setRaw(word);
            failedWith(bad, "raw must be true or false (in any case), was '" + word + "'");
        }
    }
}
