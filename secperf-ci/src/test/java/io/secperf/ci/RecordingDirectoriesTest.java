package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel branches of one build each get their own recording directory. */
class RecordingDirectoriesTest {

    @TempDir
    Path build;

    @Test
    void firstIsSecperfThenNumbered() throws Exception {
        assertThat(RecordingDirectories.claim(build)).isEqualTo("secperf");
        assertThat(RecordingDirectories.claim(build)).isEqualTo("secperf-2");
        assertThat(Files.isDirectory(build.resolve("secperf-2"))).isTrue();
    }

    @Test
    void directoriesLeftByEarlierRecordingsAreSkipped() throws Exception {
        Files.createDirectory(build.resolve("secperf"));
        Files.createDirectory(build.resolve("secperf-2"));
        assertThat(RecordingDirectories.claim(build)).isEqualTo("secperf-3");
    }

    @Test
    void concurrentRecordingsNeverShareADirectory() throws Exception {
        int branches = 16;
        ExecutorService pool = Executors.newFixedThreadPool(branches);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> claims = new ArrayList<>();
            for (int i = 0; i < branches; i++) {
                Callable<String> claim = () -> {
                    start.await();
                    return RecordingDirectories.claim(build);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            List<String> names = new ArrayList<>();
            for (Future<String> f : claims) {
                names.add(f.get());
            }
            assertThat(names).doesNotHaveDuplicates().hasSize(branches).contains("secperf", "secperf-16");
        } finally {
            pool.shutdownNow();
        }
    }
}
