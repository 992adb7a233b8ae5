package io.secperf.run;

import java.time.Duration;

/**
 * A once-per-second snapshot of a running test for a live progress line; cheap to build and safe to drop.
 *
 * @param elapsed           time since the engine started
 * @param samples           samples so far (top-level JMeter results, as in JMeter's aggregate report)
 * @param errors            failed samples so far
 * @param requestsPerSecond samples per second over the last interval
 * @param intervalP95Millis 95th percentile of elapsed time over the last interval, -1 if it had no samples
 * @param activeThreads     JMeter threads currently running
 */
public record Progress(Duration elapsed, long samples, long errors, double requestsPerSecond, long intervalP95Millis,
                       int activeThreads) {
}
