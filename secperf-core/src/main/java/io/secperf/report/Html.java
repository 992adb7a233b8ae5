package io.secperf.report;

/**
 * Escaping for text that goes into the report. Every value from the target, the plan or the user (labels, response
 * codes and messages, evidence, URLs, property values) passes through {@link #text}, so no such value can open a tag,
 * close an attribute or start a script: the report must not become an XSS vector on a Jenkins page.
 */
final class Html {

    private Html() {
    }

    /**
     * Escapes for element content and double- or single-quoted attribute values. Control characters other than tab
     * and newline, lone surrogates and the BOM become U+FFFD, so a binary response body cannot confuse the parser.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '`' -> "&#96;";
                default -> unsafe(value, i, c) ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(length + 16);
                out.append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /** The value escaped, cut to maxChars with a note of how much was left out. */
    static String text(String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return text(value);
        }
        return text(value.substring(0, maxChars)) + "… (" + (value.length() - maxChars) + " more characters)";
    }

    private static boolean unsafe(String value, int i, char c) {
        if (c == '\t' || c == '\n') {
            return false;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }
}
