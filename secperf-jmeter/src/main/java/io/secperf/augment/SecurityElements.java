package io.secperf.augment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.control.gui.LoopControlPanel;
import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.threads.gui.SetupThreadGroupGui;
import org.apache.jmeter.threads.gui.ThreadGroupGui;

/**
 * Builds the elements secperf injects, each with what JMeter's GUI and save format need: name, {@code guiclass},
 * {@code testclass}, enabled flag, and for thread groups a {@link LoopController} as main controller with its
 * {@link LoopControlPanel}. Secperf's samplers are TestBeans, stored as their class plus string properties and shown
 * by {@link TestBeanGUI}; they are built by class name so this package does not depend on sampler classes written
 * elsewhere. A sampler class missing from the classpath gives a placeholder carrying the same properties, recorded in
 * {@link #missing()}: fine for inspecting the structure, refused for saving or running.
 */
final class SecurityElements {

    static final String SAMPLER_PACKAGE = "io.secperf.sampler.";
    static final String TLS_PROBE = SAMPLER_PACKAGE + "TlsProbeSampler";
    static final String AUTH_CHECK = SAMPLER_PACKAGE + "AuthCheckSampler";
    static final String FUZZ = SAMPLER_PACKAGE + "FuzzSampler";
    static final String ATTACK = SAMPLER_PACKAGE + "AttackSampler";

    private final List<String> missing = new ArrayList<>();

    /** Sampler classes that were not on the classpath (placeholders were built instead). */
    List<String> missing() {
        return List.copyOf(missing);
    }

    /** The preflight group: runs before every other thread group, once, on one thread. */
    static SetupThreadGroup setupGroup(String name, String onSampleError) {
        SetupThreadGroup group = new SetupThreadGroup();
        configure(group, name, SetupThreadGroupGui.class.getName(), onSampleError, 1);
        group.setScheduler(false);
        group.setProperty(ThreadGroup.DURATION, "");
        group.setProperty(ThreadGroup.DELAY, "");
        return group;
    }

    /**
     * A group of hostile traffic: one thread, {@code loops} loops, starting {@code delaySeconds} after the load and
     * allowed to run {@code durationSeconds} from then. JMeter's scheduler refuses to start a group whose duration is
     * not positive ("Invalid duration 0", ThreadGroup.scheduleThread), so the duration is the routine's own bound plus
     * a margin; the routines end by themselves well before it.
     */
    static ThreadGroup delayedGroup(String name, long delaySeconds, long durationSeconds, int loops) {
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("a scheduled thread group needs a positive duration");
        }
        ThreadGroup group = new ThreadGroup();
        configure(group, name, ThreadGroupGui.class.getName(), AbstractThreadGroup.ON_SAMPLE_ERROR_CONTINUE, loops);
        group.setScheduler(true);
        group.setProperty(ThreadGroup.DELAY, Long.toString(delaySeconds));
        group.setProperty(ThreadGroup.DURATION, Long.toString(durationSeconds));
        return group;
    }

    private static void configure(ThreadGroup group, String name, String gui, String onSampleError, int loops) {
        element(group, name, gui, group.getClass().getName());
        group.setProperty(AbstractThreadGroup.ON_SAMPLE_ERROR, onSampleError);
        LoopController loop = new LoopController();
        element(loop, "Loop Controller", LoopControlPanel.class.getName(), LoopController.class.getName());
        loop.setContinueForever(false);
        loop.setLoops(loops);
        group.setSamplerController(loop);
        group.setProperty(AbstractThreadGroup.NUM_THREADS, "1");
        group.setProperty(ThreadGroup.RAMP_TIME, "0");
        group.setIsSameUserOnNextIteration(true);
    }

    /**
     * A TestBean sampler of {@code className} named {@code name} with string properties (absent keys keep the bean's
     * defaults); a placeholder when the class is not on the classpath.
     */
    TestElement sampler(String className, String name, Map<String, String> properties) {
        TestElement element;
        try {
            element = (TestElement) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            missing.add(className);
            element = new ConfigTestElement();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create JMeter element " + className + ": " + e, e);
        }
        element(element, name, TestBeanGUI.class.getName(), className);
        new LinkedHashMap<>(properties).forEach(element::setProperty);
        return element;
    }

    private static void element(TestElement element, String name, String gui, String testClass) {
        element.setName(name);
        element.setProperty(TestElement.GUI_CLASS, gui);
        element.setProperty(TestElement.TEST_CLASS, testClass);
        element.setEnabled(true);
    }
}
