package io.secperf.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jmeter.gui.JMeterGUIComponent;
import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jmeter.testelement.property.MultiProperty;
import org.apache.jmeter.testelement.property.PropertyIterator;
import org.apache.jmeter.testelement.property.TestElementProperty;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.HashTreeTraverser;

/**
 * Test support: would JMeter's GUI show this plan and save it back unchanged? Shared by the template tests and the
 * augmentation tests (the secperf-jmeter test-jar), so "opens in the JMeter GUI" means the same everywhere.
 */
public final class GuiRoundTrip {

    private GuiRoundTrip() {
    }

    /**
     * Builds each element's GUI headless (TestBeans through {@link TestBeanGUI}), shows the element in it, saves it
     * back and compares the meaningful properties.
     *
     * @return one line per element whose GUI failed or changed a value; empty when the plan survives the GUI
     */
    public static List<String> problems(HashTree tree) {
        List<String> problems = new ArrayList<>();
        tree.traverse(new HashTreeTraverser() {
            @Override
            public void addNode(Object node, HashTree subTree) {
                TestElement element = (TestElement) node;
                String gui = element.getPropertyAsString(TestElement.GUI_CLASS);
                try {
                    JMeterGUIComponent component = gui.equals(TestBeanGUI.class.getName())
                            ? new TestBeanGUI(Class.forName(element.getPropertyAsString(TestElement.TEST_CLASS)))
                            : (JMeterGUIComponent) Class.forName(gui).getDeclaredConstructor().newInstance();
                    component.configure(element);
                    TestElement shown = component.createTestElement();
                    component.modifyTestElement(shown);
                    Map<String, String> before = meaningful(element);
                    Map<String, String> after = meaningful(shown);
                    before.forEach((name, value) -> {
                        if (!value.equals(after.get(name))) {
                            problems.add(element.getName() + ": " + name + " " + value + " -> " + after.get(name));
                        }
                    });
                } catch (ReflectiveOperationException | RuntimeException e) {
                    problems.add(element.getName() + ": " + gui + " failed: " + e);
                }
            }

            @Override
            public void subtractNode() {
            }

            @Override
            public void processPath() {
            }
        });
        return problems;
    }

    private static Map<String, String> meaningful(TestElement element) {
        Map<String, String> values = new TreeMap<>();
        flatten("", element.propertyIterator(), values);
        values.values().removeIf(v -> v.isEmpty() || v.equals("false"));
        values.keySet().removeIf(name -> name.endsWith(TestElement.ENABLED));
        return values;
    }

    private static void flatten(String prefix, PropertyIterator properties, Map<String, String> into) {
        int index = 0;
        while (properties.hasNext()) {
            JMeterProperty property = properties.next();
            String name = prefix + (property.getName().isEmpty() ? "#" + index : property.getName());
            index++;
            if (property instanceof TestElementProperty nested) {
                flatten(name + ".", nested.getElement().propertyIterator(), into);
            } else if (property instanceof MultiProperty multi) {
                flatten(name + ".", multi.iterator(), into);
            } else if (!name.endsWith(TestElement.GUI_CLASS) && !name.endsWith(TestElement.TEST_CLASS)) {
                into.put(name, property.getStringValue());
            }
        }
    }
}
