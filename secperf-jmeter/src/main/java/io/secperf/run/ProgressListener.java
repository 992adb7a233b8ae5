package io.secperf.run;

/**
 * Receives {@link Progress} once per second from a thread owned by the runner (never a JMeter sampling thread), so a
 * slow terminal cannot slow down the load. Exceptions thrown here are swallowed: progress is cosmetic.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Progress progress);
}
