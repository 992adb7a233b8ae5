package io.secperf.tls;

/**
 * Client-initiated renegotiation (a CPU-exhaustion lever: each renegotiation costs the server a full handshake).
 *
 * @param status    the verdict
 * @param succeeded renegotiations that completed in a row before the first refusal
 * @param attempts  how many were tried (10, as sslyze and testssl.sh do)
 * @param detail    one line: how the server refused, or why it was not tested
 */
public record RenegotiationResult(Status status, int succeeded, int attempts, String detail) {

    public enum Status {
        /** All attempts succeeded. */
        VULNERABLE,
        /** The server refused (alert, disconnect or timeout) before the last attempt. */
        MITIGATED,
        /** No TLS 1.2 or below: TLS 1.3 has no renegotiation. */
        NOT_APPLICABLE,
        /** Could not be tested (reason in detail). */
        NOT_TESTED
    }
}
