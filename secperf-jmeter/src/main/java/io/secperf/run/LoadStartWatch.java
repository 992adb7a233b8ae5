package io.secperf.run;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.ThreadListener;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.PostThreadGroup;
import org.apache.jmeter.threads.SetupThreadGroup;

/**
 * Notes when the load begins: the first thread of a thread group that is neither a setUp nor a tearDown group.
 *
 * <p>Why: {@code --duration} is the length of the load. JMeter runs setUp thread groups (the {@code --security}
 * preflight) to their end before the load starts, and a TLS probe that backs off from a busy server may take many
 * seconds; counted from the start of the test, the hard stop cut that time off the load, and a short run measured
 * nothing at all. Added once at the test plan level, so every thread reports to this one instance.
 */
final class LoadStartWatch extends AbstractTestElement implements ThreadListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient AtomicLong loadStartNanos = new AtomicLong();

    LoadStartWatch() {
        setName("secperf load start");
    }

    @Override
    public void threadStarted() {
        AbstractThreadGroup group = JMeterContextService.getContext().getThreadGroup();
        if (group != null && !(group instanceof SetupThreadGroup) && !(group instanceof PostThreadGroup)) {
            // 0 is "not yet"; a real nanoTime of exactly 0 would only delay the deadline by one poll
            loadStartNanos.compareAndSet(0, System.nanoTime());
        }
    }

    @Override
    public void threadFinished() {
        // nothing: only the start matters
    }

    /** @return {@link System#nanoTime()} when the first load thread started, or 0 while none has */
    long loadStartNanos() {
        return loadStartNanos.get();
    }
}
