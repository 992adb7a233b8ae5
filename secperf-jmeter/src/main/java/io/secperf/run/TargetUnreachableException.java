package io.secperf.run;

import java.net.URI;

/**
 * The target did not accept a TCP connection before the test started. Distinct from plan errors so the CLI can report
 * an infrastructure problem (wrong URL, target down) rather than a failed load test.
 */
public final class TargetUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient URI target;

    TargetUnreachableException(URI target, String message, Throwable cause) {
        super(message, cause);
        this.target = target;
    }

    public URI target() {
        return target;
    }
}
