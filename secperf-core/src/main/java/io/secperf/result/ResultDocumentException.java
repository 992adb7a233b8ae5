package io.secperf.result;

import java.io.IOException;

/** A result document that cannot be used: malformed JSON, wrong schema version, inconsistent content. */
public final class ResultDocumentException extends IOException {

    private static final long serialVersionUID = 1L;

    public ResultDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    public ResultDocumentException(String message) {
        super(message);
    }
}
