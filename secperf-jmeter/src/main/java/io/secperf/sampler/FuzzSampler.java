package io.secperf.sampler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestStateListener;

import io.secperf.fuzz.Fuzzer;
import io.secperf.result.Finding;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;
import io.secperf.security.SecurityReport;

/**
 * JMeter sampler that fuzzes the target of a {@code security.yaml} with secperf's seeded {@link Fuzzer}, a slice at a
 * time: each sample sends {@code iterationsPerSample} mutated requests, continuing the run's one seeded sequence
 * across samples and threads ({@link FuzzSequence}), and the first sample of the run also sends the malformed raw
 * requests ({@code raw}). So the fuzzing can run alongside the load for as long as the load runs, and any finding can
 * be replayed from the seed and iteration in its evidence.
 *
 * <p>{@code endpoints} (a YAML list in security.yaml's endpoint syntax) replaces {@code fuzz.endpoints}: a plan fuzzes
 * its own requests. The sample fails when a finding reaches {@code failureSeverity}. GUI texts are in
 * FuzzSamplerResources.properties.
 */
public class FuzzSampler extends SecurityCheckSampler implements TestStateListener {

    private static final long serialVersionUID = 1L;

    /** The check family this sampler reports as. */
    public static final String CHECK = "fuzz";
    static final String DEFAULT_ITERATIONS = "20";
    static final String DEFAULT_RAW = "true";

    /** Measurements that are counts, summed over the run's samples; the others are per sample. */
    private static final List<String> COUNTS = List.of(Fuzzer.M_SERVER_ERRORS, Fuzzer.M_HANGS, Fuzzer.M_LEAKS,
            Fuzzer.M_REQUESTS, Fuzzer.M_ITERATIONS, Fuzzer.M_RAW_CASES, Fuzzer.M_REJECTED, Fuzzer.M_CLOSED,
            Fuzzer.M_ACCEPTED, Fuzzer.M_SMUGGLING, Fuzzer.M_UNSENDABLE, Fuzzer.M_TRANSIENT);

    private transient String iterationsPerSample = DEFAULT_ITERATIONS;
    private transient String raw = DEFAULT_RAW;
    private transient String endpoints = "";

    /**
     * The rule for fuzzing: a 5xx (HIGH), a hang (HIGH, MEDIUM for partial requests) or a stack trace leak
     * (MEDIUM) fails; a 4xx or a closed connection passes. So the fuzz sample fails from MEDIUM on.
     */
    static final String DEFAULT_FAILURE_SEVERITY = "MEDIUM";

    public FuzzSampler() {
        super(CHECK, DEFAULT_FAILURE_SEVERITY);
    }

    @Override
    SampleResult runCheck() throws BadSetting, SecurityConfigException, Unreachable {
        int count = iterations();
        boolean sendRaw = rawEnabled();
        Path file = securityPath();
        String endpointText = getEndpoints().strip();
        FuzzSequence sequence = FuzzSequence.obtain(new FuzzSequence.Key(file, getTargetUrl().strip(),
                endpointText), () -> create(file, endpointText));
        requireReachable(sequence.config().target());
        long first = sequence.claim(count);
        boolean rawClaimed = sendRaw && sequence.claimRaw();
        List<SecurityReport> parts = new ArrayList<>();
        if (count > 0) {
            parts.add(sequence.fuzzer().runMutations(first, count));
        }
        // stopped before the raw requests: they are not sent, and this sample must not say they were
        boolean rawNow = rawClaimed && !Thread.currentThread().isInterrupted();
        if (rawNow) {
            parts.add(sequence.fuzzer().runMalformed());
        }
        String target = sequence.config().target().url().toString();
        SecurityReport report = parts.isEmpty() && rawClaimed
                ? new SecurityReport(CHECK, target, java.time.Instant.now(), Duration.ZERO, List.of(), Map.of(),
                        List.of("stopped before the malformed raw requests were sent"), false)
                : merge(target, parts);
        Map<String, Double> counts = new TreeMap<>();
        COUNTS.forEach(name -> counts.put(name, report.measurements().getOrDefault(name, 0.0)));
        Map<String, Double> values = new TreeMap<>(report.measurements());
        values.putAll(sequence.addToTotals(counts));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("seed", sequence.fuzzer().seed());
        extra.put("firstIteration", first);
        extra.put("iterations", count);
        extra.put("raw", rawNow);
        extra.put("runTotals", asText(values));
        SampleResult result = result(report, sequence.firstSeen(report.findings()), asText(values), extra,
                sequence.credentials());
        result.setResponseMessage(result.getResponseMessage() + "; seed " + sequence.fuzzer().seed()
                + (count > 0 ? ", iterations " + first + ".." + (first + count - 1) : ", no iterations")
                + (rawNow ? ", malformed raw requests" : ""));
        return result;
    }

