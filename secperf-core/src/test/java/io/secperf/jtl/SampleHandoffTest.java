package io.secperf.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secperf.result.Sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleHandoffTest {

    @TempDir
    Path dir;

    private static Sample sample(long i) {
        return new Sample(i, i, "l", "200", "OK", true, "", 0, 0, 0, 0, 1);
    }

    @Test
    void deliversEverySampleInOrderOnAnotherThread() {
        List<Sample> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int n = SampleHandoff.BATCH * 7 + 13;
        try (SampleHandoff handoff = new SampleHandoff(s -> {
            if (threads.isEmpty()) {
                threads.add(Thread.currentThread());
            }
            seen.add(s);
        }, "test-sink")) {
            for (int i = 0; i < n; i++) {
                handoff.accept(sample(i));
            }
        }
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i).elapsed()).isEqualTo(i);
        }
        assertThat(threads.get(0)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aFailingSinkStopsTheProducerAndIsRethrownOnClose() {
        AtomicInteger calls = new AtomicInteger();
        SampleHandoff handoff = new SampleHandoff(s -> {
            if (calls.incrementAndGet() == 10) {
                throw new IllegalArgumentException("sink broke");
            }
        }, "test-sink");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                handoff.accept(sample(i));
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("sink broke");
        assertThatThrownBy(handoff::close).isInstanceOf(IllegalArgumentException.class).hasMessage("sink broke");
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void concurrentReadGivesTheSameSamplesAsAPlainRead() throws IOException {
        List<Sample> samples = TestSamples.random(11, 20_000);
        Path f = dir.resolve("c.jtl");
        try (JtlCsvWriter w = new JtlCsvWriter(f)) {
            samples.forEach(w::accept);
        }
        TestSamples.Collector c = new TestSamples.Collector();
        JtlReadStats stats = Jtl.readConcurrently(f, c);
        assertThat(stats.rowsRead()).isEqualTo(samples.size());
        assertThat(c.samples).isEqualTo(samples);
    }
    @Test
    void everyFieldArrivesAndCloseIsIdempotent() {
        List<Sample> seen = new ArrayList<>();
        Sample full = new Sample(1_700_000_000_123L, 456, "GET /x", "503", "Service Unavailable", false, "boom", 789,
                321, 400, 12, 37);
        SampleHandoff handoff = new SampleHandoff(seen::add, "test-sink");
        handoff.accept(full);
        handoff.acceptFields(1, 2, "l", "c", "m", true, "", 3, 4, 5, 6, 7);
        handoff.close();
        handoff.close();
        assertThat(seen).containsExactly(full, new Sample(1, 2, "l", "c", "m", true, "", 3, 4, 5, 6, 7));
    }

    @Test
    void exactlyFullBatchesAndNoSamplesAtAllAreDelivered() {
        for (int n : new int[] {0, SampleHandoff.BATCH, SampleHandoff.BATCH * (SampleHandoff.BATCHES + 3)}) {
            List<Sample> seen = new ArrayList<>();
            try (SampleHandoff handoff = new SampleHandoff(seen::add, "test-sink")) {
                for (int i = 0; i < n; i++) {
                    handoff.accept(sample(i));
                }
            }
            assertThat(seen).as("%d samples", n).hasSize(n);
            if (n > 0) {
                assertThat(seen.get(n - 1).elapsed()).isEqualTo(n - 1);
            }
        }
    }

    @Test
    void anErrorInTheSinkIsRethrownAsItIs() {
        SampleHandoff handoff = new SampleHandoff(s -> {
            throw new AssertionError("sink error");
        }, "test-sink");
        handoff.accept(sample(1));
        assertThatThrownBy(handoff::close).isInstanceOf(AssertionError.class).hasMessage("sink error");
    }
}
