package io.secperf.ci;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which build a job's secperf trend hangs on: the newest build that recorded a secperf result, whatever its build
 * result. A build whose gates failed is exactly what the trend has to show, so the last <em>successful</em> build
 * (what Jenkins' {@code LastBuildAction} uses) is the wrong anchor. Only the newest {@link #LOOK_BACK} builds are
 * looked at, and builds are pulled from the iterator one at a time, so a job page never loads all builds of a job.
 */
public final class JobTrendSource {

    /** How many of the newest builds are looked at for a recording (the trend's default width). */
    public static final int LOOK_BACK = TrendRequest.DEFAULT_BUILDS;

    private JobTrendSource() {
    }

    /**
     * The newest build with a recording among the first {@link #LOOK_BACK} of {@code newestFirst}; empty when none of
     * them recorded a result (then the job shows no trend action).
     */
    public static <B> Optional<B> newestRecorded(Iterable<B> newestFirst, Predicate<? super B> recorded) {
        Iterator<B> builds = newestFirst.iterator();
        for (int seen = 0; seen < LOOK_BACK && builds.hasNext(); seen++) {
            B build = builds.next();
            if (build != null && recorded.test(build)) {
                return Optional.of(build);
            }
        }
        return Optional.empty();
    }
}
