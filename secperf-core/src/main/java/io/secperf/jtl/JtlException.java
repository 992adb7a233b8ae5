package io.secperf.jtl;

import java.io.IOException;

/**
 * A JTL file that cannot be read at all (missing, empty, no recognisable header, unknown format). The message is one
 * line that names the file and says what was expected, so the CLI can print it as is. Damage inside an otherwise
 * readable file is not an exception: it is counted in {@link JtlReadStats}.
 */
public final class JtlException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can map it to an exit code without parsing the message. */
    public enum Kind { MISSING, UNREADABLE, EMPTY, NOT_A_JTL }

    private final Kind kind;

    public JtlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public JtlException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
