package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class DemoLatencyTest {

    private static long[] draw(long seed, int n) {
        DemoLatency latency = new DemoLatency(Duration.ofMillis(2), Duration.ofMillis(3), seed);
        return LongStream.range(0, n).map(i -> latency.nextDelayNanos(1.0)).toArray();
    }

    @Test
    void sameSeedGivesTheSameSequenceAndOtherSeedsDiffer() {
        assertThat(draw(42, 1000)).containsExactly(draw(42, 1000));
        assertThat(draw(43, 1000)).isNotEqualTo(draw(42, 1000));
    }

    @Test
    void delaysStayInTheirBandWithARareTail() {
        long[] delays = draw(7, 100_000);
        long base = Duration.ofMillis(2).toNanos();
        long top = Duration.ofMillis(5).toNanos();
        long tail = Arrays.stream(delays).filter(d -> d > top).count();

        assertThat(Arrays.stream(delays).boxed()).allMatch(d -> d >= base && d <= top + 5 * Duration.ofMillis(3).toNanos());
        assertThat(tail).isBetween(700L, 1300L);
        double mean = Arrays.stream(delays).filter(d -> d <= top).average().orElseThrow();
        assertThat(mean).isBetween(3.4e6, 3.6e6);
    }

    @Test
    void weightScalesAndZeroDisables() {
        DemoLatency one = new DemoLatency(Duration.ofMillis(2), Duration.ZERO, 1);
        assertThat(one.nextDelayNanos(3.0)).isIn(6_000_000L, 6_000_000L + 30_000_000L);
        assertThat(one.nextDelayNanos(0)).isZero();
        assertThat(new DemoLatency(Duration.ZERO, Duration.ZERO, 1).nextDelayNanos(1)).isZero();
    }

    @Test
    void pauseWaitsAboutTheDelay() {
        DemoLatency latency = new DemoLatency(Duration.ofMillis(20), Duration.ZERO, 1);
        long start = System.nanoTime();
        latency.pause(1.0);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    }
}
