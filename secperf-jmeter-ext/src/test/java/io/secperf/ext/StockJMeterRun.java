package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.secperf.jtl.Jtl;
import io.secperf.result.Sample;

/**
 * One non-GUI run of the stock JMeter home as a user starts it, {@code java -jar bin/ApacheJMeter.jar -n -t plan.jmx
 * -l out.jtl -j jmeter.log -Jname=value ...}, in a forked JVM with the plan's directory as working directory: the
 * samples of the JTL JMeter wrote, and jmeter.log and the console output for diagnostics and for the linkage check
 * every run in stock JMeter must pass. A run that does not finish in 3 minutes or exits non-zero fails the test with
 * both texts.
 *
 * @param samples what JMeter wrote to out.jtl, in order
 * @param log     jmeter.log
 * @param console JMeter's standard output and error
 */
record StockJMeterRun(List<Sample> samples, Path log, Path console) {

    /** What a broken jar (missing class, duplicate class of another version, bad relocation) leaves in jmeter.log. */
    static final Pattern LINKAGE_TROUBLE = Pattern.compile("ClassNotFound|NoClassDefFound|LinkageError"
            + "|NoSuchMethodError|NoSuchFieldError|IncompatibleClassChangeError|ClassCastException"
            + "|ExceptionInInitializerError|AbstractMethodError");

    /**
     * Runs {@code plan} (a file in {@code work}) with the JMeter properties {@code name=value}, each passed as
     * {@code -Jname=value}.
     */
    static StockJMeterRun nonGui(Path home, Path plan, String... properties) throws IOException, InterruptedException {
        Path work = plan.toAbsolutePath().getParent();
        Path jtl = work.resolve("out.jtl");
        Path log = work.resolve("jmeter.log");
        Path console = work.resolve("console.txt");
        List<String> command = new ArrayList<>(List.of(StockJMeterHome.java().toString(), "-Xmx512m",
                "-jar", home.resolve("bin/ApacheJMeter.jar").toString(),
                "-n", "-t", plan.toString(), "-l", jtl.toString(), "-j", log.toString()));
        for (String property : properties) {
            command.add("-J" + property);
        }
        Process jmeter = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        if (!jmeter.waitFor(3, TimeUnit.MINUTES)) {
            jmeter.destroyForcibly();
            throw new AssertionError("stock JMeter did not finish in 3 minutes:" + diagnostics(log, console));
        }
        assertThat(jmeter.exitValue()).as("jmeter -n exit code" + diagnostics(log, console)).isZero();
        List<Sample> samples = new ArrayList<>();
        Jtl.read(jtl, samples::add);
        return new StockJMeterRun(List.copyOf(samples), log, console);
    }

    /** The console output and jmeter.log, for assertion messages. */
    String diagnostics() throws IOException {
        return diagnostics(log, console);
    }

    private static String diagnostics(Path log, Path console) throws IOException {
        return "\n--- console\n" + read(console) + "\n--- jmeter.log\n" + read(log);
    }

    /** Neither jmeter.log nor the console shows a class that failed to load or link. */
    void assertNoLinkageTrouble() throws IOException {
        assertThat(read(log)).as("jmeter.log").doesNotContainPattern(LINKAGE_TROUBLE);
        assertThat(read(console)).as("console").doesNotContainPattern(LINKAGE_TROUBLE);
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file.getFileName() + ")";
    }
}
