package io.secperf.result;

import java.util.List;

/**
 * The post-test analysis of a run ({@code security.analysis}): what went wrong on the wire and on the server that a
 * p95 alone hides — connection resets, TLS handshake failures, bursts of 401/403, latency spikes, the client CPU the
 * attack's TLS handshakes cost, and what the server's own logs say. Computed by
 * {@code io.secperf.analysis.PostTestAnalysis} from the result and the attack windows; the rules (thresholds) are in
 * docs/reports.md.
 *
 * @param connectionResets     legitimate samples that failed with a reset or dropped connection
 * @param tlsHandshakeFailures legitimate samples that failed in the TLS handshake
 * @param authRejected         legitimate samples answered 401 or 403
 * @param authBursts           runs of seconds with many 401/403; null when the series does not record them
 *                             (documents written before per-second 401/403 counts existed)
 * @param latencySpikes        seconds whose p95 exceeded {@code spikeFactor} times the run's median per-second p95 (a
 *                             median of 0 ms taken as 1 ms),
 *                             at most {@link #MAX_LISTED} listed
 * @param latencySpikeCount    all such seconds (also those not listed)
 * @param medianSecondP95Ms    median of the per-second p95 values the spikes are measured against
 * @param spikeFactor          the factor k of the spike rule
 * @param handshakes           TLS handshakes made by the attack's session flood; null when none measured
 * @param handshakeCpuMs       client CPU time those handshakes cost, ms; null when not measured
 * @param handshakeCpuMsMean   CPU per handshake, ms; null when not measured
 * @param serverLogs           result of scanning the server's log files; null when none were given
 * @param notes                what could not be analysed and why
 */
public record PostTestReport(long connectionResets, long tlsHandshakeFailures, long authRejected,
                             List<Burst> authBursts, List<Spike> latencySpikes, long latencySpikeCount,
                             long medianSecondP95Ms, double spikeFactor, Long handshakes, Double handshakeCpuMs,
                             Double handshakeCpuMsMean, ServerLogScan serverLogs, List<String> notes) {

    /** At most this many spikes and bursts are listed. */
    public static final int MAX_LISTED = 20;

    public PostTestReport {
        authBursts = authBursts == null ? null : List.copyOf(authBursts);
        latencySpikes = latencySpikes == null ? List.of() : List.copyOf(latencySpikes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The same report with this log scan. */
    public PostTestReport withServerLogs(ServerLogScan scan) {
        return new PostTestReport(connectionResets, tlsHandshakeFailures, authRejected, authBursts, latencySpikes,
                latencySpikeCount, medianSecondP95Ms, spikeFactor, handshakes, handshakeCpuMs, handshakeCpuMsMean,
                scan, notes);
    }

    /**
     * Consecutive seconds with many 401/403 answers.
     *
     * @param fromSecond   first epoch second (inclusive)
     * @param toSecond     end epoch second (exclusive)
     * @param authRejected 401/403 answers in those seconds
     * @param samples      all legitimate samples in those seconds
     * @param duringAttack true when the burst overlaps an attack window
     */
    public record Burst(long fromSecond, long toSecond, long authRejected, long samples, boolean duringAttack) {
    }

    /**
     * One second (bucket) with a latency spike.
     *
     * @param startSecond  epoch second where the bucket starts
     * @param p95Ms        its p95
     * @param samples      samples in it
     * @param duringAttack true when the bucket overlaps an attack window
     */
    public record Spike(long startSecond, long p95Ms, long samples, boolean duringAttack) {
    }
}
