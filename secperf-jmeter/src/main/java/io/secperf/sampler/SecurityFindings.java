package io.secperf.sampler;

import java.util.List;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;

import io.secperf.result.Finding;

/**
 * The sample result of a secperf security sampler: an ordinary {@link SampleResult} (stock JMeter listeners and JTL
 * files see the findings as JSON response data) that also carries the findings and gate measurements as values, so
 * secperf's live listener can hand them to the result document without parsing text.
 *
 * <p>The values are transient: in JMeter's distributed mode only the response data travels. When the result is
 * written (Java serialization to a remote controller, or XStream for an XML JTL) it is replaced by a plain
 * {@link SampleResult} copy: JMeter's XML converter handles only that exact class, and XStream's reflective fallback
 * fails on Java 17 (SampleResult's {@code files} set is not accessible), which would leave a broken JTL. The XML element
 * keeps this class's name with {@code resolves-to="sample"}, so JMeter reads it back as an ordinary sample.
 */
public class SecurityFindings extends SampleResult {

    private static final long serialVersionUID = 1L;

    private final transient String check;
    private final transient List<Finding> findings;
    private final transient Map<String, String> measurements;
    private final transient List<String> notes;
    private final transient String incompleteReason;

    /**
     * @param check        family of checks ("tls", "auth", "fuzz", "attack")
     * @param findings     what the check found; empty when clean
     * @param measurements named values for gates; empty when the check could not measure
     */
    public SecurityFindings(String check, List<Finding> findings, Map<String, String> measurements) {
        this(check, findings, measurements, List.of(), "");
    }

    /**
     * @param notes            what the check could not do and why (masked), for the result document
     * @param incompleteReason why the check did not do all its planned work; empty when complete
     */
    public SecurityFindings(String check, List<Finding> findings, Map<String, String> measurements,
                            List<String> notes, String incompleteReason) {
        this.check = check;
        this.findings = List.copyOf(findings);
        this.measurements = Map.copyOf(measurements);
        this.notes = List.copyOf(notes);
        this.incompleteReason = incompleteReason == null ? "" : incompleteReason;
    }

    /** What is serialized instead of this object (see the class comment). */
    private Object writeReplace() {
        return new SampleResult(this);
    }

    public String check() {
        return check;
    }

    public List<Finding> findings() {
        return findings == null ? List.of() : findings;
    }

    public Map<String, String> measurements() {
        return measurements == null ? Map.of() : measurements;
    }

    public List<String> notes() {
        return notes == null ? List.of() : notes;
    }

    /** Empty when the check was complete. */
    public String incompleteReason() {
        return incompleteReason == null ? "" : incompleteReason;
    }
}
