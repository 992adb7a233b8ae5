package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The job trend hangs on the newest build with a recording, failed or not, and never reads more than the look-back. */
class JobTrendSourceTest {

    /** A build as the job page sees it: number, whether it recorded a secperf result, whether it was successful. */
    record Build(int number, boolean recorded, boolean successful) {
    }

    /** Builds newest first, counting how many were pulled (a lazily loading job loads exactly those). */
    static final class CountingBuilds implements Iterable<Build> {
        final List<Build> builds;
        final AtomicInteger pulled = new AtomicInteger();

        CountingBuilds(List<Build> builds) {
            this.builds = builds;
        }

        @Override
        public Iterator<Build> iterator() {
            Iterator<Build> it = builds.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Build next() {
                    pulled.incrementAndGet();
                    return it.next();
                }
            };
        }
    }

    @Test
    void aBuildBlockedByItsGatesIsTheTrendSourceNotTheLastSuccessfulOne() {
        // #3 failed its gates (recorded, not successful), #2 passed without a recording, #1 passed with one
        CountingBuilds builds = new CountingBuilds(List.of(new Build(3, true, false), new Build(2, false, true),
                new Build(1, true, true)));
        assertThat(JobTrendSource.newestRecorded(builds, Build::recorded)).map(Build::number).contains(3);
        assertThat(builds.pulled).hasValue(1);
    }

    @Test
    void skipsBuildsWithoutARecording() {
        CountingBuilds builds = new CountingBuilds(List.of(new Build(5, false, false), new Build(4, false, true),
                new Build(3, true, false)));
        assertThat(JobTrendSource.newestRecorded(builds, Build::recorded)).map(Build::number).contains(3);
    }

    @Test
    void looksBackOnlyABoundedNumberOfBuilds() {
        List<Build> list = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> list.add(new Build(10_000 - i, false, true)));
        list.add(new Build(0, true, true));
        CountingBuilds builds = new CountingBuilds(list);
        assertThat(JobTrendSource.newestRecorded(builds, Build::recorded)).isEmpty();
        assertThat(builds.pulled).hasValue(JobTrendSource.LOOK_BACK);
    }

    @Test
    void aRecordingJustInsideTheLookBackIsFound() {
        List<Build> list = new ArrayList<>();
        IntStream.range(0, JobTrendSource.LOOK_BACK - 1).forEach(i -> list.add(new Build(100 - i, false, true)));
        list.add(new Build(1, true, false));
        assertThat(JobTrendSource.newestRecorded(new CountingBuilds(list), Build::recorded)).map(Build::number)
                .contains(1);
    }

    @Test
    void aJobWithoutBuildsHasNoTrend() {
        assertThat(JobTrendSource.newestRecorded(List.<Build>of(), Build::recorded)).isEmpty();
    }
}
