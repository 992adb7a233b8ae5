package io.secperf.jenkins;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.secperf.ci.BuildReference;
import io.secperf.ci.GateStepParameters;
import io.secperf.ci.RecordedVerdictCheck;
import io.secperf.ci.ResultSummary;
import io.secperf.ci.StepArguments;
import io.secperf.ci.StepCompletion;
import io.secperf.ci.StepResult;
import io.secperf.ci.TestStepParameters;
import io.secperf.ci.WorkspacePaths;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The release guard. {@code secPerfGate(require: 'passed' | 'validatedBoth', build: 'job#42')} re-checks a recorded
 * verdict (this build's by default) and fails, naming the failed gates and the build, when it does not hold;
 * {@code secPerfGate(results: 'shards/*&#47;secperf-result.json', gates: '...')} merges result files of the
 * workspace exactly on the agent, evaluates the gates over the merge and records it like {@code secPerfTest}.
 */
public class SecPerfGateStep extends Step {

    private String require;
    private String build;
    private String results;
    private String gates;
    private String failOn;
    private String out;
    private String jdk;

    @DataBoundConstructor
    public SecPerfGateStep() {
    }

    GateStepParameters parameters() {
        return new GateStepParameters(require, build, results, gates, failOn, out, jdk);
    }

    // @formatter:off
    public String getRequire() { return require; }
    @DataBoundSetter public void setRequire(String require) { this.require = require; }
    public String getBuild() { return build; }
    @DataBoundSetter public void setBuild(String build) { this.build = build; }
    public String getResults() { return results; }
    @DataBoundSetter public void setResults(String results) { this.results = results; }
    public String getGates() { return gates; }
    @DataBoundSetter public void setGates(String gates) { this.gates = gates; }
    public String getFailOn() { return failOn; }
    @DataBoundSetter public void setFailOn(String failOn) { this.failOn = failOn; }
    public String getOut() { return out; }
    @DataBoundSetter public void setOut(String out) { this.out = out; }
    public String getJdk() { return jdk; }
    @DataBoundSetter public void setJdk(String jdk) { this.jdk = jdk; }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends RunnerStepExecution {

        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "only read by run(); a resumed execution fails (RunnerStepExecution.onResume)")
        private final transient SecPerfGateStep step;

        Execution(SecPerfGateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run(StepCompletion<Map<String, Object>> completion) throws Exception {
            StepContext c = getContext();
            GateStepParameters p = step.parameters();
            String errors = p.errors();
            if (errors != null) {
                throw new AbortException(errors);
            }
            Run<?, ?> run = c.get(Run.class);
            TaskListener listener = c.get(TaskListener.class);
            if (p.mergesResults()) {
                FilePath workspace = c.get(FilePath.class);
                Launcher launcher = c.get(Launcher.class);
                if (workspace == null || launcher == null) {
                    throw new AbortException("secPerfGate with results needs a workspace: call it inside node { }");
                }
                FlowNode node = c.get(FlowNode.class);
                SecPerfRunner runner = new SecPerfRunner(run, workspace, launcher, listener, c.get(EnvVars.class),
                        completion, branchName(node));
                SecPerfRunner.Recording recording = runner.mergeAndGate(p);
                if (recording.outcome().markStage()) {
                    if (node != null) {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                                .withMessage(recording.outcome().message()));
                    }
                }
                runner.apply(recording.outcome());
                return StepResult.toMap(recording.summary(), recording.outcome(), recording.resultPath());
            }
            return recheck(p, run, listener);
        }

        private static Map<String, Object> recheck(GateStepParameters p, Run<?, ?> current, TaskListener listener)
                throws AbortException {
            Run<?, ?> source = current;
            if (p.build() != null) {
                BuildReference ref = BuildReference.parse(p.build());
                // getItemByFullName answers null for jobs the build's authentication may not read
                Job<?, ?> job = Jenkins.get().getItemByFullName(ref.job(), Job.class);
                if (job == null) {
                    throw new AbortException("secPerfGate: no job '" + ref.job() + "' (or no permission to read it)");
                }
                source = ref.number() == 0 ? job.getLastCompletedBuild() : job.getBuildByNumber(ref.number());
                if (source == null) {
                    throw new AbortException("secPerfGate: " + ref + " does not exist");
                }
            }
            List<SecPerfBuildAction> recorded = source.getActions(SecPerfBuildAction.class);
            ResultSummary summary = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1).getSummary();
            String buildName = source == current ? "this build (" + current.getFullDisplayName() + ")"
                    : source.getFullDisplayName();
            Optional<String> blocked = RecordedVerdictCheck.check(
                    GateStepParameters.Requirement.parse(p.require()), summary, buildName);
            if (blocked.isPresent()) {
                throw new AbortException(blocked.get());
            }
            listener.getLogger().println("[secperf] release guard: " + buildName + " " + summary.verdict()
                    + (summary.validatedBoth() ? ", validated both performance and security" : ""));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("verdict", summary.verdict().name());
            result.put("validatedBoth", summary.validatedBoth());
            result.put("build", source.getFullDisplayName());
            return result;
        }
    }

    @Extension
    @Symbol("secPerfGate")
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return GateStepParameters.FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "secperf: release guard (recorded verdict, or merged results with gates)";
        }

        /** Only Run and TaskListener: the recorded-verdict form works outside node { }. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** A gate list given as a Groovy list or map becomes the string the step holds (structs' model). */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepArguments.normalize(arguments);
        }

        @POST
        public FormValidation doCheckRequire(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, GateStepParameters.checkRequire(value));
        }

        @POST
        public FormValidation doCheckBuild(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, GateStepParameters.checkBuild(value));
        }

        @POST
        public FormValidation doCheckResults(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, value == null || value.isBlank() ? io.secperf.ci.Check.ok()
                    : WorkspacePaths.checkPattern(value, "results"));
        }

        @POST
        public FormValidation doCheckGates(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, value == null || value.isBlank() ? io.secperf.ci.Check.ok()
                    : TestStepParameters.checkGates(value));
        }

        @POST
        public FormValidation doCheckOut(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkOut(value));
        }

        @POST
        public ListBoxModel doFillRequireItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (FormChecks.mayConfigure(item)) {
                model.add("(merged results form)", "");
                model.add("passed");
                model.add("validatedBoth");
            }
            return model;
        }

        @POST
        public ListBoxModel doFillFailOnItems(@AncestorInPath Item item) {
            return FormChecks.failOn(item);
        }
    }
}
