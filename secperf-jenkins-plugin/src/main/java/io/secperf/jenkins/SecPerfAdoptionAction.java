package io.secperf.jenkins;

import java.util.ArrayList;
import java.util.List;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.RootAction;
import hudson.model.Run;
import jenkins.model.Jenkins;

/**
 * Jenkins-wide page {@code /secperf-adoption}: per job, the share of its recent recorded builds that validated both
 * performance and security criteria, the adoption measure secperf tracks. Reads at most {@value #BUILDS_PER_JOB}
 * builds of at most {@value #MAX_JOBS} jobs the user may read, and only their small summaries.
 */
@Extension
public class SecPerfAdoptionAction implements RootAction {

    static final int BUILDS_PER_JOB = 20;
    static final int MAX_JOBS = 500;

    /** One row of the page (getters, because Jelly reads bean properties). */
    public static final class Row {
        private final String job;
        private final String url;
        private final int recorded;
        private final int validatedBoth;

        Row(String job, String url, int recorded, int validatedBoth) {
            this.job = job;
            this.url = url;
            this.recorded = recorded;
            this.validatedBoth = validatedBoth;
        }

        public String getJob() {
            return job;
        }

        public String getUrl() {
            return url;
        }

        /** Builds with a secperf result among the last {@value SecPerfAdoptionAction#BUILDS_PER_JOB}. */
        public int getRecorded() {
            return recorded;
        }

        public int getValidatedBoth() {
            return validatedBoth;
        }

        public int getPercent() {
            return recorded == 0 ? 0 : Math.round(100f * validatedBoth / recorded);
        }
    }

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "graph.png" : null;
    }

    @Override
    public String getDisplayName() {
        return "secperf adoption";
    }

    @Override
    public String getUrlName() {
        return "secperf-adoption";
    }

    /** allItems answers only the jobs the current user may read. */
    public List<Row> getRows() {
        Jenkins.get().checkPermission(Jenkins.READ);
        List<Row> rows = new ArrayList<>();
        int jobs = 0;
        for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
            if (!job.hasPermission(Item.READ)) {
                continue;
            }
            if (++jobs > MAX_JOBS) {
                break;
            }
            int recorded = 0;
            int both = 0;
            int seen = 0;
            for (Run<?, ?> run : job.getBuilds()) {
                if (++seen > BUILDS_PER_JOB) {
                    break;
                }
                List<SecPerfBuildAction> actions = run.getActions(SecPerfBuildAction.class);
                if (!actions.isEmpty()) {
                    recorded++;
                    if (actions.get(actions.size() - 1).getSummary().validatedBoth()) {
                        both++;
                    }
                }
            }
            if (recorded > 0) {
                rows.add(new Row(job.getFullDisplayName(), job.getUrl(), recorded, both));
            }
        }
        return rows;
    }
}
