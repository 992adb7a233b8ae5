package io.secperf.testsupport;

import org.opentest4j.TestAbortedException;

/** A test was skipped because a system tool it needs is missing; {@link MissingToolsListener} counts these. */
public final class MissingToolException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final transient SystemTool tool;

    MissingToolException(SystemTool tool, String message) {
        super(message);
        this.tool = tool;
    }

    public SystemTool tool() {
        return tool;
    }
}
