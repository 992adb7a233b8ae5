package io.secperf.run;

import org.apache.jorphan.collections.HashTree;

/**
 * Changes a plan after {@link PlanLoader} has loaded and checked it and before it runs, in the run's JMeter context
 * (its properties applied, relative paths resolving against the plan's directory). secperf uses it to inject the
 * security thread groups ({@code io.secperf.augment.PlanAugmenter}) without writing a second plan file next to the
 * user's.
 */
@FunctionalInterface
public interface PlanTransform {

    /**
     * @param plan the loaded plan (root: TestPlan)
     * @return the plan to run
     * @throws Exception when the plan cannot be transformed; the run reports it as a {@link PlanException} with
     *                   this exception's message and sends nothing
     */
    HashTree apply(HashTree plan) throws Exception;
}
