package io.secperf.sampler;

import java.awt.Color;
import java.awt.Component;
import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import javax.swing.JTextField;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.AbstractDocument;
import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DocumentFilter;

/**
 * A whole-number sampler property (port, timeout, iterations) shown as a field that takes digits only, or a JMeter
 * expression such as {@code ${__P(iterations,20)}}.
 *
 * <p>Why: in JMeter 5.6's generic GUI a number is a free-text field, so "2O" or "20 " reached the run and became a
 * failed sample. The field now refuses other characters as they are typed; an expression (text starting with
 * {@code $}) is accepted as it is and evaluated by JMeter at run time. The property stays a String in the plan.
 */
public class WholeNumberEditor extends PropertyEditorSupport {

    private static final Pattern DIGITS = Pattern.compile("\\d{0,9}");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{.*}");

    private final JTextField field = new JTextField(10);
    private final Color normal = field.getBackground();

    public WholeNumberEditor() {
        ((AbstractDocument) field.getDocument()).setDocumentFilter(new DocumentFilter() {
            @Override
            public void insertString(FilterBypass fb, int offset, String text, AttributeSet attr)
                    throws BadLocationException {
                replace(fb, offset, 0, text, attr);
            }

            @Override
            public void replace(FilterBypass fb, int offset, int length, String text, AttributeSet attrs)
                    throws BadLocationException {
                String current = fb.getDocument().getText(0, fb.getDocument().getLength());
                String next = current.substring(0, offset) + (text == null ? "" : text)
                        + current.substring(offset + length);
                if (acceptableWhileTyping(next)) {
                    fb.replace(offset, length, text, attrs);
                } else {
                    UIManager.getLookAndFeel().provideErrorFeedback(field);
                }
            }
        });
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                changed();
            }
        });
    }

    /** Digits, or something that is becoming an expression (it starts with {@code $}). */
    static boolean acceptableWhileTyping(String text) {
        return DIGITS.matcher(text).matches() || text.startsWith("$");
    }

    /** What may be saved: digits, or a complete expression. */
    static boolean complete(String text) {
        return DIGITS.matcher(text).matches() && !text.isEmpty() || EXPRESSION.matcher(text).matches();
    }

    private void changed() {
        boolean ok = complete(field.getText());
        field.setBackground(ok ? normal : new Color(255, 220, 220));
        field.setToolTipText(ok ? null : "a whole number, or a JMeter expression such as ${__P(name,20)}");
        firePropertyChange();
    }

    @Override
    public boolean supportsCustomEditor() {
        return true;
    }

    @Override
    public Component getCustomEditor() {
        return field;
    }

    @Override
    public Object getValue() {
        return getAsText();
    }

    @Override
    public String getAsText() {
        return field.getText();
    }

    @Override
    public void setValue(Object value) {
        setAsText(value == null ? "" : value.toString());
    }

    /** Digits or a JMeter expression (surrounding blanks dropped); anything else is refused. */
    @Override
    public void setAsText(String text) {
        String value = text == null ? "" : text.strip();
        if (!value.isEmpty() && !complete(value)) {
            throw new IllegalArgumentException("expected a whole number or a JMeter expression, was '" + value + "'");
        }
        field.setText(value);
    }
}
