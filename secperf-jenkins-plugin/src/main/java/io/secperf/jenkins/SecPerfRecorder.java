package io.secperf.jenkins;

import java.io.IOException;
import java.util.Map;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.secperf.ci.StepArguments;
import io.secperf.ci.TestStepParameters;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle equivalent of {@code secPerfTest}: a post-build action with the same parameters and the same
 * decisions (secperf-ci), for jobs that are not pipelines.
 */
public class SecPerfRecorder extends Recorder implements SimpleBuildStep {

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

    @DataBoundConstructor
    public SecPerfRecorder() {
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
    // @formatter:on

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                        @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        SecPerfRunner runner = new SecPerfRunner(run, workspace, launcher, listener, env, null, null);
        SecPerfRunner.Recording recording = runner.runTest(new TestStepParameters(plan, template,
                env.expand(target), properties, security, credentialsId, gates, preflight, failOn, duration, out, jdk));
        runner.apply(recording.outcome());
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Extension
    @Symbol("secPerfRecord")
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> implements CustomDescribableModel {

        /** {@code secPerfRecord(properties: [...], gates: [...])} in a pipeline: the same conversion as the steps. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepArguments.normalize(arguments);
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "secperf: run a load test with security checks and gates";
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
            return FormChecks.check(item, TestStepParameters.checkDuration(
                    SecPerfTestStep.DescriptorImpl.parseInt(value)));
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
    }
}
