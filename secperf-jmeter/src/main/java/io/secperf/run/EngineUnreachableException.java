package io.secperf.run;

import java.util.List;

/**
 * Too few JMeter remote engines answered before the start, or one lacks secperf-jmeter-ext: nothing was started on
 * any engine. An infrastructure problem (a server down, a wrong port, an incomplete install), not a failed test.
 */
public final class EngineUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> engines;

    EngineUnreachableException(List<String> engines, String message) {
        super(message);
        this.engines = List.copyOf(engines);
    }

    /** The engines at fault, {@code host:port}. */
    public List<String> engines() {
        return engines;
    }
}
