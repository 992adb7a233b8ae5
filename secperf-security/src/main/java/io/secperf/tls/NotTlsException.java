package io.secperf.tls;

/**
 * The port answered, but not in TLS (plain HTTP, a banner, ...): there is nothing to grade, so the probe stops after
 * the first hello instead of reporting every version as refused.
 */
public final class NotTlsException extends TlsProbeException {
    private static final long serialVersionUID = 1L;

    public NotTlsException(String message) {
        super(message, null);
    }
}
