package io.secperf.ci;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the bundled command-line distribution lives on an agent and how to start it. It is unpacked once per
 * plugin version and content (the directory name carries the version and the first 16 hex digits of the zip's
 * SHA-256), so agents never run a stale or half-unpacked runner and builds after the first start at once.
 */
public final class CliDistribution {

    /** The resource in the plugin that holds the zip (built by secperf-cli's -Pjenkins assembly). */
    public static final String RESOURCE = "/io/secperf/jenkins/secperf-cli-dist.zip";
    /** Written into the unpacked directory last; its content is the full SHA-256. Absent means "unpack again". */
    public static final String COMPLETE_MARKER = ".secperf-complete";
    /** The runner's main class. */
    public static final String MAIN_CLASS = "io.secperf.cli.Secperf";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._\\-]{1,64}");

    private CliDistribution() {
    }

    /** e.g. {@code secperf-cli-0.1.0-3f2a9c01d4e5b6a7}. */
    public static String directoryName(String version, String sha256) {
        String hex = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        String v = version == null || !VERSION.matcher(version).matches() ? "unknown" : version;
        return "secperf-cli-" + v + "-" + hex.substring(0, 16);
    }

    /** The java executable inside a Java home on the agent. */
    public static String javaExecutable(String javaHome, boolean unix) {
        String sep = unix ? "/" : "\\";
        String home = javaHome.endsWith(sep) ? javaHome.substring(0, javaHome.length() - 1) : javaHome;
        return home + sep + "bin" + sep + (unix ? "java" : "java.exe");
    }

    /** The JVM and class path part of every runner command line. */
    public static List<String> javaCommand(String javaExecutable, String distributionDir, boolean unix) {
        String sep = unix ? "/" : "\\";
        String dir = distributionDir.endsWith(sep) ? distributionDir.substring(0, distributionDir.length() - 1)
                : distributionDir;
        return List.of(javaExecutable, "-Djava.awt.headless=true", "-cp", dir + sep + "lib" + sep + "*", MAIN_CLASS);
    }
}
