package io.secperf.sampler;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jmeter.testelement.property.PropertyIterator;

import io.secperf.run.JMeterHome;

/**
 * Runs inside a fresh class loader (see {@link SamplerGuiDefaultsTest}): introspects the samplers in a given order, as
 * JMeter does when it first meets each class, then creates each element the way Add > Sampler does
 * ({@code new TestBeanGUI(class).createTestElement()}), and returns the properties the new elements carry. Only JDK
 * types cross the class-loader boundary.
 */
public final class GuiDefaultsProbe {

    private GuiDefaultsProbe() {
    }

    /** @return sampler class name → property name → the value a new element from the GUI has */
    public static Map<String, Map<String, String>> newElements(List<String> loadOrder)
            throws ReflectiveOperationException, IntrospectionException {
        JMeterHome.initialise();
        for (String name : loadOrder) {
            Introspector.getBeanInfo(Class.forName(name));
        }
        Map<String, Map<String, String>> byClass = new LinkedHashMap<>();
        for (String name : loadOrder) {
            TestElement element = new TestBeanGUI(Class.forName(name)).createTestElement();
            Map<String, String> values = new LinkedHashMap<>();
            PropertyIterator properties = element.propertyIterator();
            while (properties.hasNext()) {
                JMeterProperty property = properties.next();
                values.put(property.getName(), property.getStringValue());
            }
            byClass.put(name, values);
        }
        return byClass;
    }
}
