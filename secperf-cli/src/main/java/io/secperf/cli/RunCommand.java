package io.secperf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.secperf.run.RemoteEngines;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secperf run}: runs a JMeter plan (the user's or a bundled template) and writes the result document. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a JMeter plan against a target and write secperf-result.json.",
        footer = {"", "Examples:",
            "  secperf run --plan perf/checkout.jmx --target https://staging.example.com \\",
            "      -Jthreads=50 --duration 5m",
            "  secperf run --template rest-api-baseline --target https://127.0.0.1:8443 \\",
            "      --out results",
            "  secperf run --plan perf/checkout.jmx --target https://staging.example.com \\",
            "      --gates gates.txt",
            "  secperf run --plan perf/checkout.jmx --security security.yaml \\",
            "      --preflight abort --duration 300",
            "  secperf run --plan perf/checkout.jmx --security security.yaml \\",
            "      --sarif secperf.sarif",
            "  secperf run --plan perf/checkout.jmx --target https://staging.example.com \\",
            "      --remote lg1,lg2:1099,lg3 --remote-min 2",
            "", "Properties whose name contains password, secret, token, key or credential are masked in every output.",
            "Environment variables SECPERF_J_<name>=value set JMeter property <name> (keeps secrets off the command line)."})
final class RunCommand implements Callable<Integer> {

    static final String ENV_PROPERTY_PREFIX = "SECPERF_J_";

    @ArgGroup(exclusive = true, multiplicity = "1")
    PlanChoice plan;

    static final class PlanChoice {
        @Option(names = "--plan", paramLabel = "FILE.jmx", description = "JMeter plan to run (trusted input: JMX is code)")
        Path file;

        @Option(names = "--template", paramLabel = "NAME",
                description = "bundled plan from jmeter-templates/: ${COMPLETION-CANDIDATES}",
                completionCandidates = Templates.Names.class)
        String template;
    }

    @Option(names = "--target", paramLabel = "URL",
            description = "base URL of the system under test; sets the properties protocol, host, port, basePath")
    String target;

    @Option(names = "-J", paramLabel = "name=value", description = "JMeter property, like JMeter's -J (repeatable)")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = {"-p", "--properties"}, paramLabel = "FILE",
            description = "JMeter properties file (name=value lines), applied before -J")
    Path propertiesFile;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "test length such as 300 (seconds), 90s, 5m or 1h: sets the property 'duration' (in seconds)"
                    + " and stops the test at the latest after it")
    String duration;

    @Option(names = "--jtl", paramLabel = "FILE", description = "also write the samples as JMeter's standard CSV JTL")
    Path jtl;

    @Option(names = "--remote", paramLabel = "host[:port],...",
            description = "run the load on these JMeter remote engines (jmeter-server, port 1099 by default), like "
                    + "JMeter's -R; --target and -J reach them as JMeter's -G does; security checks run once, here "
                    + "(docs/distributed.md)")
    String remote;

    @Option(names = "--remote-min", paramLabel = "N",
            description = "go on when at least N of the --remote engines answer at the start and stay alive "
                    + "(default: all of them)")
    Integer remoteMin;

    @Option(names = "--rmi-keystore", paramLabel = "FILE",
            description = "keystore for JMeter's RMI over SSL with the engines (JMeter's rmi_keystore.jks; password "
                    + "from SECPERF_RMI_KEYSTORE_PASSWORD, default changeit); -Jserver.rmi.ssl.disable=true turns "
                    + "SSL off on trusted networks")
    Path rmiKeystore;

    @Mixin
    SecurityOptions security;

    @Mixin
    GateOptions gateOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerLogOptions serverLogs;

    @Mixin
    SarifOutput sarif;

    @Override
    public Integer call() {
        Map<String, String> all = new LinkedHashMap<>(environmentProperties(System.getenv()));
        if (propertiesFile != null) {
            all.putAll(readProperties(propertiesFile));
        }
        all.putAll(properties);
        Duration duration = this.duration == null ? null : DurationText.parse("--duration", this.duration, false);
        URI targetUri = target == null ? null : parseTarget(target);
        GateStage gates = gateOptions.stage(null, java.util.List.of());
        sarif.check();
        try (Templates.Resolved resolved = plan.file != null ? Templates.ofFile(plan.file) : Templates.extract(plan.template)) {
            LoadRun.Settings settings = new LoadRun.Settings(resolved.plan(), resolved.name(), targetUri, all, duration,
                    output.out, jtl, output.progress, gates, output.history,
                    security.augmenter(duration, null), resolved.shown(), remoteEngines(all));
            return new LoadRun(System.out, serverLogs).sarif(sarif).execute(settings).code();
        }
    }

    /** The --remote engines, or null; the keystore goes into the controller's own RMI properties. */
    private RemoteEngines remoteEngines(Map<String, String> jmeterProperties) {
        if (remote == null) {
            if (remoteMin != null || rmiKeystore != null) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, (remoteMin != null ? "--remote-min" : "--rmi-keystore")
                        + " needs --remote host[:port],...");
            }
            return null;
        }
        RemoteEngines engines;
        try {
            engines = RemoteEngines.parse(remote, remoteMin == null ? 0 : remoteMin);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--remote" + (remoteMin == null ? "" : "/--remote-min")
                    + ": " + e.getMessage());
        }
        if (rmiKeystore != null) {
            if (!Files.isReadable(rmiKeystore)) {
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--rmi-keystore " + rmiKeystore
                        + " is not a readable file (create it as JMeter does: docs/distributed.md#rmi-over-ssl)");
            }
            String file = rmiKeystore.toAbsolutePath().toString();
            jmeterProperties.put("server.rmi.ssl.keystore.file", file);
            jmeterProperties.put("server.rmi.ssl.truststore.file", file);
            String password = System.getenv("SECPERF_RMI_KEYSTORE_PASSWORD");
            if (password != null && !password.isEmpty()) {
                jmeterProperties.put("server.rmi.ssl.keystore.password", password);
                jmeterProperties.put("server.rmi.ssl.truststore.password", password);
            }
        }
        return engines;
    }

    static Map<String, String> environmentProperties(Map<String, String> environment) {
        Map<String, String> result = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PROPERTY_PREFIX) && name.length() > ENV_PROPERTY_PREFIX.length()) {
                result.put(name.substring(ENV_PROPERTY_PREFIX.length()), value);
            }
        });
        return result;
    }

    /**
     * An http or https base URL; anything else is refused with the expected form, built from what was given
     * ({@code 127.0.0.1:18080} → "did you mean https://127.0.0.1:18080 or http://127.0.0.1:18080?").
     */
    static URI parseTarget(String text) {
        String trimmed = text.strip();
        URI uri = null;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // explained below
        }
        String scheme = uri == null ? null : uri.getScheme();
        boolean web = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
        if (uri != null && web && uri.getHost() != null) {
            return uri;
        }
        String hint = "";
        if (!trimmed.contains("://") && !trimmed.isEmpty() && !trimmed.contains(" ")) {
            hint = "; did you mean https://" + trimmed + " or http://" + trimmed + "?";
        }
        throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--target must be an http or https URL with scheme and host,"
                + " such as https://staging.example.com:8443, was '" + text + "'" + hint);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT,
                    "cannot read properties file " + file + ": " + OutputDirectory.describe(e));
        }
        Map<String, String> result = new LinkedHashMap<>();
        loaded.stringPropertyNames().stream().sorted().forEach(name -> result.put(name, loaded.getProperty(name)));
        return result;
    }
}
