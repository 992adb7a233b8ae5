package io.secperf.tls;

/** The endpoint cannot be probed at all (name does not resolve, TCP connect refused or timed out). */
public class TlsProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
