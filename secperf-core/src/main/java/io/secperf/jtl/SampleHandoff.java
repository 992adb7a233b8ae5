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
    private static final Batch END = new Batch(0);

    private final SampleSink sink;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES + 2);
    private final Thread consumer;
    private volatile Throwable failure;
    private Batch batch = new Batch(BATCH);
    private boolean closed;

    /**
     * Samples as columns of primitives and shared strings: the producer creates no object per sample (a JTL reader
     * hands fields, {@link SampleSink#acceptFields}), and the sink gets them the same way.
     */
    private static final class Batch {
        final long[] timeStamp;
        final long[] elapsed;
        final String[] label;
        final String[] responseCode;
        final String[] responseMessage;
        final boolean[] success;
        final String[] failureMessage;
        final long[] bytes;
        final long[] sentBytes;
        final long[] latency;
        final long[] connect;
        final int[] allThreads;
        int size;

        Batch(int capacity) {
            timeStamp = new long[capacity];
            elapsed = new long[capacity];
            label = new String[capacity];
            responseCode = new String[capacity];
            responseMessage = new String[capacity];
            success = new boolean[capacity];
            failureMessage = new String[capacity];
            bytes = new long[capacity];
            sentBytes = new long[capacity];
            latency = new long[capacity];
            connect = new long[capacity];
            allThreads = new int[capacity];
        }

        void deliver(SampleSink sink) {
            for (int i = 0; i < size; i++) {
                sink.acceptFields(timeStamp[i], elapsed[i], label[i], responseCode[i], responseMessage[i], success[i],
                        failureMessage[i], bytes[i], sentBytes[i], latency[i], connect[i], allThreads[i]);
            }
        }

        /** Drops the string references (the strings of a file's rows are few and shared, but not ours to keep). */
        void clear() {
            java.util.Arrays.fill(label, 0, size, null);
            java.util.Arrays.fill(responseCode, 0, size, null);
            java.util.Arrays.fill(responseMessage, 0, size, null);
            java.util.Arrays.fill(failureMessage, 0, size, null);
            size = 0;
        }
    }

    /** Starts the consumer thread; {@code name} names it in thread dumps. */
    public SampleHandoff(SampleSink sink, String name) {
        this.sink = sink;
        this.consumer = new Thread(this::consume, name);
        consumer.setDaemon(true);
        consumer.start();
    }

    @Override
    public void accept(Sample sample) {
        acceptFields(sample.timeStamp(), sample.elapsed(), sample.label(), sample.responseCode(),
                sample.responseMessage(), sample.success(), sample.failureMessage(), sample.bytes(),
                sample.sentBytes(), sample.latency(), sample.connect(), sample.allThreads());
    }

    @Override
    public void acceptFields(long timeStamp, long elapsed, String label, String responseCode, String responseMessage,
                             boolean success, String failureMessage, long bytes, long sentBytes, long latency,
                             long connect, int allThreads) {
        Batch b = batch;
        int i = b.size;
        b.timeStamp[i] = timeStamp;
        b.elapsed[i] = elapsed;
        b.label[i] = label;
        b.responseCode[i] = responseCode;
        b.responseMessage[i] = responseMessage;
        b.success[i] = success;
        b.failureMessage[i] = failureMessage;
        b.bytes[i] = bytes;
        b.sentBytes[i] = sentBytes;
        b.latency[i] = latency;
        b.connect[i] = connect;
        b.allThreads[i] = allThreads;
        b.size = i + 1;
        if (b.size == BATCH) {
            Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException("sample sink failed: " + t, t);
            }
            put(b);
            Batch next = empty.poll();
            batch = next != null ? next : new Batch(BATCH);
        }
    }

    private void put(Batch b) {
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
            Batch b;
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
                    b.deliver(sink);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            b.clear();
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
        if (batch.size > 0) {
            put(batch);
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
