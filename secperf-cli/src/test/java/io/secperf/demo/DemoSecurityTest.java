package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigReader;

/** The demo's built-in security.yaml: its timing rule, and that the strict reader accepts what it writes. */
class DemoSecurityTest {

    @TempDir
    Path dir;

    @Test
    void warmUpIs40PercentInWholeSecondsAndTheAttack30PercentAtLeastOneSecond() {
        DemoSecurity ci = DemoSecurity.forRun(Duration.ofSeconds(8));
        assertThat(ci.warmup()).isEqualTo(Duration.ofSeconds(4));          // ⌈3.2 s⌉
        assertThat(ci.attack()).isEqualTo(Duration.ofMillis(2400));
        assertThat(ci.warmup().plus(ci.attack())).as("the attack ends inside the run").isLessThan(Duration.ofSeconds(8));

        DemoSecurity standard = DemoSecurity.forRun(Duration.ofSeconds(20));
        assertThat(standard.warmup()).isEqualTo(Duration.ofSeconds(8));
        assertThat(standard.attack()).isEqualTo(Duration.ofSeconds(6));
        assertThat(standard.sessionCount()).isEqualTo(standard.sessionRate() * 6);

        DemoSecurity tiny = DemoSecurity.forRun(Duration.ofSeconds(2));
        assertThat(tiny.warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tiny.attack()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theWrittenFileIsAValidSecurityConfigWithCaTrustAndNoSecret() throws Exception {
        Files.writeString(dir.resolve("demo-ca.pem"), "placeholder: the reader resolves, the checks read it");
        URI target = URI.create("https://127.0.0.1:8443/");
        Path file = DemoSecurity.forRun(Duration.ofSeconds(8)).write(dir.resolve(DemoSecurity.FILE_NAME), target);

        String text = Files.readString(file);
        assertThat(text).doesNotContain(DemoTarget.PASSWORD).contains("password: property:password")
                .doesNotContain("insecure: true").doesNotContain("@");
        SecurityConfig config = SecurityConfigReader.read(file);
        assertThat(config.target().url()).isEqualTo(target);
        assertThat(config.target().insecure()).isFalse();
        assertThat(config.target().requestTimeout()).as("an unanswered preflight probe must not eat a short run")
                .isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(config.target().caFile()).contains(dir.resolve("demo-ca.pem"));
        assertThat(config.auth().login()).isPresent();
        assertThat(config.auth().protectedEndpoints()).hasSize(3);
        assertThat(config.auth().lockout()).as("the login throttle is per address: see the file's comment").isEmpty();
        assertThat(config.fuzz().seed()).isEqualTo(DemoSecurity.FUZZ_SEED);
        assertThat(config.fuzz().iterations()).isEqualTo(60);
        assertThat(config.fuzz().raw()).as("the JDK HttpServer has no header-read timeout: see the file").isFalse();
        assertThat(config.attack().flood()).isPresent();
        assertThat(config.attack().sessions()).isPresent();
        assertThat(config.attack().slowHeaders()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).as("written atomically: no temporary file left")
                    .containsExactlyInAnyOrder(file, dir.resolve("demo-ca.pem"));
        }
    }
}
