package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./secperf} launcher, from a checkout whose path holds a space: a copy of the script next to a
 * built-looking {@code secperf-cli/target} (so it does not build) and a stand-in {@code java} that prints the
 * {@code -cp} and {@code -XX} arguments it was given: the class path, the scan's class-data archive, a missing Java.
 */
class LauncherScriptTest {

    @TempDir
    Path dir;

    /**
     * A copy of the launcher in "DIR/my checkout" with a built-looking secperf-cli/target and the stand-in java in
     * "my checkout/jdk" (used where JAVA_HOME points there); returns the copy.
     */
    private Path launcher() throws Exception {
        Path script = Path.of("..", "secperf").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "bash and the launcher");
        Path checkout = Files.createDirectories(dir.resolve("my checkout"));
        Path launcher = Files.copy(script, checkout.resolve("secperf"));
        launcher.toFile().setExecutable(true);
        Path target = Files.createDirectories(checkout.resolve("secperf-cli/target/lib"));
        Files.createFile(checkout.resolve("secperf-cli/target/secperf-cli-1.jar"));
        Files.createFile(target.resolve("b.jar"));
        Files.createFile(target.resolve("A.jar"));
        Files.createFile(target.resolve("jmeter.jar"));
        // the class path of the commands that start no load: the same jars without JMeter's
        Path light = Files.createDirectories(checkout.resolve("secperf-cli/target/lib-light"));
        Files.createFile(light.resolve("b.jar"));
        Files.createFile(light.resolve("A.jar"));
        Files.createFile(checkout.resolve("secperf-cli/target/.secperf-built"));
        fakeJava(checkout);
        return launcher;
    }

    private static Path dist(Path launcher) {
        return launcher.getParent().resolve("secperf-cli/target");
    }

    @Test
    void aMissingJavaIsAnInfrastructureErrorThatSaysSoNotASilentExit1() throws Exception {
        Path launcher = launcher();
        for (String command : new String[] {"--version", "scan"}) {
            ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), command)
                    .redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", dir.resolve("no-jdk").toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // 1 would read as "a critical finding" for secperf scan
            assertThat(process.exitValue()).as(command + ": " + output).isEqualTo(ExitCode.INFRASTRUCTURE.code());
            assertThat(output).as(command).contains("no-jdk/bin/java", "JAVA_HOME");
        }
    }

    /** A stand-in java in the checkout that prints its -cp and -XX arguments, one a line. */
    private static Path fakeJava(Path checkout) throws Exception {
        Path java = Files.createDirectories(checkout.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nwhile [ $# -gt 0 ]; do case \"$1\" in -cp) echo \"CP=$2\";;"
                + " -XX:*|-Xbootclasspath/a:*) echo \"$1\";; esac; shift; done\n");
        java.toFile().setExecutable(true);
        return java;
    }

    private static String launch(Path launcher, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), command)
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", launcher.getParent().resolve("jdk").toString());
        builder.environment().remove("SECPERF_JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theClassPathKeepsJarPathsWithSpacesWholeAndSorted() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        for (String command : new String[] {"--version", "scan"}) {
            assertThat(launch(launcher, command).lines()).as(command).contains("CP=" + dist.resolve("secperf-cli-1.jar")
                    + ":" + dist.resolve("lib-light/A.jar") + ":" + dist.resolve("lib-light/b.jar"));
        }
        assertThat(launch(launcher, "run").lines()).contains("CP=" + dist.resolve("secperf-cli-1.jar") + ":"
                + dist.resolve("lib/A.jar") + ":" + dist.resolve("lib/b.jar") + ":" + dist.resolve("lib/jmeter.jar"));
    }

    /** picocli (Java 5 classes: not archivable, verified the slow way) goes on the boot class path, for every command. */
    @Test
    void picocliIsAppendedToTheBootClassPathAndLeftOffTheClassPath() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        Files.createFile(dist.resolve("lib/picocli-4.7.7.jar"));
        Files.createFile(dist.resolve("lib-light/picocli-4.7.7.jar"));
        for (String command : new String[] {"--version", "gate", "scan", "run", "demo"}) {
            String output = launch(launcher, command);
            String lib = command.equals("run") || command.equals("demo") ? "lib" : "lib-light";
            assertThat(output.lines()).as(command).contains("-Xbootclasspath/a:" + dist.resolve(lib + "/picocli-4.7.7.jar"));
            assertThat(classPath(output)).as(command).doesNotContain("picocli").contains(dist.resolve(lib + "/A.jar").toString());
        }
    }

    @Test
    void onlyTheCommandsThatRunLoadGetJMetersJarsTheOthersTheLightClassPath() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        for (String command : new String[] {"run", "augment", "demo"}) {
            assertThat(classPath(launch(launcher, command))).as(command).contains(dist.resolve("lib/jmeter.jar").toString())
                    .doesNotContain("lib-light");
        }
        for (String command : new String[] {"--version", "--help", "help", "gate", "report", "ingest", "scan", "nonsense"}) {
            assertThat(classPath(launch(launcher, command))).as(command).contains(dist.resolve("lib-light/A.jar").toString())
                    .doesNotContain("jmeter.jar").doesNotContain(dist.resolve("lib") + "/");
        }
    }

    @Test
    void aBuildWithoutTheLightClassPathRunsEveryCommandOnTheFullOne() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        try (var jars = Files.list(dist.resolve("lib-light"))) {
            for (Path jar : jars.toList()) {
                Files.delete(jar);
            }
        }
        Files.delete(dist.resolve("lib-light"));
        assertThat(classPath(launch(launcher, "gate"))).contains(dist.resolve("lib/jmeter.jar").toString());
    }

    private static String classPath(String output) {
        return output.lines().filter(l -> l.startsWith("CP=")).findFirst().orElseThrow();
    }

    @Test
    void everyCommandHasItsOwnClassDataArchiveWrittenOnceReusedAndDroppedAfterARebuild() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        Path stamp = dist.resolve(".secperf-built");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Map<String, Path> archives = new LinkedHashMap<>();
        for (String command : new String[] {"--version", "gate", "report", "ingest", "run", "augment", "demo"}) {
            String first = launch(launcher, command);
            String key = command.equals("--version") ? "base" : command;
            assertThat(first).as(command).contains("-XX:ArchiveClassesAtExit=" + dist + "/secperf-" + key + "-")
                    .doesNotContain("SharedArchiveFile");
            Path archive = Path.of(first.lines().filter(l -> l.startsWith("-XX:ArchiveClassesAtExit=")).findFirst()
                    .orElseThrow().substring("-XX:ArchiveClassesAtExit=".length()));
            Files.writeString(archive, "archive"); // what the JVM would have written at exit
            archives.put(command, archive);
        }
        assertThat(archives.values()).as("one archive per command").doesNotHaveDuplicates();
        // --help and anything that is not a command share the base archive of --version
        assertThat(launch(launcher, "--help")).contains("-XX:SharedArchiveFile=" + archives.get("--version"));
        for (var entry : archives.entrySet()) {
            assertThat(launch(launcher, entry.getKey())).as(entry.getKey())
                    .contains("-XX:SharedArchiveFile=" + entry.getValue()).doesNotContain("ArchiveClassesAtExit");
        }

        // a new build: each command drops its stale archive and writes it again, leaving the others alone
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(launcher, "gate")).contains("-XX:ArchiveClassesAtExit=" + archives.get("gate"))
                .doesNotContain("SharedArchiveFile");
        assertThat(archives.get("gate")).doesNotExist();
        assertThat(archives.get("report")).exists();
        assertThat(launch(launcher, "run")).contains("-XX:ArchiveClassesAtExit=" + archives.get("run"));
        assertThat(archives.get("run")).doesNotExist();
    }

    @Test
    void scanWritesTheClassDataArchiveOnceAfterABuildAndReusesItOnlyWhileItIsNewer() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        Path stamp = dist.resolve(".secperf-built");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        for (String command : new String[] {"run", "augment", "demo"}) {
            assertThat(launch(launcher, command)).as(command + " drives a load: the default JIT and collector")
                    .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        }
        for (String command : new String[] {"--version", "--help", "gate", "report", "ingest"}) {
            assertThat(launch(launcher, command)).as(command + " is short-lived: C1 and the serial collector")
                    .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        }
        String first = launch(launcher, "scan");
        assertThat(first).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + dist
                + "/secperf-scan-").doesNotContain("SharedArchiveFile");
        String archive = first.lines().filter(l -> l.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow()
                .substring("-XX:ArchiveClassesAtExit=".length());
        Files.writeString(Path.of(archive), "archive"); // what the JVM would have written at exit

        assertThat(launch(launcher, "scan")).contains("-XX:SharedArchiveFile=" + archive)
                .doesNotContain("ArchiveClassesAtExit");

        // a new build (the stamp newer than the archive): the stale archive is dropped and written again
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(launcher, "scan")).contains("-XX:ArchiveClassesAtExit=" + archive)
                .doesNotContain("SharedArchiveFile");
        assertThat(Path.of(archive)).doesNotExist();
    }

    /**
     * The launcher rebuilds when a source or build file is newer than the last build, and only then: it looks at the
     * modules' sources, POMs and templates, never at build output (target directories hold thousands of files, and
     * every command paid for walking them). A stand-in mvn on the PATH records that it was called.
     */
    @Test
    void aChangedSourceRebuildsAndBuildOutputDoesNot() throws Exception {
        Path launcher = launcher();
        Path checkout = launcher.getParent();
        Path stamp = checkout.resolve("secperf-cli/target/.secperf-built");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path called = dir.resolve("mvn-called");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + called + "'\n");
        mvn.toFile().setExecutable(true);
        Path source = Files.createDirectories(checkout.resolve("secperf-core/src/main/java/io/secperf"))
                .resolve("Some.java");
        Files.writeString(source, "class Some {}");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Path output = Files.createDirectories(checkout.resolve("secperf-core/target/classes")).resolve("Some.java");
        Files.writeString(output, "class Some {}"); // newer than the stamp, but build output

        launchWithPath(launcher, bin);
        assertThat(called).as("nothing but build output is newer than the last build").doesNotExist();

        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis()));
        launchWithPath(launcher, bin);
        assertThat(called).as("a changed source").exists();
        assertThat(Files.readString(called)).contains("package");

        Files.delete(called);
        Path template = Files.createDirectories(checkout.resolve("jmeter-templates")).resolve("plan.jmx");
        Files.writeString(template, "<jmeterTestPlan/>");
        launchWithPath(launcher, bin);
        assertThat(called).as("a changed template").exists();
    }

    private static void launchWithPath(Path launcher, Path bin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), "--version")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", launcher.getParent().resolve("jdk").toString());
        builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
