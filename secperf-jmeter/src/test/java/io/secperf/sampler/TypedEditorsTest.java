package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Component;
import java.awt.Container;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JCheckBox;
import javax.swing.JTextField;
import javax.swing.text.BadLocationException;

import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.junit.jupiter.api.Test;

import io.secperf.run.JMeterHome;

/**
 * In JMeter's GUI a yes/no property is a checkbox and a number a field that takes digits (or an expression), so a
 * typo cannot reach a run; the plan keeps the strings it always had ({@code true}, {@code 20}).
 */
class TypedEditorsTest {

    @Test
    void theCheckboxWritesLowerCaseTrueAndFalseAndKeepsAnExpression() {
        CheckboxEditor editor = new CheckboxEditor();
        editor.setValue("True");
        assertThat(editor.getValue()).isEqualTo("true");
        assertThat(editor.getCustomEditor()).isInstanceOf(JCheckBox.class);

        ((JCheckBox) editor.getCustomEditor()).doClick();
        assertThat(editor.getValue()).isEqualTo("false");

        editor.setAsText("${__P(raw,true)}");
        assertThat(editor.getValue()).isEqualTo("${__P(raw,true)}");
        ((JCheckBox) editor.getCustomEditor()).doClick();
        assertThat(editor.getValue()).isIn("true", "false");

        assertThatThrownBy(() -> editor.setAsText("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yes'");
    }

    @Test
    void theNumberFieldRefusesLettersAsTheyAreTypedButTakesAnExpression() throws BadLocationException {
        WholeNumberEditor editor = new WholeNumberEditor();
        JTextField field = (JTextField) editor.getCustomEditor();
        editor.setValue("20");
        field.getDocument().insertString(2, "O", null);  // the classic typo: letter O for zero
        assertThat(editor.getValue()).isEqualTo("20");
        field.getDocument().insertString(2, "0", null);
        assertThat(editor.getValue()).isEqualTo("200");

        editor.setAsText(" ${__P(iterations,20)} ");
        assertThat(editor.getValue()).isEqualTo("${__P(iterations,20)}");
        assertThatThrownBy(() -> editor.setAsText("2O")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WholeNumberEditor.complete("")).isFalse();
        assertThat(WholeNumberEditor.complete("${x")).isFalse();
    }

    @Test
    void theFuzzerPanelShowsACheckboxForRawAndANewElementStillSavesTheStrings() {
        JMeterHome.initialise();
        TestBeanGUI gui = new TestBeanGUI(FuzzSampler.class);
        TestElement element = gui.createTestElement();
        assertThat(element.getPropertyAsString("raw")).isEqualTo("true");
        assertThat(element.getPropertyAsString("iterationsPerSample")).isEqualTo("20");
        gui.configure(element);  // the panel shows its customizer once an element is shown
        assertThat(components(gui, JCheckBox.class)).hasSize(1);
        gui.modifyTestElement(element);
        assertThat(element.getPropertyAsString("raw")).isEqualTo("true");
    }

    @Test
    void theTlsProbePanelHasNumberFieldsForPortAndTimeout() {
        JMeterHome.initialise();
        TestBeanGUI gui = new TestBeanGUI(TlsProbeSampler.class);
        TestElement element = gui.createTestElement();
        assertThat(element.getPropertyAsString("port")).isEqualTo("443");
        assertThat(element.getPropertyAsString("timeoutMs")).isEqualTo("3000");
        gui.configure(element);
        long numberFields = components(gui, JTextField.class).stream()
                .filter(f -> ((AbstractDocumentAware) () -> f).hasDigitFilter()).count();
        assertThat(numberFields).isEqualTo(2);
    }

    /** Whether a text field is one of ours: it refuses a letter. */
    @FunctionalInterface
    private interface AbstractDocumentAware {
        JTextField field();

        default boolean hasDigitFilter() {
            JTextField f = field();
            String before = f.getText();
            try {
                f.getDocument().insertString(0, "x", null);
            } catch (BadLocationException e) {
                return false;
            }
            boolean refused = f.getText().equals(before);
            f.setText(before);
            return refused;
        }
    }

    private static <T extends Component> List<T> components(Container root, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                found.add(type.cast(c));
            }
            if (c instanceof Container container) {
                found.addAll(components(container, type));
            }
        }
        return found;
    }
}
