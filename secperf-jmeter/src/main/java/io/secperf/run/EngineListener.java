package io.secperf.run;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.Remoteable;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;

/**
 * secperf's listener in the plan copy of one JMeter remote engine. {@link Remoteable}: JMeter's client engine wraps it
 * for RMI ({@code ConvertListeners}), so it stays on the controller and hears, through JMeter's sample sender, every
 * sample that engine takes and when its test starts and ends. It counts them for that engine and hands them on to the
 * run's {@link LiveSampleListener}, which all engines share.
 *
 * <p>JMeter's client engine clones the plan before sending it ({@code TreeCloner}); a clone reports to the same engine.
 */
final class EngineListener extends AbstractTestElement
        implements SampleListener, TestStateListener, Remoteable, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient LiveSampleListener live;
    private final transient RemoteRun.Track track;

    EngineListener(LiveSampleListener live, RemoteRun.Track track) {
        this.live = live;
        this.track = track;
        setName("secperf live results from " + track.engine);
    }

    @Override
    public Object clone() {
        return new EngineListener(live, track);
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        track.samples.increment();
        live.sampleOccurred(event);
    }

    @Override
    public void sampleStarted(SampleEvent event) {
        // only finished samples matter
    }

    @Override
    public void sampleStopped(SampleEvent event) {
        // only finished samples matter
    }

    @Override
    public void testStarted() {
        track.testStarted();
        live.testStarted();
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        track.testEnded();
    }

    @Override
    public void testEnded(String host) {
        track.testEnded();
    }
}
