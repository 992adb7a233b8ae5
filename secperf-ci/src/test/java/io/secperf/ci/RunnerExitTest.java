package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The exit codes the CI glue branches on are the ones docs/cli.md documents. */
class RunnerExitTest {

    @Test
    void documentedExitCodes() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        assertThat(doc).contains("| 1 | gates failed").contains("| 2 | only gates marked `as unstable` failed")
                .contains("| 3 | security preflight").contains("| 4 | usage or input error")
                .contains("| 5 | infrastructure error").contains("| 130 / 143 |");
        assertThat(RunnerExit.describe(RunnerExit.GATES_FAILED)).contains("gates failed");
        assertThat(RunnerExit.describe(99)).contains("unexpected exit code 99");
    }
}
