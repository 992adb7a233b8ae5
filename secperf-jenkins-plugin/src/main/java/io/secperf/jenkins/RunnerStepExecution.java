package io.secperf.jenkins;

import java.io.Serial;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.secperf.ci.StepCompletion;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Runs a secperf step on its own thread (the CPS VM thread is never blocked) and ends it in the order
 * {@link StepCompletion} decides: on stop the worker is interrupted, which kills the forked runner and waits for it;
 * the worker records the partial result and only then is the step completed, or after
 * {@link StepCompletion#STOP_WAIT_SECONDS} without it. Unlike {@code SynchronousNonBlockingStepExecution}, whose
 * {@code stop} fails the step at once while the worker still records, nothing is added to the build after the step
 * ended. A resumed execution (controller restart) fails with a message: see docs/jenkins.md, "Controller restart".
 */
abstract class RunnerStepExecution extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;

    private static ExecutorService executor;

    private transient volatile Future<?> task;
    private transient volatile String threadName;
    private transient volatile StepCompletion<Map<String, Object>> completion;

    RunnerStepExecution(StepContext context) {
        super(context);
    }

    /** The step's work; it records only through {@code completion.recordIfOpen} (SecPerfRunner does). */
    protected abstract Map<String, Object> run(StepCompletion<Map<String, Object>> completion) throws Exception;

    @Override
    @SuppressWarnings("try") // the ACLContext only scopes the worker's authentication
    public boolean start() {
        StepContext context = getContext();
        StepCompletion<Map<String, Object>> c = new StepCompletion<>(context::onSuccess, context::onFailure);
        completion = c;
        Authentication auth = Jenkins.getAuthentication2();
        task = executor().submit(() -> {
            threadName = Thread.currentThread().getName();
            try (ACLContext ignored = ACL.as2(auth)) {
                c.succeed(run(c));
            } catch (Throwable t) {
                c.fail(t);
            }
        });
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        StepCompletion<Map<String, Object>> c = completion;
        if (c == null) {
            getContext().onFailure(cause);
            return;
        }
        if (c.stop(cause)) {
            Future<?> t = task;
            if (t != null) {
                t.cancel(true);
            }
            Timer.get().schedule(c::stopDeadline, StepCompletion.STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException("secperf: the Jenkins controller restarted while this step ran; "
                + "the runner on the agent was not reattached and its result is not recorded. Run the step again "
                + "(docs/jenkins.md, Controller restart)."));
    }

    /** A safe restart waits for a running load test instead of cutting it off. */
    @Override
    public boolean blocksRestart() {
        StepCompletion<Map<String, Object>> c = completion;
        return threadName != null && c != null && !c.isCompleted();
    }

    @NonNull
    @Override
    public String getStatus() {
        StepCompletion<Map<String, Object>> c = completion;
        if (threadName == null) {
            return "not yet scheduled";
        }
        return (c != null && c.isStopped() ? "stopping, " : "") + "running in thread: " + threadName;
    }

    /** The name of the parallel branch the step runs in, for the build page; null outside {@code parallel}. */
    @CheckForNull
    static String branchName(@CheckForNull FlowNode node) {
        if (node == null) {
            return null;
        }
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            ThreadNameAction branch = block.getPersistentAction(ThreadNameAction.class);
            if (branch != null) {
                return branch.getThreadName();
            }
        }
        return null;
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(new NamingThreadFactory(
                    new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "secperf step"));
        }
        return executor;
    }
}
