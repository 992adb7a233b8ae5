package io.secperf.ci;

/**
 * The build results a CI step can set, ordered from best to worst like Jenkins' own (a result is only ever made
 * worse, never better). The Jenkins glue maps these names one to one onto {@code hudson.model.Result}.
 */
public enum BuildResult {
    SUCCESS, UNSTABLE, FAILURE, ABORTED;

    /** The worse of the two. */
    public BuildResult combine(BuildResult other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
