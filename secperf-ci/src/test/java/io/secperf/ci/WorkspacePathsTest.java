package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePathsTest {

    @TempDir
    Path temp;

    @Test
    void syntaxRejectsDotDotAndWarnsOnAbsolute() {
        assertThat(WorkspacePaths.checkSyntax("perf/checkout.jmx", "plan").level()).isEqualTo(Check.Level.OK);
        assertThat(WorkspacePaths.checkSyntax("perf/../../etc/passwd", "plan").isError()).isTrue();
        assertThat(WorkspacePaths.checkSyntax("..\\secrets.txt", "plan").isError()).isTrue();
        assertThat(WorkspacePaths.checkSyntax("", "plan").isError()).isTrue();
        assertThat(WorkspacePaths.checkSyntax("a\0b", "plan").isError()).isTrue();
        assertThat(WorkspacePaths.checkSyntax("/etc/passwd", "plan").level()).isEqualTo(Check.Level.WARNING);
        assertThat(WorkspacePaths.checkSyntax("C:\\x.jmx", "plan").level()).isEqualTo(Check.Level.WARNING);
        assertThat(WorkspacePaths.checkSyntax("my..plan.jmx", "plan").level()).isEqualTo(Check.Level.OK);
    }

    @Test
    void patternsMustBeRelative() {
        assertThat(WorkspacePaths.checkPattern("shards/*/secperf-result.json", "results").level())
                .isEqualTo(Check.Level.OK);
        assertThat(WorkspacePaths.checkPattern("a/**/r.json, b/r.json", "results").level()).isEqualTo(Check.Level.OK);
        assertThat(WorkspacePaths.checkPattern("/tmp/*.json", "results").isError()).isTrue();
        assertThat(WorkspacePaths.checkPattern("ok.json,../x.json", "results").isError()).isTrue();
    }

    @Test
    void confineResolvesInsideTheWorkspace() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.createDirectories(ws.resolve("perf"));
        Files.writeString(ws.resolve("perf/plan.jmx"), "<jmeterTestPlan/>");
        assertThat(WorkspacePaths.confine(ws, "perf/plan.jmx", "plan"))
                .isEqualTo(ws.toRealPath().resolve("perf/plan.jmx"));
        // outputs need not exist yet
        assertThat(WorkspacePaths.confine(ws, "out/new/dir", "out")).isEqualTo(ws.toRealPath().resolve("out/new/dir"));
        // absolute inside is fine
        assertThat(WorkspacePaths.confine(ws, ws.resolve("perf/plan.jmx").toString(), "plan"))
                .isEqualTo(ws.toRealPath().resolve("perf/plan.jmx"));
    }

    @Test
    void confineRejectsAbsolutePathsOutside() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Path outside = Files.writeString(temp.resolve("secret.txt"), "x");
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, outside.toString(), "security"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("security must be inside the workspace");
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, "perf/../../secret.txt", "plan"))
                .hasMessageContaining("'..' is not allowed");
    }

    @Test
    void confineRejectsSymlinksThatEscape() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Path outsideDir = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outsideDir.resolve("passwd"), "root:x");
        Files.createSymbolicLink(ws.resolve("link"), outsideDir);
        Files.createSymbolicLink(ws.resolve("file-link"), outsideDir.resolve("passwd"));
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, "link/passwd", "plan"))
                .hasMessageContaining("leaves the workspace through a symbolic link");
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, "file-link", "plan"))
                .hasMessageContaining("leaves the workspace through a symbolic link");
        // not-yet-existing output below an escaping link is refused too
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, "link/new/out", "out"))
                .hasMessageContaining("symbolic link");
        // dangling link
        Files.createSymbolicLink(ws.resolve("dangling"), temp.resolve("nothing-here"));
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, "dangling", "plan"))
                .hasMessageContaining("broken or looping symbolic link");
    }

    @Test
    void symlinksInsideTheWorkspaceAreFine() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.createDirectories(ws.resolve("real"));
        Files.writeString(ws.resolve("real/plan.jmx"), "x");
        Files.createSymbolicLink(ws.resolve("alias"), ws.resolve("real"));
        assertThat(WorkspacePaths.confine(ws, "alias/plan.jmx", "plan"))
                .isEqualTo(ws.toRealPath().resolve("real/plan.jmx"));
    }

    @Test
    void aWorkspaceThatIsItselfASymlinkWorks() throws IOException {
        Path real = Files.createDirectories(temp.resolve("real-ws"));
        Path ws = Files.createSymbolicLink(temp.resolve("ws-link"), real);
        Files.writeString(real.resolve("p.jmx"), "x");
        assertThat(WorkspacePaths.confine(ws, "p.jmx", "plan")).isEqualTo(real.toRealPath().resolve("p.jmx"));
    }
}
