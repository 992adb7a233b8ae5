package io.secperf.augment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jorphan.collections.HashTree;

/**
 * Sees the outcome of the injected preflight in a running plan: a listener inside the "secperf preflight" setUp
 * group, so it hears exactly the preflight's samples, whatever the run's other listeners do with them (secperf's live
 * listener keeps security samples out of the performance statistics). {@code secperf run} attaches it to the tree it
 * runs, never to a saved plan. {@link NoThreadClone}: one instance sees every thread. Thread-safe.
 */
public final class PreflightListener extends AbstractTestElement implements SampleListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> failures = new LinkedHashMap<>();

    public PreflightListener() {
        setName("secperf preflight outcome");
    }

    /**
     * Adds this listener to the preflight group of an augmented plan.
     *
     * @return false when the plan has no preflight group (nothing to watch)
     */
    public boolean attachTo(HashTree plan) {
        HashTree planLevel = plan.getTree(plan.getArray()[0]);
        for (Object element : planLevel.list()) {
            if (element instanceof SetupThreadGroup group && PlanAugmenter.PREFLIGHT_GROUP.equals(group.getName())) {
                planLevel.getTree(group).add(this);
                return true;
            }
        }
        return false;
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult result = event.getResult();
        if (!result.isSuccessful()) {
            synchronized (failures) {
                failures.putIfAbsent(result.getSampleLabel(), result.getResponseMessage());
            }
        }
    }

    /** Label to response message of each failed preflight sample, in the order they failed. */
    public Map<String, String> failures() {
        synchronized (failures) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }
    }

    @Override
    public void sampleStarted(SampleEvent event) {
        // only finished samples matter
    }

    @Override
    public void sampleStopped(SampleEvent event) {
        // only finished samples matter
    }
}