    /** Reads the file once per sequence, applies targetUrl and endpoints, resolves the credentials. */
    private FuzzSequence create(Path file, String endpointText) throws BadSetting, SecurityConfigException {
        SecurityConfig config = loadConfig(file);
        if (!endpointText.isEmpty()) {
            List<SecurityConfig.Endpoint> list;
            try {
                list = SecurityConfigReader.parseEndpoints(endpointText, "endpoints",
                        config.auth().hasTokenSource());
            } catch (SecurityConfigException e) {
                throw new BadSetting(e.getMessage());
            }
            if (list.isEmpty()) {
                throw new BadSetting("endpoints is an empty list: leave it empty to use fuzz.endpoints");
            }
            SecurityConfig.Fuzz fuzz = config.fuzz();
            try {
                config = config.withFuzz(new SecurityConfig.Fuzz(fuzz.seed(), fuzz.iterations(), fuzz.timeBudget(),
                        fuzz.requestTimeout(), fuzz.partialRequestTimeout(), fuzz.maxBodyBytes(), list, fuzz.raw(),
                        fuzz.rawPath()));
            } catch (IllegalArgumentException e) {
                throw new BadSetting("endpoints: " + e.getMessage());
            }
        }
        Credentials credentials = credentials(config);
        return new FuzzSequence(config, credentials, new Fuzzer(config, credentials));
    }

    /** One report of a sample's parts (mutations, then the raw requests): counts add up, notes appear once. */
    static SecurityReport merge(String target, List<SecurityReport> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (parts.isEmpty()) {
            return new SecurityReport(CHECK, target, java.time.Instant.now(), Duration.ZERO, List.of(), Map.of(),
                    List.of("nothing to send: iterationsPerSample is 0 and the raw requests were already sent"),
                    true);
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Double> measurements = new TreeMap<>();
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        boolean complete = true;
        Duration elapsed = Duration.ZERO;
        for (SecurityReport part : parts) {
            findings.addAll(part.findings());
            part.measurements().forEach((name, value) -> measurements.merge(name, value, Double::sum));
            notes.addAll(part.notes());
            complete &= part.complete();
            elapsed = elapsed.plus(part.elapsed());
        }
        return new SecurityReport(CHECK, target, parts.get(0).started(), elapsed, findings, measurements,
                new ArrayList<>(notes), complete);
    }

    private int iterations() throws BadSetting {
        String text = getIterationsPerSample().strip();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadSetting("iterationsPerSample must be a whole number, was '" + iterationsPerSample + "'");
        }
        if (value < 0 || value > SecurityConfig.Limits.MAX_FUZZ_ITERATIONS) {
            throw new BadSetting("iterationsPerSample must be 0.." + SecurityConfig.Limits.MAX_FUZZ_ITERATIONS
                    + ", was " + value);
        }
        return (int) value;
    }

    /** {@code raw} in any case: JMeter's GUI writes a boolean back as {@code True}/{@code False}. */
    private boolean rawEnabled() throws BadSetting {
        String text = getRaw().strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new BadSetting("raw must be true or false (in any case), was '" + raw + "'");
    }

    @Override
    String describeSettings() {
        return "secperf fuzzer: " + describeTarget() + ", " + getIterationsPerSample().strip() + " iterations per sample"
                + (getRaw().strip().equalsIgnoreCase("true") ? ", malformed raw requests once per run" : "")
                + (getEndpoints().isBlank() ? "" : ", endpoints from the sampler");
    }

    // ------------------------------------------------------------------------------------------ test state

    @Override
    public void testStarted() {
        FuzzSequence.reset();
    }

    @Override
    public void testStarted(String host) {
        FuzzSequence.reset();
    }

    @Override
    public void testEnded() {
        FuzzSequence.reset();
    }

    @Override
    public void testEnded(String host) {
        FuzzSequence.reset();
    }

    // ------------------------------------------------------------------------------------------ properties

    public String getIterationsPerSample() {
        return iterationsPerSample == null ? DEFAULT_ITERATIONS : iterationsPerSample;
    }

    public void setIterationsPerSample(String iterationsPerSample) {
        this.iterationsPerSample = iterationsPerSample == null || iterationsPerSample.isBlank()
                ? DEFAULT_ITERATIONS : iterationsPerSample;
    }

    public String getRaw() {
        return raw == null ? DEFAULT_RAW : raw;
    }

    public void setRaw(String raw) {
        this.raw = raw == null || raw.isBlank() ? DEFAULT_RAW : raw;
    }

    public String getEndpoints() {
        return endpoints == null ? "" : endpoints;
    }

    public void setEndpoints(String endpoints) {
        this.endpoints = endpoints == null ? "" : endpoints;
    }
}
