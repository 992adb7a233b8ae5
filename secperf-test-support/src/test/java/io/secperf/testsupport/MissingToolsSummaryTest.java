package io.secperf.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MissingToolsSummaryTest {

    @TempDir
    Path root;

    @Test
    void oneLineNamesTheToolsAndHowToInstallThem() {
        String line = MissingToolsSummary.summarize(List.of(
                "NGINX\t[engine:junit-jupiter]/[class:A]/[method:a()]",
                "SSLSCAN\t[engine:junit-jupiter]/[class:A]/[method:b()]",
                "CHROMIUM\t[engine:junit-jupiter]/[class:B]/[method:c()]",
                "NGINX\t[engine:junit-jupiter]/[class:A]/[method:a()]",
                "SARIF_MULTITOOL\t[engine:junit-jupiter]/[class:C]/[method:d()]"));

        assertThat(line).isEqualTo("secperf: 4 tests skipped: chromium, nginx, sslscan, sarif-multitool not installed"
                + " (apt-get install -y chromium nginx-light sslscan; npm install -g @microsoft/sarif-multitool);"
                + " -Dsecperf.requireTools=true makes a missing tool fail the build");
    }

    @Test
    void saysSoWhenNothingWasSkippedAndStaysSilentWhenNoTestsRan() {
        assertThat(MissingToolsSummary.summarize(List.of())).isEqualTo(
                "secperf: no test was skipped for a missing system tool");
        assertThat(MissingToolsSummary.summarize(null)).isNull();
    }

    @Test
    void readsEveryModulesRecordOfThisBuildOnly() throws Exception {
        Path fresh = Files.createDirectories(root.resolve("secperf-core/target")).resolve("secperf-missing-tools.tsv");
        Files.writeString(fresh, "CHROMIUM\tt1\n");
        Path stale = Files.createDirectories(root.resolve("secperf-security/target"))
                .resolve("secperf-missing-tools.tsv");
        Files.writeString(stale, "NGINX\tt2\n");
        Instant buildStart = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(stale, FileTime.from(buildStart.minusSeconds(3600)));

        assertThat(MissingToolsSummary.records(root, buildStart)).containsExactly("CHROMIUM\tt1");
        assertThat(MissingToolsSummary.records(root, Instant.now().plusSeconds(3600))).isNull();
    }
}
