package io.secperf.sampler;

import java.awt.Component;
import java.beans.PropertyEditorSupport;
import java.util.Locale;

import javax.swing.JCheckBox;

/**
 * A yes/no sampler property shown as a checkbox in JMeter's TestBean GUI.
 *
 * <p>Why: JMeter 5.6's generic GUI shows a boolean as a free-text field with "True"/"False" suggestions, so a typo
 * (or "yes") reached the run and became a failed sample. The property stays a String in the plan ({@code true} or
 * {@code false}, as before), so hand-written plans and {@code ${__P(...)}} expressions keep working: a value that is
 * an expression is kept as it is until the user ticks or clears the box.
 */
public class CheckboxEditor extends PropertyEditorSupport {

    private final JCheckBox box = new JCheckBox();
    /** The plan's value when it is a JMeter expression; {@code null} once the box decides. */
    private String expression;

    public CheckboxEditor() {
        box.addItemListener(e -> {
            expression = null;
            box.setToolTipText(null);
            firePropertyChange();
        });
    }

    @Override
    public boolean supportsCustomEditor() {
        return true;
    }

    @Override
    public Component getCustomEditor() {
        return box;
    }

    @Override
    public Object getValue() {
        return getAsText();
    }

    @Override
    public String getAsText() {
        return expression != null ? expression : Boolean.toString(box.isSelected());
    }

    @Override
    public void setValue(Object value) {
        setAsText(value == null ? null : value.toString());
    }

    /** {@code true}/{@code false} in any case, or a JMeter expression; anything else is refused. */
    @Override
    public void setAsText(String text) {
        String value = text == null ? "" : text.strip();
        if (value.contains("${")) {
            expression = value;
            box.setToolTipText("set by the expression " + value + "; tick or clear to replace it");
            return;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false") && !lower.isEmpty()) {
            throw new IllegalArgumentException("expected true or false, was '" + value + "'");
        }
        expression = null;
        box.setToolTipText(null);
        // setSelected fires the item listener only on a change; the value is read from the box either way
        box.setSelected(lower.equals("true"));
    }
}
