package io.secperf.jenkins;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Computer;
import hudson.model.JDK;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.secperf.ci.BuildArtifacts;
import io.secperf.ci.BuildOutcome;
import io.secperf.ci.BuildResult;
import io.secperf.ci.CliDistribution;
import io.secperf.ci.CredentialEnvironment;
import io.secperf.ci.FailOn;
import io.secperf.ci.GateStepParameters;
import io.secperf.ci.GateText;
import io.secperf.ci.RecordingDirectories;
import io.secperf.ci.ReferenceSelection;
import io.secperf.ci.ResultSummary;
import io.secperf.ci.RunnerEnvironment;
import io.secperf.ci.RunnerExit;
import io.secperf.ci.RunnerInvocation;
import io.secperf.ci.SecretMaskingOutputStream;
import io.secperf.ci.StepCompletion;
import io.secperf.ci.TestStepParameters;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The glue shared by {@code secPerfTest}, the merging {@code secPerfGate} and the freestyle recorder: installs the
 * runner on the agent, resolves the credential, starts the forked runner with the {@link Launcher} in the workspace,
 * copies the small outputs into the build directory and records the build action. Every decision (what to run, which
 * paths are allowed, what the exit code means) is made by secperf-ci.
 */
final class SecPerfRunner {

    /** What one recording left: the summary (null when the runner wrote no result), the outcome, the result path. */
    record Recording(ResultSummary summary, BuildOutcome outcome, String resultPath) {
    }

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;
    private final EnvVars env;
    private final StepCompletion<?> completion;
    private final String branch;

    /**
     * @param env        the step's environment (withEnv, tool, proxies...), passed on to the runner
     * @param completion the step's completion, which guards recording; null for the freestyle recorder
     * @param branch     the parallel branch the step runs in, shown on the build page; null for none
     */
    SecPerfRunner(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, EnvVars env,
                  StepCompletion<?> completion, String branch) {
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
        this.env = env == null ? new EnvVars() : env;
        this.completion = completion;
        this.branch = branch;
    }

    /** {@code secperf run} for secPerfTest and the recorder. */
    Recording runTest(TestStepParameters p) throws IOException, InterruptedException {
        String errors = p.errors();
        if (errors != null) {
            throw new AbortException(errors);
        }
        CredentialEnvironment credentials = credentials(p.credentialsId());
        FilePath tmp = tempDir();
        String security = null;
        String securityPath = null;
        if (p.security() != null) {
            if (p.securityInline()) {
                FilePath file = tmp.child("security.json");
                file.write(p.security(), StandardCharsets.UTF_8.name());
                security = file.getRemote();
            } else {
                securityPath = p.security().strip();
            }
        }
        String[] confined = workspace.act(new ConfinePaths(
                new String[] {p.plan() == null ? null : p.plan().strip(), securityPath, p.out()},
                new String[] {"plan", "security", "out"}, true));
        String gatesFile = null;
        String reference = null;
        if (p.gates() != null) {
            FilePath file = tmp.child(GateText.fileName(p.gates()));
            file.write(p.gates(), StandardCharsets.UTF_8.name());
            gatesFile = file.getRemote();
            reference = GateText.needsReference(p.gates()) ? copyReference(tmp) : null;
        }
        RunnerEnvironment environment = RunnerEnvironment.of(env, credentials);
        RunnerInvocation invocation = RunnerInvocation.run(javaCommand(p.jdk()), p,
                new RunnerInvocation.Paths(confined[0], security != null ? security : confined[1], gatesFile,
                        reference, confined[2]), environment);
        return launchAndRecord(invocation, environment, confined[2], p.out(), FailOn.parse(p.failOn()), "secPerfTest");
    }

