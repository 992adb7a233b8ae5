package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jmeter.save.SaveService;
import org.apache.jorphan.collections.HashTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secperf.result.Finding;
import io.secperf.result.LabelStats;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.run.PlanLoader;

/**
 * {@code secperf augment} and {@code secperf run --security}: real plans, the real engine, loopback HTTP(S) targets.
 * The HTTPS target has a self-signed certificate, a critical TLS finding (CERT-SELF), so preflight abort must stop the
 * run before the load and preflight warn must let it run.
 */
class SecurityRunTest {

    @TempDir
    Path dir;

    private Path security(String url, String extra) throws Exception {
        return Files.writeString(dir.resolve("security.yaml"), "target:\n  url: " + url + "\n" + extra);
    }

    @Test
    void augmentWritesAPlanThatJMeterLoadsAndRefusesToAugmentItAgain() throws Exception {
        Path yaml = security("https://127.0.0.1:9443/", "");
        Path out = dir.resolve("plans/augmented.jmx");
        Path plan = SecperfCommandLineTest.plan("two-labels.jmx");

        CliOutcome augment = secperf("augment", "--plan", plan.toString(), "--security", yaml.toString(),
                "-o", out.toString(), "--preflight", "warn", "--warmup", "10s");

        assertThat(augment.code()).as(augment.err()).isZero();
        assertThat(augment.out()).contains("wrote " + out).contains("preflight TLS (warn)")
                .contains("no attacks or fuzzing");
        HashTree loaded = SaveService.loadTree(out.toFile());
        assertThat(loaded).isNotNull();
        assertThat(PlanLoader.load(out)).isNotNull();
        assertThat(Files.readString(out)).contains("testname=\"secperf preflight\"")
                .contains("testname=\"secperf preflight: TLS\"")
                .contains("<stringProp name=\"ThreadGroup.on_sample_error\">continue</stringProp>")
                .contains("testname=\"users\"");
        assertThat(Files.readString(plan)).doesNotContain("secperf preflight");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(out);
        }

        CliOutcome again = secperf("augment", "--plan", out.toString(), "--security", yaml.toString(),
                "-o", dir.resolve("twice.jmx").toString());
        assertThat(again.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(again.err()).contains("already contains secperf's thread group 'secperf preflight'");
        assertThat(dir.resolve("twice.jmx")).doesNotExist();
    }

    @Test
    void aWarmUpInMillisecondsIsSaidAsTheWholeSecondsJMeterWaits() throws Exception {
        Path yaml = security("https://127.0.0.1:9443/", "attack:\n  flood: {endpoints: [GET /], rate: 5, duration: 1s}\n");
        Path out = dir.resolve("warm.jmx");
        CliOutcome augment = secperf("augment", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                "--security", yaml.toString(), "-o", out.toString(), "--warmup", "1500ms");
        assertThat(augment.code()).as(augment.err()).isZero();
        // the thread group's startup delay has whole seconds: 1.5 s is a 2 s delay, and the message must say so
        assertThat(augment.out()).contains("after a 2 s warm-up: flood");
        assertThat(Files.readString(out)).contains("starts after a 2");
    }

