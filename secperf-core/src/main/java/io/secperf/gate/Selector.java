package io.secperf.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.secperf.result.ErrorClass;
import io.secperf.result.Finding;
import io.secperf.result.Severity;

/**
 * Which part of a measurement a gate looks at: one sampler label, one error class, findings of a minimum severity
 * or with an id prefix. All parts are optional; an empty selector means "everything" (the overall row, all findings).
 *
 * @param label       sampler label, or null for all samples
 * @param errorClass  error class for {@code errors}/{@code errors.count}, or null for all errors
 * @param severityOp  comparison for {@code severity}, or null
 * @param severity    severity compared with, or null
 * @param findingId   finding id, exact or a prefix ending in "*", or null
 */
public record Selector(String label, ErrorClass errorClass, Operator severityOp, Severity severity, String findingId) {

    /** No selection. */
    public static final Selector NONE = new Selector(null, null, null, null, null);

    /** The keys a selector may have; each metric allows some of them. */
    public enum Key {
        LABEL("label"), CLASS("class"), SEVERITY("severity"), ID("id");

        private final String text;

        Key(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Key parse(String text) {
            for (Key key : values()) {
                if (key.text.equalsIgnoreCase(text)) {
                    return key;
                }
            }
            return null;
        }
    }

    public Selector {
        if ((severityOp == null) != (severity == null)) {
            throw new IllegalArgumentException("severity needs both an operator and a value");
        }
    }

    public boolean isEmpty() {
        return label == null && errorClass == null && severity == null && findingId == null;
    }

    /** The keys this selector uses. */
    List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        if (label != null) {
            keys.add(Key.LABEL);
        }
        if (errorClass != null) {
            keys.add(Key.CLASS);
        }
        if (severity != null) {
            keys.add(Key.SEVERITY);
        }
        if (findingId != null) {
            keys.add(Key.ID);
        }
        return keys;
    }

    Selector withLabel(String value) {
        return new Selector(value, errorClass, severityOp, severity, findingId);
    }

    Selector withErrorClass(ErrorClass value) {
        return new Selector(label, value, severityOp, severity, findingId);
    }

    Selector withSeverity(Operator op, Severity value) {
        return new Selector(label, errorClass, op, value, findingId);
    }

    Selector withFindingId(String value) {
        return new Selector(label, errorClass, severityOp, severity, value);
    }

    /** True when the finding matches the severity and id parts. */
    boolean matches(Finding finding) {
        if (severity != null && (finding.severity() == null
                || !severityOp.test(finding.severity().ordinal(), severity.ordinal()))) {
            return false;
        }
        if (findingId != null) {
            String id = finding.id() == null ? "" : finding.id();
            return findingId.endsWith("*") ? id.startsWith(findingId.substring(0, findingId.length() - 1))
                    : id.equals(findingId);
        }
        return true;
    }

    /** Canonical gate-language text without parentheses, e.g. {@code label="Checkout", class=TIMEOUT}. */
    public String text() {
        List<String> parts = new ArrayList<>();
        if (label != null) {
            parts.add("label=" + quote(label));
        }
        if (errorClass != null) {
            parts.add("class=" + errorClass.name());
        }
        if (severity != null) {
            parts.add("severity" + severityOp.symbol() + severity.name().toLowerCase(Locale.ROOT));
        }
        if (findingId != null) {
            parts.add("id=" + quote(findingId));
        }
        return String.join(", ", parts);
    }

    /** For messages: " of Checkout", " (TIMEOUT)", " with severity >= high". */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (errorClass != null) {
            sb.append(" (").append(errorClass.name()).append(')');
        }
        if (label != null) {
            sb.append(" of ").append(label);
        }
        if (severity != null) {
            sb.append(" with severity ").append(severityOp.symbol()).append(' ')
                    .append(severity.name().toLowerCase(Locale.ROOT));
        }
        if (findingId != null) {
            sb.append(severity != null ? " and" : " with").append(" id ").append(findingId);
        }
        return sb.toString();
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