    /** {@code secperf gate}: merges result files of the workspace and evaluates gates over them. */
    Recording mergeAndGate(GateStepParameters p) throws IOException, InterruptedException {
        String errors = p.errors();
        if (errors != null) {
            throw new AbortException(errors);
        }
        FilePath[] matches = workspace.list(p.results());
        if (matches.length == 0) {
            throw new AbortException("secPerfGate: no result file matches '" + p.results() + "' in the workspace "
                    + "(unstash the shards first?)");
        }
        List<String> relative = new ArrayList<>();
        String root = workspace.getRemote();
        for (FilePath match : matches) {
            String remote = match.getRemote();
            relative.add(remote.startsWith(root) ? remote.substring(root.length()).replaceFirst("^[/\\\\]", "")
                    : remote);
        }
        relative.add(p.out());
        String[] names = new String[relative.size()];
        java.util.Arrays.fill(names, "results");
        names[names.length - 1] = "out";
        String[] confined = workspace.act(new ConfinePaths(relative.toArray(new String[0]), names, true));
        List<String> files = new ArrayList<>(List.of(confined).subList(0, confined.length - 1));
        FilePath tmp = tempDir();
        FilePath gates = tmp.child(GateText.fileName(p.gates()));
        gates.write(p.gates(), StandardCharsets.UTF_8.name());
        String reference = GateText.needsReference(p.gates()) ? copyReference(tmp) : null;
        listener.getLogger().println("[secperf] merging " + files.size() + " result files");
        RunnerEnvironment environment = RunnerEnvironment.of(env, CredentialEnvironment.none());
        RunnerInvocation invocation = RunnerInvocation.gate(javaCommand(p.jdk()), files, gates.getRemote(), reference,
                confined[confined.length - 1], environment);
        return launchAndRecord(invocation, environment, confined[confined.length - 1], p.out(),
                FailOn.parse(p.failOn()), "secPerfGate");
    }

    private Recording launchAndRecord(RunnerInvocation invocation, RunnerEnvironment environment, String outDir,
                                      String outParameter, FailOn failOn, String step)
            throws IOException, InterruptedException {
        listener.getLogger().println("[secperf] " + invocation.display());
        SecretMaskingOutputStream console = new SecretMaskingOutputStream(listener.getLogger(), environment.secrets());
        Proc proc = launcher.launch().cmds(invocation.command()).envs(invocation.environment()).pwd(workspace)
                .stdout(console).quiet(true).start();
        int exit;
        try {
            exit = proc.join();
        } catch (InterruptedException stopped) {
            // Proc.join has sent SIGTERM (then SIGKILL after SoftKillWaitSeconds) and waited for the runner to exit;
            // the partial result is recorded before the step completes (StepCompletion)
            listener.getLogger().println("[secperf] build aborted: runner stopped, recording partial results");
            try {
                record(outDir, outParameter, RunnerExit.TERMINATED, failOn, step);
            } catch (IOException | RuntimeException e) {
                listener.getLogger().println("[secperf] no partial results: " + e.getMessage());
            }
            throw stopped;
        } finally {
            console.finish();
        }
        return record(outDir, outParameter, exit, failOn, step);
    }

    private Recording record(String outDir, String outParameter, int exit, FailOn failOn, String step)
            throws IOException, InterruptedException {
        FilePath out = new FilePath(workspace.getChannel(), outDir);
        FilePath result = out.child(ResultSummary.resultFileName());
        ResultSummary summary = null;
        if (result.exists()) {
            if (result.length() > ResultSummary.MAX_RESULT_BYTES) {
                throw new AbortException("secperf: " + result.getRemote() + " is " + result.length()
                        + " bytes, more than a result document can be; not copied");
            }
            long total = 0;
            for (FilePath f : out.list(BuildArtifacts.INCLUDES, BuildArtifacts.EXCLUDES)) {
                total += f.length();
            }
            if (total > BuildArtifacts.MAX_TOTAL_BYTES) {
                throw new AbortException("secperf: the report files in " + outDir + " add up to " + total
                        + " bytes; not copied to the controller");
            }
            String[] claimed = new String[1];
            ResultSummary[] read = new ResultSummary[1];
            boolean recorded = guarded(() -> {
                // a directory of its own, also when parallel branches record at the same time
                claimed[0] = RecordingDirectories.claim(run.getRootDir().toPath());
                File target = new File(run.getRootDir(), claimed[0]);
                out.copyRecursiveTo(BuildArtifacts.INCLUDES, BuildArtifacts.EXCLUDES, new FilePath(target));
                read[0] = ResultSummary.read(new File(target, ResultSummary.resultFileName()).toPath());
                BuildOutcome decided = BuildOutcome.decide(exit, read[0].verdict(), read[0].failedGates(), failOn);
                run.addAction(new SecPerfBuildAction(read[0].toJson(), claimed[0], step, decided.message(), branch));
            });
            if (!recorded) {
                listener.getLogger().println("[secperf] the step had already ended (no runner exit within "
                        + StepCompletion.STOP_WAIT_SECONDS + " s of the abort): results not recorded");
            }
            summary = read[0];
        }
        BuildOutcome outcome = BuildOutcome.decide(exit, summary == null ? null : summary.verdict(),
                summary == null ? List.of() : summary.failedGates(), failOn);
        listener.getLogger().println("[secperf] " + outcome.message());
        String resultPath = (outParameter.endsWith("/") ? outParameter : outParameter + "/")
                + ResultSummary.resultFileName();
        return new Recording(summary, outcome, summary == null ? null : resultPath);
    }