    @Test
    void augmentReportsSecurityFileErrorsWithLineAndColumnAndNeverOverwritesTheInput() throws Exception {
        Path yaml = security("https://127.0.0.1:9443/", "attack:\n  flood: {rate: lots}\n");
        Path plan = SecperfCommandLineTest.plan("two-labels.jmx");

        CliOutcome bad = secperf("augment", "--plan", plan.toString(), "--security", yaml.toString(),
                "-o", dir.resolve("out.jmx").toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(bad.err()).contains(yaml + ":4:").contains("rate");

        CliOutcome same = secperf("augment", "--plan", plan.toString(), "--security", yaml.toString(),
                "-o", plan.toString());
        assertThat(same.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(same.err()).contains("is the input plan");

        CliOutcome missing = secperf("augment", "--plan", plan.toString(), "-o", dir.resolve("x.jmx").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(missing.err()).contains("--security FILE is required");
    }

    @Test
    void preflightAbortStopsBeforeTheLoadWithExitCode3AndStillWritesTheFindings() throws Exception {
        Path out = dir.resolve("out");
        CliOutcome run;
        try (SelfSignedHttpsServer server = new SelfSignedHttpsServer()) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            Path yaml = security(url, "");
            run = secperf("run", "--template", "rest-api-baseline", "--target", url, "--duration", "5",
                    "--security", yaml.toString(), "--preflight", "abort", "--out", out.toString(),
                    "--progress", "none");
        }

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_ABORTED.code());
        assertThat(run.err()).contains("preflight found critical problems: ").contains("CERT-SELF (tls)")
                .contains("the load did not run");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().labels()).extracting(LabelStats::label)
                .as("no load sample ran, and the preflight's own samples are checks, not load").isEmpty();
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF");
        assertThat(document.security().checks()).contains("tls");
        assertThat(document.status().reason()).contains("preflight found critical problems");
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void preflightWarnReportsTheFindingsAndRunsTheLoad() throws Exception {
        Path out = dir.resolve("out");
        CliOutcome run;
        try (SelfSignedHttpsServer server = new SelfSignedHttpsServer()) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            Path yaml = security(url, "");
            run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                    "--target", url, "-Jloops=3", "-Jthreads=1", "--security", yaml.toString(), "--preflight", "warn",
                    "--out", out.toString(), "--progress", "none");
        }

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("preflight TLS (warn)")
                .contains("preflight (warn) found critical problems: CERT-SELF (tls)").contains("the load ran anyway");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.result().label("home").count()).isEqualTo(3);
        assertThat(document.findings()).extracting(Finding::id).contains("CERT-SELF");
        assertThat(document.security().measurements()).containsEntry("tls.grade", "T");
    }

    @Test
    void anHttpTargetRunsWithoutTlsProbeAndSaysSo() throws Exception {
        Path out = dir.resolve("out");
        CliOutcome run;
        try (TestTarget target = new TestTarget()) {
            Path yaml = security(target.uri().toString(), "");
            run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                    "--target", target.uri().toString(), "-Jloops=2", "-Jthreads=1", "--security", yaml.toString(),
                    "--out", out.toString(), "--progress", "none");
        }
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("TLS probe skipped").contains("no preflight")
                .doesNotContain("the security checks go to");
        assertThat(ResultDocuments.read(out.resolve("secperf-result.json")).result().label("home").count())
                .isEqualTo(2);
    }

    @Test
    void checksThatGoElsewhereThanTheLoadAreWarnedAbout() throws Exception {
        CliOutcome run;
        String load;
        try (TestTarget target = new TestTarget()) {
            load = target.uri().toString();
            Path yaml = security("http://127.0.0.1:1/", ""); // another port (the load's is ephemeral)
            run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                    "--target", target.uri().toString(), "-Jloops=1", "-Jthreads=1", "--security", yaml.toString(),
                    "--preflight", "off", "--out", dir.resolve("out").toString(), "--progress", "none");
        }
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("warning: the security checks go to http://127.0.0.1:1 (target.url in ")
                .contains("the load to " + load);
    }

    /**
     * The auth preflight against a target that answers 200 to everything, i.e. without credentials too: AUTH-BYPASS.
     * Before helper SAMPLERS' AuthCheckSampler is in the build the run must refuse to start, naming the class.
     */
    @Test
    void anAuthBypassFoundByThePreflightAbortsTheRunOrAMissingSamplerIsNamed() throws Exception {
        Path out = dir.resolve("out");
        CliOutcome run;
        try (TestTarget target = new TestTarget()) {
            Path yaml = security(target.uri().toString(), "auth:\n  protectedEndpoints: [GET /api/items]\n");
            run = secperf("run", "--plan", SecperfCommandLineTest.plan("two-labels.jmx").toString(),
                    "--target", target.uri().toString(), "--security", yaml.toString(), "--out", out.toString(),
                    "--progress", "none");
        }
        if (classPresent("io.secperf.sampler.AuthCheckSampler")) {
            assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_ABORTED.code());
            assertThat(run.out()).contains("TLS probe skipped").contains("preflight auth (abort)");
            assertThat(run.err()).contains("preflight found critical problems: AUTH-BYPASS (auth)")
                    .contains("the load did not run");
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.result().label("home")).isNull();
            assertThat(document.findings()).extracting(Finding::id).contains("AUTH-BYPASS");
        } else {
            assertThat(run.code()).isEqualTo(ExitCode.INFRASTRUCTURE.code());
            assertThat(run.err()).contains("io.secperf.sampler.AuthCheckSampler");
            assertThat(out).doesNotExist();
        }
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void badSecurityOptionsAreUsageErrorsBeforeAnythingRuns() throws Exception {
        Path yaml = security("https://127.0.0.1:9443/", "");
        CliOutcome preflight = secperf("run", "--template", "rest-api-baseline", "--security", yaml.toString(),
                "--preflight", "sometimes", "--out", dir.resolve("o").toString());
        assertThat(preflight.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(preflight.err()).contains("--preflight must be abort, warn or off");

        CliOutcome warmup = secperf("run", "--template", "rest-api-baseline", "--security", yaml.toString(),
                "--warmup", "soon", "--out", dir.resolve("o").toString());
        assertThat(warmup.code()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(warmup.err()).contains("--warmup must be a duration");
        assertThat(dir.resolve("o")).doesNotExist();

        // a warm-up without --security would be silently ignored: nothing would be injected after it
        CliOutcome alone = secperf("run", "--template", "rest-api-baseline", "--target", "http://127.0.0.1:1/",
                "--warmup", "10s", "--out", dir.resolve("o").toString());
        assertThat(alone.code()).as(alone.err()).isEqualTo(ExitCode.USAGE_OR_INPUT.code());
        assertThat(alone.err()).contains("--warmup only applies with --security");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void attacksAndFuzzingStartAfterTheWarmUpAndReportTheirChecks() throws Exception {
        Path out = dir.resolve("out");
        CliOutcome run;
        try (TestTarget target = new TestTarget()) {
            Path yaml = security(target.uri().toString(), """
                    fuzz:
                      seed: 11
                      iterations: 20
                      raw: false
                    attack:
                      flood: {endpoints: [GET /home], rate: 20, duration: 1s, concurrency: 2}
                    """);
            run = secperf("run", "--plan", SecperfCommandLineTest.plan("endless.jmx").toString(),
                    "--target", target.uri().toString(), "-Jthreads=1", "--duration", "6", "--security",
                    yaml.toString(), "--warmup", "2s", "--out", out.toString(), "--progress", "none",
                    "--jtl", out.resolve("samples.jtl").toString());
        }
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("after a 2 s warm-up: flood, fuzz");
        ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
        assertThat(document.security().checks()).contains("attack", "fuzz");
        assertThat(document.security().measurements()).isNotEmpty();

        // the JTL holds only legitimate traffic: security samples are checks, not load
        java.util.List<String> lines = Files.readAllLines(out.resolve("samples.jtl"));
        assertThat(lines.subList(1, lines.size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line.split(",", 4)[2]).isEqualTo("loop"));
        long firstLegit = lines.subList(1, lines.size()).stream()
                .mapToLong(line -> Long.parseLong(line.split(",", 2)[0])).min().orElseThrow();
        assertThat(document.security().attackWindows()).as("the flood is one attack window").hasSize(1);
        var flood = document.security().attackWindows().get(0);
        assertThat(flood.kind()).isEqualTo("flood");
        assertThat(flood.start().toEpochMilli() - firstLegit).as("the flood starts after the 2 s warm-up")
                .isGreaterThanOrEqualTo(1_900);
        assertThat(document.security().measurements()).as("fuzzing ran").containsKey("fuzz.iterations");
        assertThat(document.security().resilience()).as("legit traffic before vs during the flood").isNotNull();
        assertThat(document.security().resilience().attack().samples()).isPositive();
    }
}
