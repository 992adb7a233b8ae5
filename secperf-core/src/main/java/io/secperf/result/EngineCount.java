package io.secperf.result;

import java.time.Instant;
import java.util.Objects;

/**
 * What one JMeter remote engine ({@code jmeter-server}) contributed to a distributed run, so a result whose totals come
 * from several machines still says which machine produced what, and which one was lost on the way.
 *
 * @param engine  the engine as given to {@code --remote} ({@code host:port})
 * @param samples samples received from it by the controller
 * @param start   when it reported its test started; null when it never started
 * @param stop    when it reported its test ended, or when the controller lost contact with it; null while running
 * @param state   {@value #COMPLETED}, {@value #STOPPED}, {@value #LOST} or {@value #UNREACHABLE}
 * @param reason  one line on a lost or unreachable engine; null otherwise
 */
public record EngineCount(String engine, long samples, Instant start, Instant stop, String state, String reason) {

    /** The engine ran its part of the plan to the end. */
    public static final String COMPLETED = "completed";
    /** The controller stopped it (duration, Ctrl-C, a stop gate) and it confirmed the end. */
    public static final String STOPPED = "stopped";
    /** It stopped answering during the run; what it sent before is kept. */
    public static final String LOST = "lost";
    /** It did not answer at the start and took no part (allowed by {@code --remote-min}). */
    public static final String UNREACHABLE = "unreachable";

    public EngineCount {
        Objects.requireNonNull(engine, "engine");
        state = state == null ? COMPLETED : state;
    }
}
