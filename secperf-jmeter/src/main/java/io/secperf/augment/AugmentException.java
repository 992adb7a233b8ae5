package io.secperf.augment;

/**
 * A plan cannot be augmented: the security file is invalid (the message starts with {@code file:line:column:}), the
 * plan already carries secperf's injected thread groups, or a sampler class is missing from this build. The message
 * is one line, meant to be shown as is.
 */
public final class AugmentException extends Exception {

    private static final long serialVersionUID = 1L;

    public AugmentException(String message) {
        super(message);
    }

    public AugmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
