package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The runner sees the step's environment (withEnv, tool, proxies), minus what must not leak. */
class RunnerEnvironmentTest {

    private static Map<String, String> stepEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/opt/jdk-21/bin:/usr/bin");         // tool / withEnv(['PATH+JDK=...'])
        env.put("https_proxy", "http://proxy.corp:3128");
        env.put("NO_PROXY", "localhost,127.0.0.1");
        env.put("STAGE", "staging");                          // withEnv
        env.put("API_TOKEN", "s3cr3t-from-withCredentials");  // withCredentials(string(variable: 'API_TOKEN'))
        env.put("SECPERF_TOKEN", "forged-token");             // must not override the credential
        env.put("secperf_password", "forged-password");
        env.put("SECPERF_J_threads", "5000");                 // properties go through 'properties' only
        return env;
    }

    @Test
    void theStepEnvironmentReachesTheRunner() {
        RunnerEnvironment env = RunnerEnvironment.of(stepEnvironment(), CredentialEnvironment.none());
        assertThat(env.environment()).containsEntry("PATH", "/opt/jdk-21/bin:/usr/bin")
                .containsEntry("https_proxy", "http://proxy.corp:3128").containsEntry("NO_PROXY", "localhost,127.0.0.1")
                .containsEntry("STAGE", "staging").containsEntry("API_TOKEN", "s3cr3t-from-withCredentials");
    }

    @Test
    void credentialNamesAndPropertiesFromTheEnvironmentAreDroppedAndTheCredentialWins() {
        RunnerEnvironment env = RunnerEnvironment.of(stepEnvironment(),
                CredentialEnvironment.secretText("real-token-123"));
        assertThat(env.environment()).containsEntry("SECPERF_TOKEN", "real-token-123")
                .containsEntry("SECPERF_J_token", "real-token-123").doesNotContainKey("secperf_password")
                .doesNotContainKey("SECPERF_J_threads").doesNotContainValue("forged-token");
    }

    @Test
    void secretLookingVariablesAreMaskedWithTheCredential() throws Exception {
        RunnerEnvironment env = RunnerEnvironment.of(stepEnvironment(),
                CredentialEnvironment.secretText("real-token-123"));
        assertThat(env.secrets()).contains("real-token-123", "s3cr3t-from-withCredentials")
                .doesNotContain("staging", "http://proxy.corp:3128");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (SecretMaskingOutputStream masked = new SecretMaskingOutputStream(console, env.secrets())) {
            masked.write("auth with s3cr3t-from-withCredentials and real-token-123 on staging\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("auth with **** and **** on staging\n");
    }

    @Test
    void theInvocationCarriesTheComposedEnvironment() {
        TestStepParameters p = new TestStepParameters(null, "rest-api-baseline", "https://127.0.0.1:8443", null,
                null, null, null, null, null, null, null, null);
        RunnerInvocation run = RunnerInvocation.run(List.of("java"), p,
                new RunnerInvocation.Paths(null, null, null, null, "/ws/out"),
                RunnerEnvironment.of(stepEnvironment(), CredentialEnvironment.none()));
        assertThat(run.environment()).containsEntry("https_proxy", "http://proxy.corp:3128")
                .doesNotContainKey("SECPERF_TOKEN");
        assertThat(run.display()).doesNotContain("s3cr3t");
        RunnerInvocation gate = RunnerInvocation.gate(List.of("java"), List.of("/ws/a.json"), "/tmp/g.txt", null,
                "/ws/out", RunnerEnvironment.of(Map.of("PATH", "/usr/bin"), CredentialEnvironment.none()));
        assertThat(gate.environment()).containsEntry("PATH", "/usr/bin");
    }

    @Test
    void noStepEnvironmentMeansOnlyTheCredential() {
        assertThat(RunnerEnvironment.of(null, CredentialEnvironment.none()).environment()).isEmpty();
    }
}
