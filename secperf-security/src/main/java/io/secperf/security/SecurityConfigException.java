package io.secperf.security;

/**
 * A security.yaml (or a credential it references) that cannot be used. The message is one line, starts with
 * {@code source:line:column:} when the position is known, and never contains a secret value.
 */
public final class SecurityConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    public SecurityConfigException(String source, int line, int column, String message) {
        super(prefix(source, line, column) + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public SecurityConfigException(String source, String message) {
        this(source, -1, -1, message);
    }

    private static String prefix(String source, int line, int column) {
        if (source == null) {
            return "";
        }
        if (line < 1) {
            return source + ": ";
        }
        return source + ":" + line + ":" + column + ": ";
    }

    /** The file or label the configuration came from. */
    public String source() {
        return source;
    }

    /** 1-based line, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1 when unknown. */
    public int column() {
        return column;
    }
}
