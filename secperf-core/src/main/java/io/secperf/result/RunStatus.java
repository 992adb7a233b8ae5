package io.secperf.result;

import io.secperf.text.BoundedText;

/**
 * Outcome of the run that produced a document.
 *
 * @param state  COMPLETE, PARTIAL or FAILED
 * @param reason why the run is partial or failed; null when complete
 */
public record RunStatus(RunState state, String reason) {

    public RunStatus {
        if (state == null) {
            throw new IllegalArgumentException("status.state is required");
        }
        reason = BoundedText.text(reason);
    }

    public static RunStatus complete() {
        return new RunStatus(RunState.COMPLETE, null);
    }

    public static RunStatus partial(String reason) {
        return new RunStatus(RunState.PARTIAL, reason);
    }

    public static RunStatus failed(String reason) {
        return new RunStatus(RunState.FAILED, reason);
    }
}
