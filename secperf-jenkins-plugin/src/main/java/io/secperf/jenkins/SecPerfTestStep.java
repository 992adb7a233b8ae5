package io.secperf.jenkins;

import java.io.Serial;
import java.util.Map;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.secperf.ci.StepArguments;
import io.secperf.ci.StepCompletion;
import io.secperf.ci.StepResult;
import io.secperf.ci.TestStepParameters;
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
 * {@code secPerfTest(plan: ..., target: ..., gates: ..., failOn: ...)}: runs a JMeter plan with security checks on the
 * agent in a forked JVM, records the result with the build, maps the verdict to the build result and returns
 * {@code [verdict:, validatedBoth:, gates:, resultPath:, ...]}. Parameters: {@link TestStepParameters}.
 */
public class SecPerfTestStep extends Step {

    private String plan;
    private String template;
    private String target;
    private String properties;
    private String security;
    private String credentialsId;
    private String gates;
    private String preflight;
    private String failOn;
    private Integer duration;
    private String out;
    private String jdk;
    private String remote;
    private Integer remoteMin;

    @DataBoundConstructor
    public SecPerfTestStep() {
    }

    TestStepParameters parameters() {
        return new TestStepParameters(plan, template, target, properties, security, credentialsId, gates, preflight,
                failOn, duration, out, jdk, remote, remoteMin);
    }

    // @formatter:off
    public String getPlan() { return plan; }
    @DataBoundSetter public void setPlan(String plan) { this.plan = plan; }
    public String getTemplate() { return template; }
    @DataBoundSetter public void setTemplate(String template) { this.template = template; }
    public String getTarget() { return target; }
    @DataBoundSetter public void setTarget(String target) { this.target = target; }
    public String getProperties() { return properties; }
    @DataBoundSetter public void setProperties(String properties) { this.properties = properties; }
    public String getSecurity() { return security; }
    @DataBoundSetter public void setSecurity(String security) { this.security = security; }
    public String getCredentialsId() { return credentialsId; }
    @DataBoundSetter public void setCredentialsId(String credentialsId) { this.credentialsId = credentialsId; }
    public String getGates() { return gates; }
    @DataBoundSetter public void setGates(String gates) { this.gates = gates; }
    public String getPreflight() { return preflight; }
    @DataBoundSetter public void setPreflight(String preflight) { this.preflight = preflight; }
    public String getFailOn() { return failOn; }
    @DataBoundSetter public void setFailOn(String failOn) { this.failOn = failOn; }
    public Integer getDuration() { return duration; }
    @DataBoundSetter public void setDuration(Integer duration) { this.duration = duration; }
    public String getOut() { return out; }
    @DataBoundSetter public void setOut(String out) { this.out = out; }
    public String getJdk() { return jdk; }
    @DataBoundSetter public void setJdk(String jdk) { this.jdk = jdk; }
    public String getRemote() { return remote; }
    @DataBoundSetter public void setRemote(String remote) { this.remote = remote; }
    public Integer getRemoteMin() { return remoteMin; }
    @DataBoundSetter public void setRemoteMin(Integer remoteMin) { this.remoteMin = remoteMin; }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Runs on a thread of its own that waits for the forked runner; the CPS VM thread is not blocked. */
    static final class Execution extends RunnerStepExecution {

        @Serial
        private static final long serialVersionUID = 1L;
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "only read by run(); a resumed execution fails (RunnerStepExecution.onResume)")
        private final transient SecPerfTestStep step;

        Execution(SecPerfTestStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run(StepCompletion<Map<String, Object>> completion) throws Exception {
            StepContext c = getContext();
            Run<?, ?> run = c.get(Run.class);
            TaskListener listener = c.get(TaskListener.class);
            FlowNode node = c.get(FlowNode.class);
            SecPerfRunner runner = new SecPerfRunner(run, c.get(FilePath.class), c.get(Launcher.class), listener,
                    c.get(EnvVars.class), completion, branchName(node));
            SecPerfRunner.Recording recording = runner.runTest(step.parameters());
            if (recording.outcome().markStage()) {
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(recording.outcome().message()));
                }
            }
            runner.apply(recording.outcome());
            return StepResult.toMap(recording.summary(), recording.outcome(), recording.resultPath());
        }
    }

    @Extension
    @Symbol("secPerfTest")
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return TestStepParameters.FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "secperf: run a load test with security checks and gates";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        /**
         * Groovy maps and lists (properties, inline security, gate lists) become the strings the step holds. Through
         * structs' model, so the Jenkinsfile, the Snippet Generator and Declarative validation see the same step.
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepArguments.normalize(arguments);
        }

        @POST
        public FormValidation doCheckPlan(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkPlan(value));
        }

        @POST
        public FormValidation doCheckTemplate(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkTemplate(value));
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkTarget(value));
        }

        @POST
        public FormValidation doCheckProperties(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkProperties(value));
        }

        @POST
        public FormValidation doCheckSecurity(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkSecurity(value));
        }


        @POST
        public FormValidation doCheckGates(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkGates(value));
        }

        @POST
        public FormValidation doCheckDuration(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkDuration(parseInt(value)));
        }

        @POST
        public FormValidation doCheckRemote(@AncestorInPath Item item, @QueryParameter String value,
                                            @QueryParameter String remoteMin) {
            return FormChecks.check(item, TestStepParameters.checkRemote(value, parseInt(remoteMin)));
        }

        @POST
        public FormValidation doCheckOut(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, TestStepParameters.checkOut(value));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormChecks.credentials(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillFailOnItems(@AncestorInPath Item item) {
            return FormChecks.failOn(item);
        }

        @POST
        public ListBoxModel doFillPreflightItems(@AncestorInPath Item item) {
            return FormChecks.preflight(item);
        }

        @POST
        public ListBoxModel doFillTemplateItems(@AncestorInPath Item item) {
            return FormChecks.templates(item);
        }

        static Integer parseInt(String value) {
            try {
                return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
