package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(nanos::get);
    private final InetAddress client = InetAddress.getLoopbackAddress();

    @Test
    void blocksAfterTooManyFailuresWithinOneSecondThenRecovers() throws Exception {
        for (int i = 0; i < LoginThrottle.FAILURES_PER_SECOND - 1; i++) {
            throttle.failed(client);
        }
        assertThat(throttle.blocked(client)).isFalse();
        throttle.failed(client);
        assertThat(throttle.blocked(client)).isTrue();
        assertThat(throttle.blocked(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}))).isFalse();

        nanos.addAndGet(1_000_000_000L);
        assertThat(throttle.blocked(client)).isFalse();
        throttle.failed(client);
        assertThat(throttle.blocked(client)).as("a new second starts a new count").isFalse();
    }

    @Test
    void failuresSpreadOverSecondsNeverBlock() {
        for (int i = 0; i < 100; i++) {
            throttle.failed(client);
            nanos.addAndGet(200_000_000L);
            assertThat(throttle.blocked(client)).isFalse();
        }
    }
}
