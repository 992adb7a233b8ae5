package io.secperf.demo;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: a client address with more than {@link #FAILURES_PER_SECOND} failed logins within one
 * second gets 429 for every login attempt until that second is over, correct credentials included (otherwise the
 * different answer would still confirm a right guess). Successful load tests log in rarely and correctly, so they
 * never meet it; a brute-force probe does. Memory is bounded: the table is dropped if it ever grows large.
 */
final class LoginThrottle {

    static final int FAILURES_PER_SECOND = 10;
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private record Window(long second, int failures) {
    }

    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    boolean blocked(InetAddress client) {
        Window window = windows.get(client);
        return window != null && window.second() == currentSecond() && window.failures() >= FAILURES_PER_SECOND;
    }

    void failed(InetAddress client) {
        if (windows.size() > MAX_TRACKED_ADDRESSES) {
            windows.clear();
        }
        long second = currentSecond();
        windows.merge(client, new Window(second, 1),
                (old, fresh) -> old.second() == second ? new Window(second, old.failures() + 1) : fresh);
    }

    private long currentSecond() {
        return Math.floorDiv(nanoTime.getAsLong(), 1_000_000_000L);
    }
}
