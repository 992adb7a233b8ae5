package io.secperf.ci;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives every recording of one build its own directory in the build directory, also when several steps record at
 * the same time (parallel branches): a directory is claimed by creating it, which the file system does atomically,
 * so two recordings never pick the same one. The first is {@code secperf}, then {@code secperf-2}, {@code secperf-3}...
 */
public final class RecordingDirectories {

    /** More recordings than this in one build is a runaway loop, not a test plan. */
    public static final int MAX_RECORDINGS = 1000;

    private RecordingDirectories() {
    }

    /** Creates the next free recording directory under {@code buildDir} and returns its name. */
    public static String claim(Path buildDir) throws IOException {
        Files.createDirectories(buildDir);
        for (int i = 1; i <= MAX_RECORDINGS; i++) {
            String name = BuildArtifacts.recordingDir(i);
            try {
                Files.createDirectory(buildDir.resolve(name));
                return name;
            } catch (FileAlreadyExistsException taken) {
                // claimed by an earlier or concurrent recording of this build
            }
        }
        throw new IOException("this build already has " + MAX_RECORDINGS + " secperf recordings; not recording more");
    }
}
