package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ResultAggregatorConcurrencyTest {

    @Test
    void manyThreadsFeedingWhileProgressAndSnapshotsAreTakenLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 60_000;
        List<List<Sample>> work = new ArrayList<>();
        List<Sample> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Sample> samples = RandomSamples.generate(new Random(100 + t), perThread, 6, 30_000);
            work.add(samples);
            all.addAll(samples);
        }
        ResultAggregator aggregator = new ResultAggregator();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> feeders = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (List<Sample> samples : work) {
            Thread feeder = new Thread(() -> {
                try {
                    start.await();
                    samples.forEach(aggregator::accept);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            feeder.start();
            feeders.add(feeder);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong progressSum = new AtomicLong();
        List<RunResult> partials = new CopyOnWriteArrayList<>();
        Thread observer = new Thread(() -> {
            try {
                while (!done.get()) {
                    progressSum.addAndGet(aggregator.progress().intervalSamples());
                    if (partials.size() < 20) {
                        partials.add(aggregator.snapshot());
                    }
                    Thread.sleep(1);
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        observer.start();
        start.countDown();
        for (Thread feeder : feeders) {
            feeder.join();
        }
        done.set(true);
        observer.join();
        assertThat(failures).isEmpty();

        RunResult result = aggregator.finish();
        assertThat(result.overall().count()).isEqualTo((long) threads * perThread);
        assertThat(result).isEqualTo(RandomSamples.aggregate(all, ResultAggregator.MAX_SERIES_BUCKETS));
        assertThat(progressSum.get() + aggregator.progress().intervalSamples()).isEqualTo((long) threads * perThread);

        long previous = -1;
        for (RunResult partial : partials) {
            long count = partial.overall().count();
            assertThat(count).isGreaterThanOrEqualTo(previous);
            previous = count;
            // a snapshot is consistent: the series holds exactly the samples of the label statistics
            assertThat(partial.timeSeries().buckets().stream().mapToLong(SecondBucket::count).sum()).isEqualTo(count);
            assertThat(partial.labels().stream().mapToLong(LabelStats::count).sum()).isEqualTo(count);
        }
    }

    @Test
    void acceptDoesNotAllocatePerSample() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        List<Sample> samples = inEndOrder(RandomSamples.generate(new Random(3), 200_000, 10, 20_000));
        ResultAggregator aggregator = new ResultAggregator();
        samples.forEach(aggregator::accept); // first sight of labels and seconds allocates, by design

        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (Sample sample : samples) {
            aggregator.accept(sample);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // boxing or copying anything per sample would cost >= 16 bytes x 200,000 = 3.2 MB
        assertThat(allocated).as("bytes allocated for %d samples", samples.size()).isLessThan(200_000);
    }

    /** The order in which a live run delivers samples: when they end. */
    private static List<Sample> inEndOrder(List<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(java.util.Comparator.comparingLong(s -> s.timeStamp() + s.elapsed()));
        return sorted;
    }
}
