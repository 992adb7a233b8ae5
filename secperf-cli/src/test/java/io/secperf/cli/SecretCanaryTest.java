package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One distinctive secret, supplied the ways users supply it ({@code env:} and {@code property:} references in
 * security.yaml, {@code SECPERF_J_password}, a {@code -p} properties file), sent through the real command line in its
 * own JVM ({@code run --security}, {@code scan auth}, {@code scan fuzz}, a plain {@code run}) against a target that
 * echoes it back (in the status line's reason phrase, in 500 pages quoting the request). Afterwards neither the
 * secret nor a simple transform of it (percent-encoded, JSON-escaped, Base64, either half, so a byte inserted or
 * changed anywhere still leaves one half to find) may appear in any output: console (stdout and stderr) and every
 * file the commands wrote (result, report, charts, JUnit XML, JTL, jmeter.log, history, summary, and whatever
 * outputs are added later, as long as they land in the output directories).
 */
@Tag("slow")
@Timeout(600)
class SecretCanaryTest {

    /** The canary: distinctive, long enough that each half is distinctive too, with a character URLs encode. */
    static final String CANARY = "Cnry7xQ@4kT9wZ2pLm6vB8";

    @TempDir
    static Path dir;
    static Path in;
    static Path outputs;
    static final List<String> consoles = new ArrayList<>();
    static EchoingTarget target;

    /** Every form of the canary that must not appear. */
    static List<String> forms() {
        List<String> forms = new ArrayList<>();
        forms.add(CANARY);
        forms.add(URLEncoder.encode(CANARY, StandardCharsets.UTF_8));
        forms.add(CANARY.replace("@", "%40"));
        forms.add(CANARY.replace("@", "\\u0040"));
        byte[] bytes = CANARY.getBytes(StandardCharsets.UTF_8);
        for (int skip = 0; skip < 3; skip++) {
            // the part of a Base64 text that depends on the canary alone, at each alignment
            int usable = (bytes.length - skip) / 3 * 3;
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(
                    java.util.Arrays.copyOfRange(bytes, skip, skip + usable)));
        }
        int half = CANARY.length() / 2;
        forms.add(CANARY.substring(0, half));
        forms.add(CANARY.substring(half));
        return forms;
    }

    @BeforeAll
    static void runEveryCommandWithTheCanary() throws Exception {
        in = Files.createDirectories(dir.resolve("inputs"));
        outputs = Files.createDirectories(dir.resolve("outputs"));
        target = new EchoingTarget();
        String url = target.uri().toString();

        // scan fuzz: the token from the environment in the path, a header and the JSON body of the fuzzed request
        Path fuzz = Files.writeString(in.resolve("fuzz.yaml"), """
                target:
                  url: %s
                  requestTimeout: 3s
                  headers:
                    X-Api-Key: "${apiToken}"
                credentials:
                  apiToken: env:CANARY_TOKEN
                fuzz:
                  seed: 7
                  iterations: 60
                  raw: false
                  endpoints:
                    - method: POST
                      path: /api/echo?key=${apiToken}
                      body: '{"k": "${apiToken}", "n": 1}'
                """.formatted(url));
        secperf(Map.of("CANARY_TOKEN", CANARY), List.of(), "scan", "fuzz", "--config", fuzz.toString(),
                "--out", outputs.resolve("fuzz").toString());

        // scan auth: the password as a Java system property, echoed by the login's status line
        Path auth = Files.writeString(in.resolve("auth.yaml"), """
                target:
                  url: %s
                credentials:
                  username: env:CANARY_USER
                  password: property:canary.password
                auth:
                  login:
                    method: POST
                    path: /api/login
                    body: {username: "${username}", password: "${password}"}
                    tokenFrom: json:/token
                  protectedEndpoints:
                    - GET /api/items
                    - method: POST
                      path: /api/echo
                      body: '{"password": "${password}"}'
                """.formatted(url));
        secperf(Map.of("CANARY_USER", "alice"), List.of("-Dcanary.password=" + CANARY), "scan", "auth",
                "--config", auth.toString(), "--out", outputs.resolve("auth").toString());

        // run --security: the login-flow template with the password from SECPERF_J_password; the security.yaml
        // references the same JMeter property; the target echoes it into every login's response message
        Path security = Files.writeString(in.resolve("security.yaml"), """
                target:
                  url: %s
                credentials:
                  username: property:username
                  password: property:password
                auth:
                  login:
                    method: POST
                    path: /api/login
                    body: {username: "${username}", password: "${password}"}
                    tokenFrom: json:/token
                  protectedEndpoints:
                    - GET /api/items
                fuzz:
                  seed: 11
                  iterations: 30
                  raw: false
                  endpoints:
                    - method: POST
                      path: /api/echo
                      body: '{"password": "${password}"}'
                """.formatted(url));
        Path run = outputs.resolve("run-security");
        secperf(Map.of("SECPERF_J_password", CANARY, "SECPERF_J_username", "alice"), List.of(), "run",
                "--template", "login-flow", "--target", url, "-Jthreads=2", "-Jrampup=0", "--duration", "12",
                "--security", security.toString(), "--preflight", "warn", "--warmup", "2s",
                "--out", run.toString(), "--jtl", run.resolve("samples.jtl").toString(),
                "--gates", "p95 < 5s; errors < 50%", "--history", outputs.resolve("history").toString(),
                "--progress", "plain");

        // a plain run against the echoing target, the password from a properties file
        Path properties = Files.writeString(in.resolve("secret.properties"), "password=" + CANARY + "\n");
        Path plain = outputs.resolve("run-plain");
        secperf(Map.of(), List.of(), "run", "--template", "login-flow", "--target", url, "-p", properties.toString(),
                "-Jthreads=2", "-Jrampup=0", "--duration", "3", "--out", plain.toString(),
                "--jtl", plain.resolve("samples.jtl").toString(), "--gates", "p95 < 5s",
                "--history", outputs.resolve("history").toString(), "--progress", "plain");
        target.close();
    }

    /**
     * Output options every command gets on top of its own, each writing into {@code out}: add an option here when a
     * command gains a new kind of output written elsewhere (say {@code --sarif FILE}); files written into the output
     * directories are checked anyway.
     */
    static List<String> extraOutputs(Path out) {
        return List.of();
    }

    /** Runs the real command line in a JVM of its own (the environment is the only way to pass env: secrets). */
    static void secperf(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Secperf.class.getName());
        command.addAll(List.of(args));
        int out = List.of(args).indexOf("--out");
        if (out >= 0) {
            command.addAll(extraOutputs(Path.of(args[out + 1])));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("secperf " + String.join(" ", args) + " did not end");
        }
        String console = "$ secperf " + String.join(" ", args) + " (exit " + process.exitValue() + ")\n"
                + Files.readString(stdout) + "\n--- stderr ---\n" + Files.readString(stderr);
        consoles.add(console);
        Files.delete(stdout);
        Files.delete(stderr);
        assertThat(process.exitValue()).as(console).isIn(0, 1, 2);
    }

    /** Every file the commands wrote (new outputs are covered as long as they land in an output directory). */
    static Map<Path, String> outputFiles() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(outputs)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(outputs.relativize(file), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Test
    void theCommandsRanAndWroteEveryKindOfOutput() throws IOException {
        assertThat(consoles).hasSize(4);
        Map<Path, String> files = outputFiles();
        List<String> names = files.keySet().stream().map(Path::toString).toList();
        for (String expected : List.of("fuzz/secperf-result.json", "auth/secperf-result.json",
                "run-security/secperf-result.json", "run-security/report.html", "run-security/secperf-gates.xml",
                "run-security/samples.jtl", "run-security/jmeter.log", "run-security/summary.txt",
                "run-plain/samples.jtl", "run-plain/report.html", "run-plain/secperf-gates.xml")) {
            assertThat(names).as("written").contains(expected);
        }
        assertThat(names).as("history").anyMatch(name -> name.startsWith("history/"));
        // the canary reached the target and came back: the echo is in the JTL, masked
        assertThat(files.get(Path.of("run-security/samples.jtl"))).contains("Welcome back, ****[");
        assertThat(files.get(Path.of("run-plain/samples.jtl"))).contains("Welcome back, ****[");
        // the fuzzer's findings still show the inputs, with the mutated secret bytes counted
        assertThat(files.get(Path.of("fuzz/secperf-result.json"))).contains("FUZZ-5XX")
                .contains("bytes of a secret]");
    }

    @Test
    void theCanaryIsInNoConsoleOutput() {
        String all = String.join("\n", consoles);
        for (String form : forms()) {
            assertThat(all).as("console holds %s", form).doesNotContain(form);
        }
    }

    @Test
    void theCanaryIsInNoOutputFile() throws IOException {
        for (Map.Entry<Path, String> file : outputFiles().entrySet()) {
            for (String form : forms()) {
                assertThat(file.getValue()).as("%s holds %s", file.getKey(), form).doesNotContain(form);
            }
        }
    }
}
