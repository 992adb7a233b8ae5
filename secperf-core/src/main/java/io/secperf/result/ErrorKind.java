package io.secperf.result;

/**
 * One cause of failed samples: the response code and the response (or assertion) message with numbers, ids, hex,
 * UUIDs and port numbers folded, so that "Read timed out after 3000 ms" and "... after 3001 ms" are one row. Why:
 * an error class says "OTHER", a kind says {@code java.net.UnknownHostException: jakarta.apache.org}.
 *
 * @param code    JMeter's response code without its {@code "Non HTTP response code: "} prefix (e.g. {@code 500},
 *                {@code java.net.UnknownHostException}); at most {@value ErrorKinds#MAX_CODE_CHARS} characters
 * @param message the normalised message ({@link ErrorKinds#normalise}); the response message, or for a failed
 *                assertion the assertion's failure message; at most {@value ErrorKinds#MAX_MESSAGE_CHARS} characters
 * @param count   failed samples of this kind (see {@link ErrorKinds} for when it is exact)
 * @param example the raw message of one such sample, at most {@value ErrorKinds#MAX_EXAMPLE_CHARS} characters
 */
public record ErrorKind(String code, String message, long count, String example) {

    public ErrorKind {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
        example = example == null ? "" : example;
        if (count < 0) {
            throw new IllegalArgumentException("error kind '" + code + "': negative count " + count);
        }
    }

    /** {@code code: message}, or just one of them when the other is empty. */
    public String describe() {
        if (code.isEmpty()) {
            return message.isEmpty() ? "(no code, no message)" : message;
        }
        return message.isEmpty() ? code : code + ": " + message;
    }
}
