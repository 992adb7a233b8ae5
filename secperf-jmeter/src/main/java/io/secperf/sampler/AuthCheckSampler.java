package io.secperf.sampler;

import java.nio.file.Path;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;

import io.secperf.auth.AuthCheck;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityReport;

/**
 * JMeter sampler that runs secperf's authentication preflight ({@link AuthCheck}: requests without or with forged
 * credentials must be refused, lockout, cookie flags, security headers, leaks) against the target of a
 * {@code security.yaml}. It belongs in a setUp thread group: one sample is one complete check, a few dozen requests.
 *
 * <p>Credentials named in the file as {@code property:NAME} come from JMeter properties ({@code -JNAME=...}), so a
 * CI job passes them without writing them anywhere; every text of the sample is masked. The sample fails when a
 * finding reaches {@code failureSeverity} (default CRITICAL, e.g. {@code AUTH-BYPASS}). GUI texts are in
 * AuthCheckSamplerResources.properties.
 */
public class AuthCheckSampler extends SecurityCheckSampler {

    private static final long serialVersionUID = 1L;

    /** The check family this sampler reports as. */
    public static final String CHECK = "auth";

    /** An auth bypass (CRITICAL) fails the preflight; missing headers and cookie flags are reported only. */
    static final String DEFAULT_FAILURE_SEVERITY = "CRITICAL";

    public AuthCheckSampler() {
        super(CHECK, DEFAULT_FAILURE_SEVERITY);
    }

    @Override
    SampleResult runCheck() throws BadSetting, SecurityConfigException, Unreachable {
        Path file = securityPath();
        SecurityConfig config = loadConfig(file);
        Credentials credentials = credentials(config);
        AuthCheck authCheck = new AuthCheck(config, credentials);
        requireReachable(config.target());
        SecurityReport report = authCheck.run();
        return result(report, asText(report.measurements()), Map.of(), credentials);
    }

    @Override
    String describeSettings() {
        return "secperf auth check: " + describeTarget();
    }
}
