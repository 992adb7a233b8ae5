package io.secperf.sampler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.secperf.fuzz.Fuzzer;
import io.secperf.result.Finding;
import io.secperf.security.Credentials;
import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;

/**
 * One seeded fuzz sequence shared by every thread and every {@link FuzzSampler} of a run that fuzzes the same
 * (security file, target URL, endpoints): each sample claims the next block of iteration numbers, so consecutive
 * samples continue the sequence instead of repeating its first inputs, and the malformed raw requests are claimed
 * once. The configuration (and with it a seed drawn at random when the file has none) is read once per sequence, so
 * all samples replay from the same seed. The run's totals of the count measurements are kept here too, so the
 * result document gets {@code fuzz.serverErrors} of the whole run, not of the last sample.
 *
 * <p>Sequences live from the first sample until {@link #reset()}, which the sampler calls at test start and end, so a
 * second run in the same JVM starts again at iteration 0. Their number is bounded ({@value #MAX_SEQUENCES}): a key
 * that changes per sample (a per-thread or per-iteration {@code ${variable}} in targetUrl or endpoints) would
 * otherwise keep a fuzzer, its configuration and its credentials per value for the whole run, and never continue a
 * sequence; beyond the bound the sample fails naming the cause.
 */
final class FuzzSequence {

    /** What makes two samplers share a sequence; the seed comes with the file. */
    record Key(Path securityFile, String targetUrl, String endpoints) {
    }

    /** Builds a sequence's fuzzer; may fail with a settings or configuration problem. */
    @FunctionalInterface
    interface Factory {
        FuzzSequence create() throws SecurityCheckSampler.BadSetting, SecurityConfigException;
    }

    /** Distinct (security file, target URL, endpoints) combinations one run may fuzz. */
    static final int MAX_SEQUENCES = 32;

    private static final Map<Key, FuzzSequence> RUNNING = new ConcurrentHashMap<>();

    private final SecurityConfig config;
    private final Credentials credentials;
    private final Fuzzer fuzzer;
    private final AtomicLong next = new AtomicLong();
    private final AtomicBoolean rawClaimed = new AtomicBoolean();
    private final Map<String, Double> totals = new TreeMap<>();
    private final Set<String> reported = new HashSet<>();

    FuzzSequence(SecurityConfig config, Credentials credentials, Fuzzer fuzzer) {
        this.config = config;
        this.credentials = credentials;
        this.fuzzer = fuzzer;
    }

    /**
     * The sequence for a key, created by {@code factory} on first use. A failed creation is not remembered: the next
     * sample tries again and reports the same problem.
     *
     * @throws SecurityCheckSampler.BadSetting when the key is new and {@value #MAX_SEQUENCES} sequences exist already
     */
    static FuzzSequence obtain(Key key, Factory factory)
            throws SecurityCheckSampler.BadSetting, SecurityConfigException {
        FuzzSequence existing = RUNNING.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (RUNNING) {
            existing = RUNNING.get(key);
            if (existing == null) {
                if (RUNNING.size() >= MAX_SEQUENCES) {
                    throw new SecurityCheckSampler.BadSetting("more than " + MAX_SEQUENCES + " different fuzz"
                            + " sequences in one run: securityFile, targetUrl and endpoints of the fuzz samplers must"
                            + " not change from sample to sample (e.g. a ${variable} that differs per thread or"
                            + " iteration)");
                }
                existing = factory.create();
                RUNNING.put(key, existing);
            }
            return existing;
        }
    }

    /** Forgets every sequence (test start and end). */
    static void reset() {
        synchronized (RUNNING) {
            RUNNING.clear();
        }
    }

    SecurityConfig config() {
        return config;
    }

    Credentials credentials() {
        return credentials;
    }

    Fuzzer fuzzer() {
        return fuzzer;
    }

    /** Claims {@code count} iteration numbers; returns the first. */
    long claim(int count) {
        return next.getAndAdd(count);
    }

    /** True for exactly one caller per sequence: the one that sends the malformed raw requests. */
    boolean claimRaw() {
        return rawClaimed.compareAndSet(false, true);
    }

    /**
     * The findings whose id and title no earlier sample of this run reported: a flaw that every slice of a long run
     * hits again (the same mutation on the same endpoint) reaches the result document once, with its first replayable
     * input, instead of once per sample. Each sample's own response data still lists all it found.
     */
    synchronized List<Finding> firstSeen(List<Finding> findings) {
        List<Finding> fresh = new ArrayList<>();
        for (Finding finding : findings) {
            if (reported.add(finding.id() + "\n" + finding.title())) {
                fresh.add(finding);
            }
        }
        return fresh;
    }

    /** Adds one sample's counts and returns the run's totals so far. */
    synchronized Map<String, Double> addToTotals(Map<String, Double> counts) {
        counts.forEach((name, value) -> totals.merge(name, value, Double::sum));
        return new TreeMap<>(totals);
    }
}
