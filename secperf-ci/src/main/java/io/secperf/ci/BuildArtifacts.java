package io.secperf.ci;

/**
 * What of a run's output directory is copied to the CI server with the build: the result document, the report with
 * its stylesheet and charts, the console summary, JUnit XML and SARIF, but never raw samples (JTL) or JMeter's log,
 * so the controller's disk and memory do not grow with the number of samples.
 */
public final class BuildArtifacts {

    /** Ant includes, comma separated, relative to the output directory. */
    public static final String INCLUDES =
            "secperf-result.json,summary.txt,*.html,*.css,charts/**,*.png,*.svg,*.xml,*.sarif";
    /** Ant excludes. */
    public static final String EXCLUDES = "**/*.jtl,**/*.log,**/*.tmp";
    /** The directory inside the build's own directory that receives them. */
    public static final String BUILD_DIR = "secperf";
    /** The report page inside that directory, when the runner wrote one. */
    public static final String REPORT_PAGE = "report.html";
    /** Copying stops being sensible beyond this; a bigger output directory is refused with a message. */
    public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

    private BuildArtifacts() {
    }

    /** The sub-directory of {@link #BUILD_DIR} for the n-th recording in one build (several steps per build). */
    public static String recordingDir(int index) {
        return index <= 1 ? BUILD_DIR : BUILD_DIR + "-" + index;
    }
}
