package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publishing paths of {@link AtomicFiles} that {@code ResultDocumentsTest} does not reach: commit-if-absent, a
 * rename that the file system refuses (a directory where the file should go), what a pending file does after its
 * commit, and the one-line reasons given for each kind of I/O failure.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private Stream<Path> listing() throws IOException {
        return Files.list(dir);
    }

    @Test
    void commitIfAbsentPublishesANewFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("entry.json");
        try (AtomicFiles.Pending pending = AtomicFiles.begin(target, AtomicFiles.TEMP_SUFFIX)) {
            pending.stream().write("new".getBytes());
            assertThat(pending.commitIfAbsent()).isTrue();
            assertThat(pending.temp()).doesNotExist();
        }
        assertThat(Files.readString(target)).isEqualTo("new");
        try (Stream<Path> left = listing()) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void commitIfAbsentKeepsAnExistingFileAndRemovesItsTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("entry.json"), "first writer");
        Path temp;
        try (AtomicFiles.Pending pending = AtomicFiles.begin(target, AtomicFiles.TEMP_SUFFIX)) {
            temp = pending.temp();
            pending.stream().write("second writer".getBytes());
            assertThat(pending.commitIfAbsent()).isFalse();
        }
        assertThat(temp).doesNotExist();
        assertThat(Files.readString(target)).isEqualTo("first writer");
        try (Stream<Path> left = listing()) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aDirectoryInPlaceOfTheFileFailsTheCommitWithOneLineAndLeavesNothingBehind() throws IOException {
        Path target = Files.createDirectory(dir.resolve("secperf-result.json"));
        Files.writeString(target.resolve("inside.txt"), "kept");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write('x')))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("kept");
        try (Stream<Path> left = listing()) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aCommittedFileCannotBeChangedThroughItsPendingHandle() throws IOException {
        Path target = dir.resolve("summary.txt");
        AtomicFiles.Pending pending = AtomicFiles.begin(target, AtomicFiles.TEMP_SUFFIX);
        pending.stream().write("done".getBytes());
        pending.commit();
        assertThatThrownBy(() -> pending.stream().write("late".getBytes())).isInstanceOf(IOException.class);
        pending.close(); // after a commit: removes nothing
        pending.close();
        assertThat(Files.readString(target)).isEqualTo("done");
        try (Stream<Path> left = listing()) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void closingWithoutCommitTwiceIsHarmless() throws IOException {
        Path target = Files.writeString(dir.resolve("old.txt"), "old");
        AtomicFiles.Pending pending = AtomicFiles.begin(target, ".partial");
        assertThat(pending.temp().getFileName().toString()).startsWith(".old.txt.").endsWith(".partial");
        pending.stream().write("new".getBytes());
        pending.close();
        pending.close();
        assertThat(pending.temp()).doesNotExist();
        assertThatThrownBy(() -> pending.stream().write('x')).as("its file handle is closed, not leaked")
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void everyKindOfFailureIsDescribedInOneLineWithTheFileConcerned() {
        assertThat(AtomicFiles.describe(new AccessDeniedException("/out/x.json")))
                .isEqualTo("permission denied (/out/x.json)");
        assertThat(AtomicFiles.describe(new NoSuchFileException("/gone/x.json")))
                .isEqualTo("no such file or directory (/gone/x.json)");
        assertThat(AtomicFiles.describe(new FileAlreadyExistsException("/out")))
                .isEqualTo("/out exists and is not a directory");
        assertThat(AtomicFiles.describe(new FileSystemException("/full/x.json", null, "No space left on device")))
                .isEqualTo("No space left on device (/full/x.json)");
        assertThat(AtomicFiles.describe(new FileSystemException("/odd/x.json")))
                .isEqualTo("FileSystemException (/odd/x.json)");
        assertThat(AtomicFiles.describe(new IOException("Input/output error"))).isEqualTo("Input/output error");
        assertThat(AtomicFiles.describe(new IOException())).isEqualTo("IOException");
    }

    @Test
    void staleFilesAreOnlyRegularFilesOfProcessesThatAreGone() throws IOException {
        // pid 1 always runs; a directory or a link with a temporary file's name is not ours to remove
        Path init = Files.createFile(dir.resolve(".samples.jtl.1-abc.partial"));
        Path directory = Files.createDirectory(dir.resolve(".samples.jtl.2147483646-dir.partial"));
        Path link = Files.createSymbolicLink(dir.resolve(".samples.jtl.2147483646-lnk.partial"),
                dir.resolve("elsewhere"));
        Path hugeNumber = Files.createFile(dir.resolve(".samples.jtl.99999999999999999999.partial"));
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

        assertThat(AtomicFiles.removeStale(dir)).containsExactly(hugeNumber);
        assertThat(AtomicFiles.removeStale(notADirectory)).isEmpty();
        try (Stream<Path> left = listing()) {
            assertThat(left).containsExactlyInAnyOrder(init, directory, link, notADirectory);
        }
    }
    @Test
    void aNameTooLongForItsTemporaryFileFailsInOneLineAndWritesNothing() throws IOException {
        Path target = dir.resolve("r".repeat(250) + ".json"); // a valid name; ".NAME.PID-RANDOM.tmp" is not
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write('x')))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        try (Stream<Path> left = listing()) {
            assertThat(left).isEmpty();
        }
    }
}
