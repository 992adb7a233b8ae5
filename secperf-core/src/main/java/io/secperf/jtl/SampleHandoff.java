package io.secperf.jtl;

import io.secperf.result.Sample;
import io.secperf.result.SampleSink;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Passes samples from one producing thread to a sink running on its own thread, in batches and in order. Ingest of a
 * large JTL spends about as long parsing as aggregating; with this in between the two run on different cores. Memory
 * stays bounded: at most {@value #BATCHES} batches of {@value #BATCH} samples are in flight, and a full pipeline makes
 * the producer wait.
 *
 * <p>Single producer: {@link #accept} is not thread-safe (a JTL reader calls it from one thread). {@link #close()}
 * delivers what is still buffered, waits until the sink has seen every sample, and rethrows a failure of the sink; a
 * sink failure also makes the next {@link #accept} throw so that reading stops early.
 */
public final class SampleHandoff implements SampleSink, AutoCloseable {

    static final int BATCH = 2048;
    static final int BATCHES = 4;
    private static final Sample[] END = new Sample[0];

    private final SampleSink sink;
    private final BlockingQueue<Sample[]> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Sample[]> empty = new ArrayBlockingQueue<>(BATCHES + 2);
    private final Thread consumer;
    private volatile Throwable failure;
    private Sample[] batch = new Sample[BATCH];
    private int size;
    private boolean closed;

    /** Starts the consumer thread; {@code name} names it in thread dumps. */
    public SampleHandoff(SampleSink sink, String name) {
        this.sink = sink;
        this.consumer = new Thread(this::consume, name);
        consumer.setDaemon(true);
        consumer.start();
    }

    @Override
    public void accept(Sample sample) {
        batch[size++] = sample;
        if (size == BATCH) {
            Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException("sample sink failed: " + t, t);
            }
            put(batch);
            Sample[] next = empty.poll();
            batch = next != null ? next : new Sample[BATCH];
            size = 0;
        }
    }

    private void put(Sample[] b) {
        try {
            full.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing samples over", e);
        }
    }

    /** Runs until the end marker; keeps taking batches after a failure so the producer can never block for ever. */
    private void consume() {
        while (true) {
            Sample[] b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                if (failure == null) {
                    failure = e;
                }
                continue;
            }
            if (b == END) {
                return;
            }
            if (failure == null) {
                try {
                    for (int i = 0; i < b.length && b[i] != null; i++) {
                        sink.accept(b[i]);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            java.util.Arrays.fill(b, null);
            empty.offer(b);
        }
    }

    /**
     * Delivers the rest and waits for the sink to finish. Rethrows a sink failure (unchecked). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (size > 0) {
            put(batch);
            size = 0;
        }
        put(END);
        boolean interrupted = false;
        while (true) {
            try {
                consumer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("sample sink thread interrupted", t);
        }
    }
}
