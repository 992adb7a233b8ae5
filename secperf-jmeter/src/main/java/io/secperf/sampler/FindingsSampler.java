package io.secperf.sampler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.testbeans.TestBean;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

/**
 * What every secperf sampler shares, the TLS probe and the {@code security.yaml} samplers alike, so that their samples
 * read the same in View Results Tree, in JTL files and in secperf's listener: the check family they report as, the
 * {@code failureSeverity} property with the sampler's own default, which findings fail the sample, the JSON response
 * of a finished check, the failed sample of a check that could not run (its message names the problem), and files
 * named relative to the plan's directory as JMeter's own file properties are.
 *
 * <p>The check family and the default are constructor arguments, not transient fields: JMeter clones test elements
 * through their no-argument constructor, and its distributed mode deserializes them without field initialisers.
 */
public abstract class FindingsSampler extends AbstractSampler implements TestBean {

    private static final long serialVersionUID = 1L;

    private final String check;
    private final String defaultFailureSeverity;
    private transient String failureSeverity;

    /**
     * @param check                  the check family ("tls", "auth", "fuzz", "attack"), as findings and the result
     *                               document name it
     * @param defaultFailureSeverity the severity from which a finding fails the sample when the property is not set
     */
    FindingsSampler(String check, String defaultFailureSeverity) {
        this.check = check;
        this.defaultFailureSeverity = defaultFailureSeverity;
    }

    /** The check family this sampler reports as. */
    final String check() {
        return check;
    }

    /** The severity a finding must reach to fail the sample (an unknown name counts as CRITICAL). */
    final Severity threshold() {
        return severity(getFailureSeverity());
    }

    /** The findings at or above {@link #threshold()}: those that fail the sample. */
    final List<Finding> failing(List<Finding> findings) {
        Severity threshold = threshold();
        return findings.stream().filter(f -> f.severity().compareTo(threshold) >= 0).toList();
    }

    static Severity severity(String name) {
        try {
            return Severity.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Severity.CRITICAL;
        }
    }

    /** The response of a finished check: its findings and measurements as JSON text. */
    static void jsonResponse(SampleResult result, String json) {
        result.setDataType(SampleResult.TEXT);
        result.setContentType("application/json");
        result.setResponseData(json, StandardCharsets.UTF_8.name());
    }

    /**
     * The sample of a check that could not run: failed, from {@code start} until now, the message (which names the
     * property, the file or the unreachable target) as response message and data.
     */
    static SampleResult failed(long start, String code, String message) {
        SampleResult result = new SampleResult();
        result.setStampAndTime(start, System.currentTimeMillis() - start);
        result.setSuccessful(false);
        result.setResponseCode(code);
        result.setResponseMessage(message);
        result.setDataType(SampleResult.TEXT);
        result.setResponseData(message, StandardCharsets.UTF_8.name());
        return result;
    }

    /**
     * A file named by a sampler property, as JMeter's own file properties (CSV Data Set, ...) find it: an absolute
     * path stays as it is, a relative one resolves against JMeter's base directory, the directory of the plan, so a
     * plan and its files move together and run from any working directory.
     */
    static Path inPlanDirectory(Path path) {
        Path resolved = path;
        if (!resolved.isAbsolute()) {
            String base = FileServer.getFileServer().getBaseDir();
            resolved = (base == null ? Path.of("") : Path.of(base)).resolve(resolved);
        }
        return resolved.toAbsolutePath().normalize();
    }

    public String getFailureSeverity() {
        return failureSeverity == null ? defaultFailureSeverity : failureSeverity;
    }

    public void setFailureSeverity(String failureSeverity) {
        this.failureSeverity = failureSeverity == null || failureSeverity.isBlank() ? null : failureSeverity;
    }
}
