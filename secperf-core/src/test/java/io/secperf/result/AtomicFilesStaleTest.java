package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesStaleTest {

    @TempDir
    Path dir;

    @Test
    void removesOnlyTemporaryFilesOfProcessesThatAreGone() throws IOException {
        long self = ProcessHandle.current().pid();
        Path dead = Files.createFile(dir.resolve(".samples.jtl.2147483646-k3j2.partial"));
        Path deadResult = Files.createFile(dir.resolve(".secperf-result.json.2147483645-zz.tmp"));
        Path oldVersion = Files.createFile(dir.resolve(".samples.jtl.8127364512736451.partial"));
        Path live = Files.createFile(dir.resolve(".samples.jtl." + self + "-abc.partial"));
        Path unrelated = Files.createFile(dir.resolve(".gitignore"));
        Path userFile = Files.createFile(dir.resolve("notes.2147483646-x.tmp"));

        assertThat(AtomicFiles.removeStale(dir)).containsExactlyInAnyOrder(dead, deadResult, oldVersion);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(live, unrelated, userFile);
        }
    }

    @Test
    void aPendingFileNamesItsProcessAndVanishesWhenNotCommitted() throws IOException {
        Path target = dir.resolve("x.json");
        try (AtomicFiles.Pending pending = AtomicFiles.begin(target, ".tmp")) {
            assertThat(pending.temp().getFileName().toString())
                    .startsWith(".x.json." + ProcessHandle.current().pid() + "-").endsWith(".tmp");
            pending.stream().write(1);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        assertThat(AtomicFiles.removeStale(dir.resolve("missing"))).isEmpty();
    }
}
