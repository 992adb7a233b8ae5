package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
 * {@code -cp} and {@code -XX} arguments it was given: the class path, the class-data archives (who writes them where,
 * which one a run maps), a missing Java. One test runs the launcher on real JVMs (a two-class program) to check that two
 * first runs at once leave an archive the next run maps.
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

    /** Dates the copy's build a minute back, so that files the launcher writes now are newer; returns its stamp. */
    private static Path builtAMinuteAgo(Path launcher) throws IOException {
        Path stamp = dist(launcher).resolve(".secperf-built");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return stamp;
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
        Path stamp = builtAMinuteAgo(launcher);

        Map<String, Path> archives = new LinkedHashMap<>();
        for (String command : new String[] {"--version", "gate", "report", "ingest", "run", "augment", "demo"}) {
            String first = launch(launcher, command);
            String key = command.equals("--version") ? "base" : command;
            assertThat(first).as(command).contains("-XX:ArchiveClassesAtExit=" + dist + "/secperf-" + key + "-")
                    .doesNotContain("SharedArchiveFile");
            archives.put(command, writeArchive(first));
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
        assertThat(launch(launcher, "gate")).contains("-XX:ArchiveClassesAtExit=" + archives.get("gate") + ".")
                .doesNotContain("SharedArchiveFile");
        assertThat(archives.get("gate")).doesNotExist();
        assertThat(archives.get("report")).exists();
        assertThat(launch(launcher, "run")).contains("-XX:ArchiveClassesAtExit=" + archives.get("run") + ".");
        assertThat(archives.get("run")).doesNotExist();
    }

    @Test
    void scanWritesTheClassDataArchiveOnceAfterABuildAndReusesItOnlyWhileItIsNewer() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        Path stamp = builtAMinuteAgo(launcher);

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
        Path archive = writeArchive(first);

        assertThat(launch(launcher, "scan")).contains("-XX:SharedArchiveFile=" + archive)
                .doesNotContain("ArchiveClassesAtExit");

        // a new build (the stamp newer than the archive): the stale archive is dropped and written again
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(launcher, "scan")).contains("-XX:ArchiveClassesAtExit=" + archive + ".")
                .doesNotContain("SharedArchiveFile");
        assertThat(archive).doesNotExist();
    }

    private static final String AT_EXIT = "-XX:ArchiveClassesAtExit=";

    /** The file a first run's JVM writes its archive to, from the launcher's output. */
    private static Path archiveBeingWritten(String output) {
        return Path.of(output.lines().filter(l -> l.startsWith(AT_EXIT)).findFirst().orElseThrow()
                .substring(AT_EXIT.length()));
    }

    /**
     * Writes what the JVM of a first run writes at exit (a header that does not start with a 0 byte) to the file the
     * launcher named, and returns the archive that later runs map: that file's name without ".PID.part".
     */
    private static Path writeArchive(String output) throws Exception {
        Path part = archiveBeingWritten(output);
        String name = part.getFileName().toString();
        assertThat(name).as("a file of the writer's own").matches("secperf-.*\\.jsa\\.[0-9]+\\.part");
        Files.writeString(part, "archive");
        return part.resolveSibling(name.substring(0, name.lastIndexOf(".jsa.") + ".jsa".length()));
    }

    /**
     * Two first runs of a command at once (right after a build) must not write the same archive: a JVM that maps a
     * mix of two writes can crash (docs/performance.md). Each writes its own file; a later run, once the writers have
     * ended, moves one into place and drops the other. Failed before: both runs wrote the archive itself.
     */
    @Test
    void twoFirstRunsAtOnceWriteTwoFilesAndALaterRunMapsOneWholeArchive() throws Exception {
        Path launcher = launcher();
        Path stamp = builtAMinuteAgo(launcher);
        String first = launch(launcher, "gate");
        String second = launch(launcher, "gate"); // started before the first one's JVM wrote anything
        Path firstPart = archiveBeingWritten(first);
        Path secondPart = archiveBeingWritten(second);
        assertThat(firstPart).isNotEqualTo(secondPart);
        Path archive = writeArchive(first);
        assertThat(writeArchive(second)).isEqualTo(archive);
        assertThat(archive).doesNotExist();

        assertThat(launch(launcher, "gate")).contains("-XX:SharedArchiveFile=" + archive)
                .doesNotContain(AT_EXIT);
        assertThat(archive).hasContent("archive");
        assertThat(firstPart).doesNotExist();
        assertThat(secondPart).doesNotExist();
        assertThat(launch(launcher, "gate")).contains("-XX:SharedArchiveFile=" + archive);
    }

    /** A file whose writer still runs may be half-written: it is neither mapped nor moved nor deleted. */
    @Test
    void anArchiveWhoseWriterStillRunsIsLeftAlone() throws Exception {
        Path launcher = launcher();
        Path stamp = builtAMinuteAgo(launcher);
        String first = launch(launcher, "report");
        Path endedWriters = archiveBeingWritten(first);
        Path archive = writeArchive(first);
        Files.delete(endedWriters);
        long running = ProcessHandle.current().pid(); // alive for as long as this test runs
        Path beingWritten = archive.resolveSibling(archive.getFileName() + "." + running + ".part");
        Files.writeString(beingWritten, "archive");

        String output = launch(launcher, "report");
        assertThat(output).doesNotContain("SharedArchiveFile");
        Path own = archiveBeingWritten(output);
        assertThat(own).isNotEqualTo(beingWritten);
        assertThat(own.getFileName().toString()).startsWith(archive.getFileName() + ".");
        assertThat(beingWritten).hasContent("archive");
        assertThat(archive).doesNotExist();
    }

    /**
     * A first run killed while its JVM wrote the archive leaves a file whose header is still zeros (the JVM writes the
     * header last). Such a file is never mapped (silently useless: every later run went without an archive until the
     * next build) and is written again. Failed before: the launcher mapped it on every run.
     */
    @Test
    void aHalfWrittenArchiveIsDroppedAndWrittenAgain() throws Exception {
        Path launcher = launcher();
        Path stamp = builtAMinuteAgo(launcher);
        Path archive = Path.of(archiveBeingWritten(launch(launcher, "ingest")).toString()
                .replaceFirst("\\.[0-9]+\\.part$", ""));
        Files.write(archive, new byte[4096]); // as a writer killed at exit leaves it, where it used to write

        String second = launch(launcher, "ingest");
        assertThat(second).doesNotContain("SharedArchiveFile").contains(AT_EXIT + archive + ".");
        assertThat(archive).doesNotExist();

        // the same from a writer of its own that has ended: dropped, not moved into place
        Path killed = archiveBeingWritten(second);
        Files.write(killed, new byte[4096]);
        String third = launch(launcher, "ingest");
        assertThat(third).doesNotContain("SharedArchiveFile").contains(AT_EXIT + archive + ".");
        assertThat(killed).doesNotExist();
        assertThat(archive).doesNotExist();
    }

    /**
     * Archives are kept per Java: a first run on one Java leaves another Java's archive of the same build alone.
     * Failed before: it deleted every archive of the command, so alternating two Javas wrote both archives every time.
     */
    @Test
    void aFirstRunOnOneJavaKeepsAnotherJavasArchiveOfTheSameBuild() throws Exception {
        Path launcher = launcher();
        Path dist = dist(launcher);
        Path stamp = builtAMinuteAgo(launcher);
        Path otherJava = Files.writeString(dist.resolve("secperf-gate-_opt_other_jdk_bin_java.jsa"), "archive");
        Path otherJavasOldBuild = Files.writeString(dist.resolve("secperf-gate-_opt_old_jdk_bin_java.jsa"), "archive");
        Files.setLastModifiedTime(otherJavasOldBuild, FileTime.fromMillis(System.currentTimeMillis() - 120_000));

        assertThat(launch(launcher, "gate")).contains(AT_EXIT).doesNotContain("SharedArchiveFile");
        assertThat(otherJava).exists();
        assertThat(otherJavasOldBuild).as("an older build's").doesNotExist();
    }

    /**
     * Two later runs that start at the same moment both try to move the same finished file into place; the second
     * {@code mv} finds it gone. A stand-in mv that fails like that: the run goes on (it writes an archive of its own)
     * with nothing on stderr. Failed before: {@code set -e} ended the launcher with exit 1 and mv's message.
     */
    @Test
    void anArchiveAnotherRunMovedFirstNeitherStopsTheRunNorPrintsAnything() throws Exception {
        Path launcher = launcher();
        Path stamp = builtAMinuteAgo(launcher);
        Path archive = writeArchive(launch(launcher, "gate"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mv = bin.resolve("mv");
        Files.writeString(mv, "#!/bin/sh\necho \"mv: cannot stat '$2': No such file or directory\" >&2\nexit 1\n");
        mv.toFile().setExecutable(true);

        ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), "gate");
        builder.environment().put("JAVA_HOME", launcher.getParent().resolve("jdk").toString());
        builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
        builder.environment().remove("SECPERF_JAVA_OPTS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out + err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).contains(AT_EXIT + archive + ".").doesNotContain("SharedArchiveFile");
    }

    /** SECPERF_CLASS_ARCHIVE=off: no archive is written, mapped or deleted (to try the JVM's own options). */
    @Test
    void theClassDataArchiveCanBeSwitchedOff() throws Exception {
        Path launcher = launcher();
        Path stamp = builtAMinuteAgo(launcher);
        Path archive = writeArchive(launch(launcher, "gate"));
        assertThat(launch(launcher, "gate")).contains("-XX:SharedArchiveFile=" + archive);

        ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), "gate").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", launcher.getParent().resolve("jdk").toString());
        builder.environment().put("SECPERF_CLASS_ARCHIVE", "off");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("SharedArchiveFile", AT_EXIT).contains("-XX:TieredStopAtLevel=1");
        assertThat(archive).exists();
    }

    /**
     * Real JVMs (the Java that runs this test, so CI runs it on JDK 17 and JDK 25): two first runs of a command at once,
     * right after a build, both succeed without a word on stderr, and the next run maps one whole archive (with
     * {@code -Xshare:on} a JVM that cannot map it stops with an error).
     */
    @Test
    void twoFirstRunsAtOnceOnRealJvmsLeaveOneWholeArchiveThatTheNextRunMaps() throws Exception {
        Path script = Path.of("..", "secperf").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "bash and the launcher");
        // no space in this path: JDK 17 maps an archive written from a class path with a space in it, but loads none
        // of the application's classes from it (JDK 25 does; docs/performance.md, "Start-up on JDK 25")
        Path checkout = Files.createDirectories(dir.resolve("real-checkout"));
        Path launcher = Files.copy(script, checkout.resolve("secperf"));
        Path dist = Files.createDirectories(checkout.resolve("secperf-cli/target"));
        Path sources = Files.createDirectories(dir.resolve("sources/io/secperf/cli"));
        Files.writeString(sources.resolve("Secperf.java"), "package io.secperf.cli; public class Secperf {"
                + " public static void main(String[] args) { System.out.println(\"ran \" + String.join(\" \", args)"
                + " + \" \" + new lib.Lib()); } }");
        Path lib = Files.writeString(Files.createDirectories(dir.resolve("sources/lib")).resolve("Lib.java"),
                "package lib; public class Lib { public String toString() { return \"lib\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                sources.resolve("Secperf.java").toString(), lib.toString())).isZero();
        jar(dist.resolve("secperf-cli-1.jar"), classes, "io/secperf/cli/Secperf.class");
        jar(Files.createDirectories(dist.resolve("lib-light")).resolve("lib.jar"), classes, "lib/Lib.class");
        Path stamp = Files.createFile(dist.resolve(".secperf-built"));
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Process[] firstRuns = {realJvm(launcher, "").start(), realJvm(launcher, "").start()};
        for (Process run : firstRuns) {
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(out + err).isZero();
            assertThat(out).isEqualTo("ran gate lib\n");
            assertThat(err).as("nothing on stderr").isEmpty();
        }

        Process next = realJvm(launcher, "-Xshare:on -Xlog:class+load=info:stdout").redirectErrorStream(true).start();
        String out = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(out).isZero();
        assertThat(out).contains("io.secperf.cli.Secperf source: shared objects file (top)", "ran gate lib");
        try (var files = Files.list(dist)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("secperf-gate-")))
                    .as("one archive, no file left half-way").singleElement().asString().endsWith(".jsa");
        }
    }

    private static ProcessBuilder realJvm(Path launcher, String javaOptions) {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", launcher.toString(), "gate");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SECPERF_JAVA_OPTS", javaOptions);
        return builder;
    }

    private static void jar(Path jar, Path classes, String... entries) throws Exception {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
        }
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
