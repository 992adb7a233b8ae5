package io.secperf.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A program outside the JDK that some tests drive (a browser, TLS servers, a scanner, a validator). The README promises
 * that the build passes with Java and Maven alone, so each one is optional: a test that needs a missing tool is
 * skipped and counted (see {@link MissingToolsListener}), never failed, unless {@code -Dsecperf.requireTools=true}.
 *
 * <p>Only the PATH (and an explicit {@code SECPERF_<TOOL>} variable) is searched, so hiding a tool from the PATH
 * shows what a machine without it does.
 */
public enum SystemTool {

    /** headless Chromium: the report as a person sees it (CSP, no request leaves the machine). */
    CHROMIUM("chromium", "SECPERF_CHROMIUM", List.of("chromium", "chromium-browser"), Installer.APT, "chromium"),
    /** nginx: a real TLS server configured like production (Debian package nginx-light, command nginx). */
    NGINX("nginx", "SECPERF_NGINX", List.of("nginx"), Installer.APT, "nginx-light"),
    /** sslscan: the TLS probe's results cross-checked against an independent scanner. */
    SSLSCAN("sslscan", "SECPERF_SSLSCAN", List.of("sslscan"), Installer.APT, "sslscan"),
    /** openssl s_server: misconfigured TLS servers (old protocols, weak suites). */
    OPENSSL("openssl", "SECPERF_OPENSSL", List.of("openssl"), Installer.APT, "openssl"),
    /** Microsoft's SARIF multitool: the SARIF files validated against the 2.1.0 schema and its rules. */
    SARIF_MULTITOOL("sarif-multitool", "SECPERF_SARIF_MULTITOOL", List.of("sarif-multitool"), Installer.NPM,
            "@microsoft/sarif-multitool");

    /** How a tool is installed, for the hint in the summary. */
    public enum Installer {
        APT("apt-get install -y"), NPM("npm install -g");

        final String command;

        Installer(String command) {
            this.command = command;
        }
    }

    private final String displayName;
    private final String variable;
    private final List<String> commands;
    private final Installer installer;
    private final String packageName;

    SystemTool(String displayName, String variable, List<String> commands, Installer installer, String packageName) {
        this.displayName = displayName;
        this.variable = variable;
        this.commands = commands;
        this.installer = installer;
        this.packageName = packageName;
    }

    /** The command's name as people know it, e.g. "nginx". */
    public String displayName() {
        return displayName;
    }

    /** The package that provides it, e.g. "nginx-light". */
    public String packageName() {
        return packageName;
    }

    public Installer installer() {
        return installer;
    }

    /** The environment variable that names the executable explicitly, e.g. SECPERF_NGINX. */
    public String variable() {
        return variable;
    }

    /** The executable: the {@link #variable()} when set, else the first of the tool's names found on the PATH. */
    public Optional<Path> find() {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            for (String command : commands) {
                Path candidate = Path.of(directory, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The executable, or: the test is skipped (a {@link MissingToolException}, counted for the build's summary), or
     * with {@code -Dsecperf.requireTools=true} (as CI runs) it fails.
     */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String message = displayName + " is not installed (not on the PATH, " + variable + " not set): "
                + installer.command + " " + packageName;
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new AssertionError(message + " (-D" + REQUIRE_PROPERTY + "=true turns a missing tool into a "
                    + "failure)");
        }
        throw new MissingToolException(this, message);
    }

    /** The system property that turns a missing tool into a test failure. */
    public static final String REQUIRE_PROPERTY = "secperf.requireTools";
}
