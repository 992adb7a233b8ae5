package io.secperf.jenkins;

import java.util.Collection;
import java.util.List;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.secperf.ci.JobTrendSource;
import jenkins.model.TransientActionFactory;

/**
 * Gives every job with a recent secperf recording exactly one trend action. Core's {@code LastBuildActionFactory}
 * asks only the last successful build, and a build whose gates failed never is one, so the trend would vanish exactly
 * when it matters; {@link JobTrendSource} picks the newest build with a recording within a bounded look-back instead
 * (the coverage and warnings plugins do the same).
 */
@Extension
@SuppressWarnings("rawtypes")
public final class SecPerfJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return SecPerfJobAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Job<?, ?> job = target;
        boolean recorded = JobTrendSource.newestRecorded(job.getBuilds(),
                (Run<?, ?> run) -> run.getAction(SecPerfBuildAction.class) != null).isPresent();
        return recorded ? List.of(new SecPerfJobAction(job)) : List.of();
    }
}