    /** Runs a recording unless the step already completed (see {@link StepCompletion#recordIfOpen}). */
    private boolean guarded(StepCompletion.Recording recording) throws IOException, InterruptedException {
        try {
            if (completion == null) {
                recording.record();
                return true;
            }
            return completion.recordIfOpen(recording);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Sets the build result the outcome asks for (only ever worse) and fails the step when it must. */
    void apply(BuildOutcome outcome) throws AbortException {
        if (outcome.result() != BuildResult.SUCCESS && !outcome.failStep()) {
            run.setResult(Result.fromString(outcome.result().name()));
        }
        if (outcome.failStep()) {
            if (outcome.result() == BuildResult.ABORTED) {
                run.setResult(Result.ABORTED);
            }
            throw new AbortException(outcome.message());
        }
    }

    private CredentialEnvironment credentials(String credentialsId) throws AbortException {
        if (credentialsId == null) {
            return CredentialEnvironment.none();
        }
        StandardCredentials c = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (c == null) {
            throw new AbortException("secperf: credentials '" + credentialsId + "' not found, or this build may not "
                    + "use them");
        }
        CredentialsProvider.track(run, c);
        if (c instanceof StringCredentials s) {
            return CredentialEnvironment.secretText(s.getSecret().getPlainText());
        }
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return CredentialEnvironment.usernamePassword(up.getUsername(), up.getPassword().getPlainText());
        }
        throw new AbortException("secperf: credentials '" + credentialsId + "' must be 'Secret text' or 'Username "
                + "with password'");
    }

    private List<String> javaCommand(String jdkName) throws IOException, InterruptedException {
        Computer computer = workspace.toComputer();
        Node node = computer == null ? null : computer.getNode();
        if (node == null) {
            throw new AbortException("secperf: the workspace's agent is not available");
        }
        String javaHome;
        if (jdkName != null) {
            JDK jdk = Jenkins.get().getJDK(jdkName);
            if (jdk == null) {
                throw new AbortException("secperf: no JDK tool named '" + jdkName + "' (Manage Jenkins > Tools)");
            }
            javaHome = jdk.forNode(node, listener).forEnvironment(env).getHome();
        } else {
            javaHome = workspace.act(new AgentJavaHome());
        }
        FilePath distribution = CliInstaller.install(node, listener);
        return CliDistribution.javaCommand(CliDistribution.javaExecutable(javaHome, launcher.isUnix()),
                distribution.getRemote(), launcher.isUnix());
    }

    private FilePath tempDir() throws IOException, InterruptedException {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException("secperf: no temporary directory next to the workspace " + workspace.getRemote());
        }
        FilePath dir = tmp.child("secperf");
        dir.mkdirs();
        return dir;
    }

    /**
     * Copies the result of the newest earlier build whose verdict PASSED (Warnings NG semantics) next to the
     * workspace, for relative gates; null when there is none yet (the runner then reports those gates as not
     * evaluated).
     */
    private String copyReference(FilePath tmp) throws IOException, InterruptedException {
        List<ReferenceSelection.Candidate> candidates = new ArrayList<>();
        List<SecPerfBuildAction> actions = new ArrayList<>();
        for (Run<?, ?> r = run.getPreviousBuild(); r != null && candidates.size() < ReferenceSelection.MAX_SEARCH;
             r = r.getPreviousBuild()) {
            List<SecPerfBuildAction> recorded = r.getActions(SecPerfBuildAction.class);
            if (!recorded.isEmpty()) {
                SecPerfBuildAction last = recorded.get(recorded.size() - 1);
                candidates.add(new ReferenceSelection.Candidate(r.getNumber(), last.getSummary().verdict()));
                actions.add(last);
            }
        }
        var picked = ReferenceSelection.pick(candidates);
        if (picked.isEmpty()) {
            listener.getLogger().println("[secperf] no earlier build passed all gates: relative gates have no reference");
            return null;
        }
        SecPerfBuildAction action = actions.get(candidates.indexOf(picked.get()));
        File file = action.getResultFile();
        if (file == null || !file.isFile()) {
            return null;
        }
        FilePath copy = tmp.child("reference-" + ResultSummary.resultFileName());
        new FilePath(file).copyTo(copy);
        listener.getLogger().println("[secperf] reference for relative gates: build #" + picked.get().buildNumber());
        return copy.getRemote();
    }
}
