package io.secperf.sampler;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.security.Credentials;
import io.secperf.security.SecretMask;
import io.secperf.security.SecretSource;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;
import io.secperf.security.SecurityReportJson;

/**
 * What the auth, fuzz and attack samplers share, so the three behave the same in a plan: they read one
 * {@code security.yaml} (relative paths resolve against the plan's directory, as JMeter's own file properties do),
 * optionally point it at another URL, resolve credentials from JMeter properties ({@code -JNAME=}) or the environment,
 * and turn the check's {@link SecurityReport} into a {@link SecurityFindings} sample. Bad settings become a failed
 * sample whose message names the property or the file (line and column for YAML errors); nothing is thrown out of
 * {@link #sample(Entry)}, because JMeter would only log it and the plan's author would see an empty result.
 *
 * <p>The samplers are {@link Interruptible}: JMeter's "stop now" (and secperf's hard stop) interrupts the sampling
 * thread; the checks notice it, stop their traffic and return the report so far, marked incomplete.
 */
public abstract class SecurityCheckSampler extends FindingsSampler implements Interruptible {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityCheckSampler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private transient String securityFile = "";
    private transient String targetUrl = "";
    private transient volatile Thread running;
    private transient volatile boolean interrupted;

    /** See {@link FindingsSampler#FindingsSampler(String, String)}. */
    SecurityCheckSampler(String check, String defaultFailureSeverity) {
        super(check, defaultFailureSeverity);
    }

    /** A setting that cannot be used; the message names the property and is shown as the sample's message. */
    static final class BadSetting extends Exception {
        private static final long serialVersionUID = 1L;

        BadSetting(String message) {
            super(message);
        }
    }

    /** The target did not accept a TCP connection: the sample fails like JMeter's HTTP sampler would. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Unreachable(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /**
     * Runs the check once.
     *
     * @throws BadSetting                when a property of this sampler is unusable
     * @throws SecurityConfigException   when the security.yaml (or a credential it names) is unusable
     * @throws Unreachable               when the target does not accept connections
     */
    abstract SampleResult runCheck() throws BadSetting, SecurityConfigException, Unreachable;

    /** One line for the sampler data ("request" tab in the GUI): what ran against what, never a secret. */
    abstract String describeSettings();

    @Override
    public final SampleResult sample(Entry entry) {
        long start = System.currentTimeMillis();
        running = Thread.currentThread();
        SampleResult result;
        try {
            requireSeverity(getFailureSeverity());
            result = runCheck();
        } catch (BadSetting e) {
            result = failed(start, "Non HTTP response code: " + IllegalArgumentException.class.getName(),
                    e.getMessage());
        } catch (SecurityConfigException e) {
            result = failed(start, "Non HTTP response code: " + SecurityConfigException.class.getName(),
                    "securityFile: " + e.getMessage());
        } catch (Unreachable e) {
            result = failed(start, e.code, e.getMessage());
        } catch (RuntimeException e) {
            // a bug or an unexpected condition in a check: a failed sample, never an exception into JMeter
            LOG.warn("{} ({}) failed: {}", getName(), check(), e.toString());
            result = failed(start, "Non HTTP response code: " + e.getClass().getName(), check() + " check failed: "
                    + e.getMessage());
        } finally {
            running = null;
            if (interrupted) {
                // the check has stopped; do not leave the flag for the thread's next sampler (JMeter's own samplers
                // abort without interrupting the thread, and JMeter ends a stopped thread by its own flag)
                interrupted = false;
                Thread.interrupted();
            }
        }
        result.setSampleLabel(getName());
        result.setSamplerData(describeSettings());
        return result;
    }

    @Override
    public boolean interrupt() {
        Thread thread = running;
        if (thread == null) {
            return false;
        }
        interrupted = true;
        thread.interrupt();
        return true;
    }

    // ------------------------------------------------------------------------------------------ shared steps

    /** The security.yaml as an absolute path: relative names resolve against the plan's directory. */
    Path securityPath() throws BadSetting {
        String name = securityFile == null ? "" : securityFile.strip();
        if (name.isEmpty()) {
            throw new BadSetting("securityFile is empty: name the security.yaml with the target and the checks");
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadSetting("securityFile '" + name + "' is not a valid path: " + e.getReason());
        }
        return inPlanDirectory(path);
    }

