package io.secperf.ext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stock Apache JMeter 5.6.3 home under {@code target/stock-jmeter}, laid out like the binary distribution:
 * {@code bin/ApacheJMeter.jar} and the configuration files, {@code lib/} with the third-party jars in the versions
 * JMeter 5.6.3 ships (Jackson 2.16.1, log4j 2.22.1, slf4j 1.7.36, ...), {@code lib/ext/ApacheJMeter_*.jar}.
 *
 * <p>Why a separate Maven build ({@code src/test/stock-jmeter/pom.xml}, run once and cached with a marker file):
 * secperf's root pom manages Jackson and log4j to newer versions, so a copy of this module's own dependencies would
 * not be a stock JMeter and would hide exactly the clashes the tests look for. The build runs with the same Maven
 * and local repository as the build that runs the tests, offline first.
 *
 * <p>Public and shipped in this module's test-jar: secperf-cli's distributed-run tests start {@code jmeter-server}s
 * from the same home (its surefire configuration passes the same system properties, pointing here).
 */
public final class StockJMeterHome {

    public static final String JMETER_VERSION = "5.6.3";
    private static final String MARKER = ".complete";
    private static Path home;

    private StockJMeterHome() {
    }

    /** The home with the freshly built secperf jar in {@code lib/ext} (an older copy is replaced). */
    public static synchronized Path withSecperfJar() throws IOException, InterruptedException {
        Path dir = assembled();
        Path jar = secperfJar();
        Files.copy(jar, dir.resolve("lib/ext").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    /** The shaded jar this module builds in {@code package}. */
    public static Path secperfJar() {
        Path jar = Path.of(required("secperf.ext.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: the tests of secperf-jmeter-ext run after "
                    + "package (mvn verify), which builds it");
        }
        return jar;
    }

    /** The java launcher of the JVM running the tests. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static synchronized Path assembled() throws IOException, InterruptedException {
        if (home != null) {
            return home;
        }
        Path root = Path.of(required("secperf.ext.stockHome")).toAbsolutePath();
        Path dir = root.resolve("apache-jmeter-" + JMETER_VERSION);
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            deleteRecursively(dir);
            Files.createDirectories(root);
            Path log = root.resolve("assemble.log");
            // offline first (the usual case: the local repository has JMeter 5.6.3 and its libraries); if that
            // fails, the same build again with the network, e.g. on a fresh machine
            int exit = runMaven(dir, root, log, true);
            if (exit != 0) {
                exit = runMaven(dir, root, log, false);
            }
            if (exit != 0) {
                throw new IllegalStateException("assembling the stock JMeter home with "
                        + required("secperf.ext.stockPom") + " failed (exit " + exit + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            for (String required : List.of("bin/ApacheJMeter.jar", "bin/jmeter.properties", "bin/log4j2.xml",
                    "lib/jorphan.jar", "lib/ext/ApacheJMeter_core.jar", "lib/ext/ApacheJMeter_http.jar")) {
                if (!Files.isRegularFile(dir.resolve(required))) {
                    throw new IllegalStateException("the stock JMeter home " + dir + " lacks " + required);
                }
            }
            // the distribution's lib/junit holds sample tests that are not on Maven Central; NewDriver puts the
            // folder on the class path and complains on the console when it is missing
            Files.createDirectories(dir.resolve("lib/junit"));
            Files.writeString(dir.resolve(MARKER), "Apache JMeter " + JMETER_VERSION + " from Maven Central\n",
                    StandardCharsets.UTF_8);
        }
        home = dir;
        return dir;
    }

    private static int runMaven(Path dir, Path root, Path log, boolean offline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-f", required("secperf.ext.stockPom"),
                "-Dhome=" + dir, "-DbuildDir=" + root.resolve("build"), "process-resources"));
        String repository = System.getProperty("secperf.ext.localRepository", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        if (offline) {
            command.add("-o");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("assembling the stock JMeter home took over 5 minutes: " + command);
        }
        return process.exitValue();
    }

    private static String maven() {
        String mavenHome = System.getProperty("secperf.ext.mavenHome", "");
        if (!mavenHome.isBlank() && Files.isExecutable(Path.of(mavenHome, "bin", "mvn"))) {
            return Path.of(mavenHome, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; it comes from "
                    + "secperf-jmeter-ext/pom.xml (surefire systemPropertyVariables): run the tests through Maven");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
