package io.secperf.gate;

/**
 * A gate list that cannot be understood. Says where (source, line, column), what was expected, what was found, and,
 * for a misspelt name, the nearest correct one. {@link #excerpt()} shows the line with a caret under the problem.
 */
public final class GateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final int length;
    private final String expected;
    private final String found;
    private final String suggestion;
    private final String lineText;
    private final String problem;

    /**
     * @param source     file name or "gates"
     * @param line       1-based line; 0 when the problem has no position (structured input)
     * @param column     1-based column; 0 when unknown
     * @param length     characters to underline (at least 1)
     * @param expected   what the parser expected, e.g. "an operator (<, <=, >, >=, ==, !=)"
     * @param found      what it found, e.g. "'lt'" or "the end of the line"
     * @param suggestion nearest valid name, or null
     * @param lineText   the source line, or null
     * @param problem    the complete explanation without location
     */
    GateSyntaxException(String source, int line, int column, int length, String expected, String found,
                        String suggestion, String lineText, String problem) {
        super(location(source, line, column) + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.length = Math.max(1, length);
        this.expected = expected;
        this.found = found;
        this.suggestion = suggestion;
        this.lineText = lineText;
        this.problem = problem;
    }

    private static String location(String source, int line, int column) {
        if (line <= 0) {
            return source + ": ";
        }
        return source + ":" + line + ":" + column + ": ";
    }

    public String source() {
        return source;
    }

    /** 1-based line; 0 for structured input. */
    public int line() {
        return line;
    }

    /** 1-based column; 0 for structured input. */
    public int column() {
        return column;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }

    /** The nearest valid name for a misspelt one, or null. */
    public String suggestion() {
        return suggestion;
    }

    /** The explanation without the location prefix. */
    public String problem() {
        return problem;
    }

    /**
     * The offending line and a caret line under the problem, e.g. {@code "  p95 < 800xs\n        ^^^^^"}; empty when
     * there is no source line.
     */
    public String excerpt() {
        if (lineText == null || column <= 0) {
            return "";
        }
        String shown = lineText.replace('\t', ' ');
        int start = Math.min(column - 1, shown.length());
        int underline = Math.max(1, Math.min(length, shown.length() - start));
        return "  " + shown + "\n  " + " ".repeat(start) + "^".repeat(underline);
    }

    /** A copy that places a structured-input problem: "gates.yaml: gate 2, 'threshold': ..." */
    GateSyntaxException inEntry(String entrySource, String where) {
        return new GateSyntaxException(entrySource, 0, 0, 1, expected, found, suggestion, null,
                where + ": " + problem);
    }
}
