package io.secperf.sampler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.secperf.result.Finding;
import io.secperf.result.Severity;
import io.secperf.tls.MozillaProfile;
import io.secperf.tls.TlsProbe;
import io.secperf.tls.TlsProbeException;
import io.secperf.tls.TlsReport;

/**
 * JMeter sampler that runs secperf's TLS probe against one endpoint (the preflight of a load test, typically in a
 * setUp thread group). It is a {@link TestBean}, so stock JMeter builds its GUI from
 * {@link TlsProbeSamplerBeanInfo} and lists it under Samplers.
 *
 * <p>The sample fails when a finding is at or above {@link #getFailureSeverity() the failure severity} (default
 * CRITICAL); its response code is the grade letter, its response data the findings and measurements as JSON. Inside
 * {@code secperf run} the result is a {@link SecurityFindings}, which secperf's listener forwards into the result
 * document. The probe never changes process-wide TLS settings, so the load in the same JVM is unaffected.
 */
public class TlsProbeSampler extends FindingsSampler {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TlsProbeSampler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The check family this sampler reports as. */
    public static final String CHECK = "tls";
    static final String DEFAULT_PORT = "443";
    static final String DEFAULT_PROFILE = "intermediate";
    static final String DEFAULT_TIMEOUT_MS = "3000";
    static final String DEFAULT_FAILURE_SEVERITY = "CRITICAL";

    private transient String host = "";
    private transient String port = DEFAULT_PORT;
    private transient String serverName = "";
    private transient String profile = DEFAULT_PROFILE;
    private transient String caFile = "";
    private transient String timeoutMs = DEFAULT_TIMEOUT_MS;

    public TlsProbeSampler() {
        super(CHECK, DEFAULT_FAILURE_SEVERITY);
    }

    @Override
    public SampleResult sample(Entry entry) {
        String target = host.strip() + ":" + port.strip();
        SampleResult result;
        long start = System.currentTimeMillis();
        try {
            TlsProbe probe = probe();
            TlsReport report = probe.run();
            result = passed(report);
        } catch (IllegalArgumentException | IOException e) {
            result = failed(start, "Non HTTP response code: " + e.getClass().getName(),
                    "bad TLS probe settings: " + e.getMessage());
        } catch (TlsProbeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            result = failed(start, "Non HTTP response code: " + cause.getClass().getName(), e.getMessage());
        }
        result.setSampleLabel(getName());
        result.setSamplerData("TLS probe " + target
                + (serverName.isBlank() ? "" : " server name " + serverName.strip())
                + ", Mozilla profile " + profile.strip()
                + (caFile.isBlank() ? "" : ", CA file " + caFile.strip()));
        return result;
    }

    private TlsProbe probe() throws IOException {
        int portNumber = parseInt("port", port);
        int timeout = parseInt("timeoutMs", timeoutMs);
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeout);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        TlsProbe.Builder builder = TlsProbe.builder(host.strip(), portNumber)
                .profile(MozillaProfile.fromId(profile))
                .timeouts(Duration.ofMillis(timeout), Duration.ofMillis(timeout));
        if (!serverName.isBlank()) {
            builder.serverName(serverName.strip());
        }
        if (!caFile.isBlank()) {
            builder.trustStore(inPlanDirectory(Path.of(caFile.strip())));
        }
        return builder.build();
    }

    private SampleResult passed(TlsReport report) {
        Severity threshold = threshold();
        List<Finding> failing = failing(report.findings());
        SecurityFindings result = new SecurityFindings(CHECK, report.findings(), report.measurements());
        long started = report.startedAt().toEpochMilli();
        result.setStampAndTime(started, report.elapsedMillis());
        result.setLatency(report.elapsedMillis());
        result.setSuccessful(failing.isEmpty());
        result.setResponseCode(report.grade().letter());
        result.setResponseMessage("grade " + report.grade().display() + ", " + report.findings().size()
                + " findings" + (failing.isEmpty() ? "" : ", " + failing.size() + " at or above " + threshold
                + ": " + failing.stream().map(Finding::id).distinct().toList()));
        jsonResponse(result, json(report));
        return result;
    }

    private static String json(TlsReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("check", CHECK);
        root.put("target", report.host() + ":" + report.port());
        root.put("serverName", report.serverName());
        root.put("grade", report.grade().letter());
        root.put("complete", report.complete());
        root.put("findings", report.findings());
        root.put("measurements", new java.util.TreeMap<>(report.measurements()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write TLS findings as JSON", e);
            return report.findings().toString();
        }
    }

    private static int parseInt(String property, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(property + " must be a number, was '" + value + "'");
        }
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host == null ? "" : host;
    }

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port == null ? DEFAULT_PORT : port;
    }

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName == null ? "" : serverName;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile;
    }

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile == null ? "" : caFile;
    }

    public String getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(String timeoutMs) {
        this.timeoutMs = timeoutMs == null || timeoutMs.isBlank() ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }
}