    /** Reads the security.yaml and applies {@code targetUrl} (the file's trust, timeouts and headers stay). */
    SecurityConfig loadConfig(Path file) throws BadSetting, SecurityConfigException {
        SecurityConfig config = SecurityConfigReader.read(file);
        String override = targetUrl == null ? "" : targetUrl.strip();
        if (override.isEmpty()) {
            return config;
        }
        SecurityConfig.Target target = config.target();
        try {
            return config.withTarget(new SecurityConfig.Target(new URI(override), target.insecure(),
                    target.caFile(), target.connectTimeout(), target.requestTimeout(), target.headers()));
        } catch (URISyntaxException e) {
            throw new BadSetting("targetUrl is not a valid URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new BadSetting("targetUrl: " + e.getMessage().replace(override, shown(override)));
        }
    }

    /**
     * Credentials from JMeter: {@code property:NAME} is a JMeter property ({@code -JNAME=...}, user.properties) or,
     * failing that, a Java system property; {@code env:NAME} the environment of the JMeter process.
     */
    static SecretSource jmeterSecrets() {
        return SecretSource.of(name -> {
            String value = JMeterUtils.getProperty(name);
            return value != null ? value : System.getProperty(name);
        }, System::getenv);
    }

    static Credentials credentials(SecurityConfig config) throws SecurityConfigException {
        return Credentials.resolve(config, jmeterSecrets());
    }

    /** One TCP connect before the check, so a dead target is one clear failed sample instead of a page of findings. */
    static void requireReachable(SecurityConfig.Target target) throws Unreachable {
        String shown = target.origin();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(java.net.InetAddress.getByName(target.host()), target.port()),
                    (int) Math.max(1, target.connectTimeout().toMillis()));
        } catch (UnknownHostException e) {
            throw new Unreachable("Non HTTP response code: " + UnknownHostException.class.getName(),
                    "target " + shown + " is unreachable: unknown host " + target.host());
        } catch (ConnectException e) {
            throw new Unreachable("Non HTTP response code: " + ConnectException.class.getName(),
                    "target " + shown + " is unreachable: connection refused");
        } catch (SocketTimeoutException e) {
            throw new Unreachable("Non HTTP response code: " + SocketTimeoutException.class.getName(),
                    "target " + shown + " is unreachable: no answer within " + target.connectTimeout().toMillis()
                            + " ms");
        } catch (IOException e) {
            throw new Unreachable("Non HTTP response code: " + e.getClass().getName(),
                    "target " + shown + " is unreachable: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The sample of a finished check: start and elapsed are the check's own; success unless a finding reaches
     * {@code failureSeverity}; response code the highest severity ("OK" without findings); response data the report
     * as JSON with {@code extra} fields. Every text passes through the credentials' mask once more.
     *
     * @param measurements the values handed to secperf's result document (usually the report's, as text)
     */
    SecurityFindings result(SecurityReport report, Map<String, String> measurements, Map<String, Object> extra,
                            Credentials credentials) {
        return result(report, report.findings(), measurements, extra, credentials);
    }

    /**
     * Like {@link #result(SecurityReport, Map, Map, Credentials)}, handing only {@code forDocument} of the report's
     * findings to the result document (the sample's success, message and response data still use all of them).
     */
    SecurityFindings result(SecurityReport report, List<Finding> forDocument, Map<String, String> measurements,
                            Map<String, Object> extra, Credentials credentials) {
        SecretMask mask = credentials.newMask();
        Severity threshold = threshold();
        List<Finding> failing = failing(report.findings());
        SecurityFindings result = new SecurityFindings(check(), forDocument, measurements,
                report.notes().stream().map(mask::apply).toList(), mask.apply(report.incompleteReason()));
        result.setStampAndTime(report.started().toEpochMilli(), report.elapsed().toMillis());
        result.setSuccessful(failing.isEmpty());
        result.setResponseCode(report.highestSeverity().map(Enum::name).orElse("OK"));
        StringBuilder message = new StringBuilder(check()).append(": ").append(report.findings().size())
                .append(report.findings().size() == 1 ? " finding" : " findings");
        if (!failing.isEmpty()) {
            message.append(", ").append(failing.size()).append(" at or above ").append(threshold).append(": ")
                    .append(failing.stream().map(Finding::id).distinct().collect(Collectors.joining(", ")));
        }
        if (!report.complete()) {
            message.append(" (incomplete: ").append(report.incompleteReason()).append(")");
        }
        result.setResponseMessage(mask.apply(message.toString()));
        jsonResponse(result, mask.apply(json(report, extra)));
        return result;
    }

    private static String json(SecurityReport report, Map<String, Object> extra) {
        String text = SecurityReportJson.write(report);
        if (extra.isEmpty()) {
            return text;
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(text);
            extra.forEach((name, value) -> root.set(name, JSON.valueToTree(value)));
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** Gate measurements as text, as {@code secperf scan} writes them: whole numbers without a fraction. */
    static Map<String, String> asText(Map<String, Double> measurements) {
        Map<String, String> values = new LinkedHashMap<>();
        measurements.forEach((name, value) -> values.put(name, value == Math.rint(value) && !value.isInfinite()
                ? Long.toString(value.longValue()) : Double.toString(value)));
        return values;
    }

    private static void requireSeverity(String name) throws BadSetting {
        try {
            Severity.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadSetting("failureSeverity must be one of " + java.util.Arrays.toString(Severity.values())
                    + ", was '" + name + "'");
        }
    }

    /** A URL for messages: scheme, host and port only (a mistyped URL may carry user info). */
    static String shown(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            }
        } catch (URISyntaxException e) {
            // fall through
        }
        return "(the given URL)";
    }

    String describeTarget() {
        String file = securityFile == null || securityFile.isBlank() ? "(no securityFile)" : securityFile.strip();
        String override = targetUrl == null || targetUrl.isBlank() ? "" : ", target " + shown(targetUrl.strip());
        return file + override + ", fail at " + threshold();
    }

    // ------------------------------------------------------------------------------------------ properties

    public String getSecurityFile() {
        return securityFile == null ? "" : securityFile;
    }

    public void setSecurityFile(String securityFile) {
        this.securityFile = securityFile == null ? "" : securityFile;
    }

    public String getTargetUrl() {
        return targetUrl == null ? "" : targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = targetUrl == null ? "" : targetUrl;
    }
}
