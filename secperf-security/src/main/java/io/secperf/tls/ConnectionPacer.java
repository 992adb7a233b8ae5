package io.secperf.tls;

import java.util.concurrent.TimeUnit;

/**
 * Decides when the probe may open its next connection. A server that stops answering is not refusing: it is busy
 * (one connection at a time, a handshake rate limit, a slow backend). So every connection holds a permit, and each
 * connection the server leaves unanswered halves the number of permits (down to one: sequential) and, after a
 * silence, keeps new connections back for one read timeout so the server can work off its queue, which still holds
 * the connections given up on. Concurrency is never raised again during a probe: a server that was overrun once
 * is probed calmly to the end. The connection cap and the time budget are enforced here too, so every connection,
 * retries included, counts against them.
 */
final class ConnectionPacer {

    private final int maxParallel;
    private final long deadline;
    private final int maxConnections;
    private final long quietNanos;

    private int limit;
    private int open;
    private int used;
    private int unanswered;
    private long quietUntil;
    private String reason;

    /**
     * @param maxParallel    connections at once until the server stops answering
     * @param deadline       {@link System#nanoTime()} after which no connection opens
     * @param maxConnections connections in total
     * @param quietNanos     how long no connection opens after one went unanswered
     */
    ConnectionPacer(int maxParallel, long deadline, int maxConnections, long quietNanos) {
        this.maxParallel = maxParallel;
        this.limit = maxParallel;
        this.deadline = deadline;
        this.maxConnections = maxConnections;
        this.quietNanos = quietNanos;
        this.quietUntil = System.nanoTime();
    }

    /**
     * Waits until a connection may open and takes a permit; false (without a permit) when the connection cap or the
     * time budget is exhausted, or the thread was interrupted.
     */
    synchronized boolean acquire() {
        while (true) {
            long now = System.nanoTime();
            if (now - deadline > 0) {
                reason = "time budget exhausted";
                return false;
            }
            if (used >= maxConnections) {
                reason = "handshake cap of " + maxConnections + " reached";
                return false;
            }
            if (open < limit && now - quietUntil >= 0) {
                open++;
                used++;
                return true;
            }
            long until = open < limit ? Math.min(quietUntil, deadline) : deadline;
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1_000_000L, until - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = "probe interrupted";
                return false;
            }
        }
    }

    /** Returns a permit after a connection the server answered (any answer, refusals included). */
    synchronized void answered() {
        open--;
        notifyAll();
    }

    /**
     * Returns a permit after a connection the server did not answer: halves the parallel connections and, when the
     * server was {@code silent} (a timeout, not an immediate close), holds new connections back for a while.
     */
    synchronized void unanswered(boolean silent) {
        open--;
        unanswered++;
        limit = Math.max(1, limit / 2);
        if (silent) {
            quietUntil = System.nanoTime() + quietNanos;
        }
        notifyAll();
    }

    /** True once the cap or the budget refused a connection. */
    synchronized boolean exhausted() {
        return reason != null;
    }

    /** Why the last connection was refused, or null. */
    synchronized String reason() {
        return reason;
    }

    /** Connections opened so far. */
    synchronized int used() {
        return used;
    }

    /** Connections the server left unanswered so far. */
    synchronized int unansweredCount() {
        return unanswered;
    }

    /** The current number of connections allowed at once. */
    synchronized int parallel() {
        return limit;
    }

    /** A note for the report when the pacer had to slow down, or null when it never did. */
    synchronized String backOffNote() {
        if (unanswered == 0) {
            return null;
        }
        return "the server left " + unanswered + " connection" + (unanswered == 1 ? "" : "s")
                + " unanswered; parallel connections reduced from " + maxParallel + " to " + limit
                + " and every unanswered hello retried";
    }
}
