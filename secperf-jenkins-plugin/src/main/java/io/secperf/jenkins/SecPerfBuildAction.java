package io.secperf.jenkins;

import java.io.File;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Item;
import hudson.model.Run;
import io.secperf.ci.BuildArtifacts;
import io.secperf.ci.ResultSummary;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponses;

/**
 * One secperf recording of a build: the small summary (kept in build.xml as JSON, a few kilobytes), where the copied
 * report and result document are in the build directory, and the link to the report. The full result document is
 * only read on demand (relative gates, downloads). A build has one per recording (parallel branches each record their
 * own); the job's trend page comes from {@link SecPerfJobActionFactory}, not from this action.
 */
public class SecPerfBuildAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(SecPerfBuildAction.class.getName());

    private final String summaryJson;
    private final String directory;
    private final String step;
    private final String outcome;
    /** The parallel branch that recorded it; null outside {@code parallel} and in builds recorded before 0.1. */
    private final String branch;
    private transient Run<?, ?> owner;
    private transient volatile ResultSummary summary;

    SecPerfBuildAction(String summaryJson, String directory, String step, String outcome) {
        this(summaryJson, directory, step, outcome, null);
    }

    SecPerfBuildAction(String summaryJson, String directory, String step, String outcome, String branch) {
        this.summaryJson = summaryJson;
        this.directory = directory;
        this.step = step;
        this.outcome = outcome;
        this.branch = branch;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        owner = r;
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        String which = branch != null ? branch : BuildArtifacts.BUILD_DIR.equals(directory) ? null : directory;
        return "secperf report" + (which == null ? "" : " (" + which + ")");
    }

    @Override
    public String getUrlName() {
        return directory == null ? "secperf" : directory;
    }

    /** The stored summary; a damaged one reads as an empty, failed summary rather than breaking the build page. */
    public ResultSummary getSummary() {
        ResultSummary s = summary;
        if (s == null) {
            try {
                s = ResultSummary.fromJson(summaryJson);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "damaged secperf summary in " + owner, e);
                s = new ResultSummary("FAILED", e.getMessage(), null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null, false,
                        null, null, null, null);
            }
            summary = s;
        }
        return s;
    }

    public String getStep() {
        return step;
    }

    public String getOutcome() {
        return outcome;
    }

    /** The parallel branch that recorded this, or null. */
    public String getBranch() {
        return branch;
    }

    /** True when the runner wrote an HTML report that was copied with the build. */
    public boolean isReportAvailable() {
        File dir = getDirectory();
        return dir != null && new File(dir, BuildArtifacts.REPORT_PAGE).isFile();
    }

    /** The result document in the build directory, read only on demand; null when not there. */
    @CheckForNull
    public File getResultFile() {
        File dir = getDirectory();
        return dir == null ? null : new File(dir, ResultSummary.resultFileName());
    }

    @CheckForNull
    private File getDirectory() {
        return owner == null || directory == null ? null : new File(owner.getRootDir(), directory);
    }

    /**
     * Serves the copied report, charts and result document ({@code .../secperf/report/report.html}). Goes through
     * DirectoryBrowserSupport, so Jenkins' Content-Security-Policy for user content stays on; the report is built to
     * work under it (no scripts, no inline styles).
     */
    public DirectoryBrowserSupport doReport() {
        File dir = getDirectory();
        if (owner == null || dir == null) {
            // not attached to a build (yet), or a recording without copied files: nothing to serve
            throw HttpResponses.notFound();
        }
        owner.getParent().checkPermission(Item.READ);
        DirectoryBrowserSupport dbs = new DirectoryBrowserSupport(this, new FilePath(dir),
                getDisplayName() + " of " + owner.getFullDisplayName(), "clipboard.png", false);
        dbs.setIndexFileName(BuildArtifacts.REPORT_PAGE);
        return dbs;
    }
}
