package io.secperf.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures heap two ways, because "peak heap" means little on its own with a generational collector:
 * <ul>
 *   <li>{@code peakPools}: the sum over heap pools of each pool's peak usage, which includes garbage waiting in the
 *       young generation and therefore mostly reflects how big the collector let the heap grow;</li>
 *   <li>{@code peakLive}: the largest heap occupancy right after any collection, i.e. what the program really keeps
 *       reachable; this is what decides whether a run fits in a given -Xmx.</li>
 * </ul>
 */
final class HeapWatch {

    private volatile long peakLive;
    private volatile long collections;
    private volatile long sampledLive;
    private volatile boolean stop;

    /**
     * With {@code -Dp1.liveSampleMs=N} a daemon thread forces a full collection every N ms and records the heap in
     * use right after it: the true live set over time, at the price of perturbing timing (so such runs are not
     * timed runs).
     */
    HeapWatch() {
        long every = Long.getLong("p1.liveSampleMs", 0);
        if (every > 0) {
            Thread t = new Thread(() -> {
                while (!stop) {
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    synchronized (this) {
                        sampledLive = Math.max(sampledLive, used);
                    }
                }
            }, "live-set-sampler");
            t.setDaemon(true);
            t.start();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                synchronized (this) {
                    collections++;
                    peakLive = Math.max(peakLive, used);
                }
            }, null, null);
        }
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    long peakPools() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Forces a final collection so a program that never triggered an old collection still reports its live set. */
    long peakLive() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return peakLive;
    }

    /** Largest heap in use right after a forced full collection; 0 unless sampling was enabled. */
    long sampledLive() {
        stop = true;
        return sampledLive;
    }

    long collections() {
        return collections;
    }
}
