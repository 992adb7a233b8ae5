package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RunnerInvocationTest {

    private static final List<String> JAVA = CliDistribution.javaCommand("/opt/jdk/bin/java",
            "/agent/secperf-cli-0.1.0-0123456789abcdef", true);

    @Test
    void runCommandLine() {
        TestStepParameters p = new TestStepParameters("perf/checkout.jmx", null, "https://staging.example.com",
                "threads=50\nduration=300\n", "perf/security.yaml", "staging-api-token", "p95 < 800ms", "abort",
                null, 120, null, null);
        RunnerInvocation inv = RunnerInvocation.run(JAVA, p, new RunnerInvocation.Paths("/ws/perf/checkout.jmx",
                "/ws/perf/security.yaml", "/ws@tmp/secperf/gates.txt", null, "/ws/secperf-out"),
                CredentialEnvironment.secretText("s3cr3t-token"));
        assertThat(inv.command()).containsExactly("/opt/jdk/bin/java", "-Djava.awt.headless=true", "-cp",
                "/agent/secperf-cli-0.1.0-0123456789abcdef/lib/*", "io.secperf.cli.Secperf", "run",
                "--plan", "/ws/perf/checkout.jmx", "--target", "https://staging.example.com",
                "-Jthreads=50", "-Jduration=300", "--duration", "120",
                "--security", "/ws/perf/security.yaml", "--gates", "/ws@tmp/secperf/gates.txt",
                "--preflight", "abort", "--out", "/ws/secperf-out", "--sarif", "/ws/secperf-out/secperf.sarif", "--progress", "plain");
        assertThat(String.join(" ", inv.command())).doesNotContain("s3cr3t-token");
        assertThat(inv.display()).doesNotContain("s3cr3t-token").contains("'/agent/secperf-cli-0.1.0-0123456789abcdef/lib/*'");
        assertThat(inv.environment()).containsEntry("SECPERF_TOKEN", "s3cr3t-token")
                .containsEntry("SECPERF_J_token", "s3cr3t-token");
    }

    @Test
    void templateRunWithoutOptionals() {
        TestStepParameters p = new TestStepParameters(null, "rest-api-baseline", null, null, null, null, null, null,
                null, null, "results", null);
        RunnerInvocation inv = RunnerInvocation.run(JAVA, p,
                new RunnerInvocation.Paths(null, null, null, null, "/ws/results"), CredentialEnvironment.none());
        assertThat(inv.command().subList(5, inv.command().size())).containsExactly("run", "--template",
                "rest-api-baseline", "--out", "/ws/results", "--sarif", "/ws/results/secperf.sarif", "--progress",
                "plain");
        assertThat(inv.environment()).isEmpty();
    }

    @Test
    void remoteEnginesArePassedToTheRunner() {
        TestStepParameters p = new TestStepParameters(null, "rest-api-baseline", "https://staging.example.com", null,
                null, null, null, null, null, null, "results", null, "lg1, lg2:1099", 1);
        RunnerInvocation inv = RunnerInvocation.run(JAVA, p,
                new RunnerInvocation.Paths(null, null, null, null, "/ws/results"), CredentialEnvironment.none());
        assertThat(inv.command().subList(5, inv.command().size())).containsExactly("run", "--template",
                "rest-api-baseline", "--target", "https://staging.example.com", "--remote", "lg1, lg2:1099",
                "--remote-min", "1", "--out", "/ws/results", "--sarif", "/ws/results/secperf.sarif", "--progress",
                "plain");
        assertThat(p.toMap()).containsEntry("remote", "lg1, lg2:1099").containsEntry("remoteMin", 1);
    }

    @Test
    void remoteParametersAreCheckedBeforeAnythingStarts() {
        assertThat(TestStepParameters.checkRemote("lg1,lg2:1099,[::1]:4000", 3).isError()).isFalse();
        assertThat(TestStepParameters.checkRemote(null, null).isError()).isFalse();
        assertThat(TestStepParameters.checkRemote(null, 2).message()).contains("remoteMin needs remote");
        assertThat(TestStepParameters.checkRemote("lg1:99999", null).message())
                .contains("'lg1:99999' is not host[:port] with a port 1-65535");
        assertThat(TestStepParameters.checkRemote("lg1 lg2", null).isError()).isTrue();
        assertThat(TestStepParameters.checkRemote("lg1,LG1", null).message()).contains("LG1 is given twice");
        assertThat(TestStepParameters.checkRemote("lg1,lg2", 3).message()).contains("between 1 and 2");
        assertThat(TestStepParameters.checkRemote(" , ", null).message()).contains("at least one");
        TestStepParameters bad = new TestStepParameters(null, "rest-api-baseline", null, null, null, null, null, null,
                null, null, null, null, null, 2);
        assertThat(bad.errors()).contains("remoteMin needs remote");
        assertThat(StepArguments.normalize(java.util.Map.of("remote", List.of("lg1", "lg2:1099"), "remoteMin", "2")))
                .containsEntry("remote", "lg1,lg2:1099").containsEntry("remoteMin", 2);
    }

    @Test
    void gateCommandLineMergesEveryFile() {
        RunnerInvocation inv = RunnerInvocation.gate(JAVA, List.of("/ws/a/secperf-result.json",
                "/ws/b/secperf-result.json"), "/tmp/gates.txt", "/tmp/reference.json", "/ws/secperf-merged");
        assertThat(inv.command().subList(5, inv.command().size())).containsExactly("gate",
                "--result", "/ws/a/secperf-result.json", "--result", "/ws/b/secperf-result.json",
                "--gates", "/tmp/gates.txt", "--reference", "/tmp/reference.json", "--out", "/ws/secperf-merged",
                "--sarif", "/ws/secperf-merged/secperf.sarif");
        assertThatThrownBy(() -> RunnerInvocation.gate(JAVA, List.of(), "g", null, "o"))
                .hasMessage("no result files to merge");
    }

    @Test
    void windowsAgentPaths() {
        assertThat(CliDistribution.javaExecutable("C:\\jdk17\\", false)).isEqualTo("C:\\jdk17\\bin\\java.exe");
        assertThat(CliDistribution.javaCommand("java.exe", "D:\\agent\\cli", false).get(3))
                .isEqualTo("D:\\agent\\cli\\lib\\*");
        assertThat(CliDistribution.javaExecutable("/usr/lib/jvm/temurin-17", true))
                .isEqualTo("/usr/lib/jvm/temurin-17/bin/java");
    }

    @Test
    void distributionDirectoryCarriesVersionAndChecksum() {
        String sha = "3f2a9c01d4e5b6a7" + "0".repeat(48);
        assertThat(CliDistribution.directoryName("0.1.0-SNAPSHOT", sha)).isEqualTo("secperf-cli-0.1.0-SNAPSHOT-3f2a9c01d4e5b6a7");
        assertThat(CliDistribution.directoryName("../../evil", sha)).isEqualTo("secperf-cli-unknown-3f2a9c01d4e5b6a7");
        assertThatThrownBy(() -> CliDistribution.directoryName("1", "xyz")).hasMessageContaining("SHA-256");
    }

    @Test
    void credentialsTravelOnlyInTheEnvironmentAndAreMasked() throws IOException {
        CredentialEnvironment up = CredentialEnvironment.usernamePassword("perf-bot", "pa55word!");
        assertThat(up.environment()).containsEntry("SECPERF_USERNAME", "perf-bot")
                .containsEntry("SECPERF_PASSWORD", "pa55word!").containsEntry("SECPERF_J_password", "pa55word!");
        assertThat(up.secrets()).containsExactly("pa55word!");
        assertThatThrownBy(() -> CredentialEnvironment.secretText("")).hasMessageContaining("empty");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(console, up.secrets())) {
            byte[] line = "login as perf-bot with pa55word! ok\n".getBytes(StandardCharsets.UTF_8);
            out.write(line, 0, 20);          // the secret is split across two writes
            out.write(line, 20, line.length - 20);
            out.write("tail pa55word!".getBytes(StandardCharsets.UTF_8)); // no newline: flushed on close
        }
        assertThat(console.toString(StandardCharsets.UTF_8))
                .isEqualTo("login as perf-bot with **** ok\ntail ****");
    }

    @Test
    void flushKeepsAPartialLineSoASplitSecretIsStillCaughtAndFinishEmitsIt() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SecretMaskingOutputStream out = new SecretMaskingOutputStream(console, List.of("hunter22"));
        out.write("pass=hunt".getBytes(StandardCharsets.UTF_8));
        out.flush();                          // Jenkins' stream copiers flush after every chunk
        assertThat(console.size()).isZero();
        out.write("er22".getBytes(StandardCharsets.UTF_8));
        out.finish();                         // the runner ended without a final newline
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("pass=****");
    }

    @Test
    void maskingPrefersTheLongestSecretAndIgnoresTinyOnes() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(console, List.of("abc", "abcdef", "x"))) {
            out.write("abcdef abc x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("**** **** x\n");
    }

    @Test
    void longLinesAreMaskedInPieces() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String secret = "topsecret";
        try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(console, List.of(secret))) {
            out.write((secret + "y".repeat(SecretMaskingOutputStream.MAX_LINE)).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("****y").doesNotContain(secret);
    }
}
