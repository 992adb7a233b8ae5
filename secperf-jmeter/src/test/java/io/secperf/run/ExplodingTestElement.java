package io.secperf.run;

import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;

/** A plan element whose test-start hook throws, to make the real engine crash (plans/bad/engine-crash.jmx). */
public class ExplodingTestElement extends AbstractTestElement implements TestStateListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void testStarted() {
        throw new IllegalStateException("boom from a plan element");
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        // nothing to clean up
    }

    @Override
    public void testEnded(String host) {
        // nothing to clean up
    }
}
