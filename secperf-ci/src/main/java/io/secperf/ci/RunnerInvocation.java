package io.secperf.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of one forked runner, built from step parameters and the paths the glue resolved
 * inside the workspace. Nothing secret is ever on the command line (the step refuses secret-looking properties;
 * credentials travel in {@link #environment()}), so the command line may be printed to the console as is.
 *
 * @param command     program and arguments
 * @param environment variables to add to the agent's environment
 */
public record RunnerInvocation(List<String> command, Map<String, String> environment) {

    /**
     * The SARIF file every step writes into its output directory (findings and failed security gates), for Warnings
     * NG's {@code recordIssues(tools: [sarif(pattern: 'secperf-out/secperf.sarif')])}.
     */
    public static final String SARIF_FILE = "secperf.sarif";

    public RunnerInvocation {
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * Paths already confined to the workspace ({@link WorkspacePaths#confine}) on the agent.
     *
     * @param plan      the plan, null when a template is used
     * @param security  the security configuration file (the inline form written to a file first); null for none
     * @param gates     the gate file; null for none
     * @param reference the reference result for relative gates; null for none
     * @param out       the output directory
     */
    public record Paths(String plan, String security, String gates, String reference, String out) {
    }

    /** {@code secperf run ...} for {@code secPerfTest} and the freestyle recorder. */
    public static RunnerInvocation run(List<String> javaCommand, TestStepParameters p, Paths paths,
                                       CredentialEnvironment credentials) {
        return run(javaCommand, p, paths, RunnerEnvironment.of(null, credentials));
    }

    /** {@code secperf run ...} with the step's environment ({@link RunnerEnvironment}). */
    public static RunnerInvocation run(List<String> javaCommand, TestStepParameters p, Paths paths,
                                       RunnerEnvironment environment) {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add("run");
        if (paths.plan() != null) {
            cmd.add("--plan");
            cmd.add(paths.plan());
        } else {
            cmd.add("--template");
            cmd.add(p.template());
        }
        if (p.target() != null) {
            cmd.add("--target");
            cmd.add(p.target().strip());
        }
        PropertiesText.parse(p.properties()).forEach((name, value) -> cmd.add("-J" + name + "=" + value));
        if (p.duration() != null) {
            cmd.add("--duration");
            cmd.add(String.valueOf(p.duration()));
        }
        addOption(cmd, "--remote", p.remote());
        if (p.remote() != null && p.remoteMin() != null) {
            cmd.add("--remote-min");
            cmd.add(String.valueOf(p.remoteMin()));
        }
        addOption(cmd, "--security", paths.security());
        addOption(cmd, "--gates", paths.gates());
        addOption(cmd, "--reference", paths.reference());
        Preflight preflight = Preflight.parse(p.preflight());
        if (preflight != null) {
            cmd.add("--preflight");
            cmd.add(preflight.cliValue());
        }
        cmd.add("--out");
        cmd.add(paths.out());
        cmd.add("--sarif");
        cmd.add(sarifFile(paths.out()));
        cmd.add("--progress");
        cmd.add("plain");
        return new RunnerInvocation(cmd, environment.environment());
    }

    /** {@code secperf gate --result ... --gates ...} for the merging form of {@code secPerfGate}. */
    public static RunnerInvocation gate(List<String> javaCommand, List<String> resultFiles, String gatesFile,
                                        String referenceFile, String out) {
        return gate(javaCommand, resultFiles, gatesFile, referenceFile, out,
                RunnerEnvironment.of(null, CredentialEnvironment.none()));
    }

    /** {@code secperf gate ...} with the step's environment ({@link RunnerEnvironment}). */
    public static RunnerInvocation gate(List<String> javaCommand, List<String> resultFiles, String gatesFile,
                                        String referenceFile, String out, RunnerEnvironment environment) {
        if (resultFiles.isEmpty()) {
            throw new IllegalArgumentException("no result files to merge");
        }
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add("gate");
        for (String file : resultFiles) {
            cmd.add("--result");
            cmd.add(file);
        }
        cmd.add("--gates");
        cmd.add(gatesFile);
        addOption(cmd, "--reference", referenceFile);
        cmd.add("--out");
        cmd.add(out);
        cmd.add("--sarif");
        cmd.add(sarifFile(out));
        return new RunnerInvocation(cmd, environment.environment());
    }

    /** The command line as one line for the console. */
    public String display() {
        StringBuilder sb = new StringBuilder("$");
        for (String arg : command) {
            sb.append(' ');
            sb.append(arg.isEmpty() || arg.matches(".*[\\s\"'$\\\\*].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return sb.toString();
    }

    private static String sarifFile(String out) {
        return out.endsWith("/") || out.endsWith("\\") ? out + SARIF_FILE : out + "/" + SARIF_FILE;
    }

    private static void addOption(List<String> cmd, String option, String value) {
        if (value != null) {
            cmd.add(option);
            cmd.add(value);
        }
    }
}
