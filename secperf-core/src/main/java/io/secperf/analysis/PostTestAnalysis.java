package io.secperf.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.secperf.result.AttackWindow;
import io.secperf.result.ErrorClass;
import io.secperf.result.PostTestReport;
import io.secperf.result.RunResult;
import io.secperf.result.SecondBucket;
import io.secperf.result.ServerLogScan;
import io.secperf.result.TimeSeries;

/**
 * The post-test level of the security checks: reads the finished result (and the attack windows) for what a p95
 * hides. The rules, also in docs/reports.md:
 * <ul>
 *   <li>connection resets, TLS handshake failures, 401/403: the error-class totals of legitimate traffic;</li>
 *   <li><b>401/403 burst</b>: a run of consecutive buckets in each of which at least {@value #BURST_MIN_COUNT}
 *       samples were answered 401/403 and they were at least {@value #BURST_MIN_SHARE_PERCENT} % of the bucket's
 *       samples;</li>
 *   <li><b>latency spike</b>: a bucket with at least {@value #SPIKE_MIN_SAMPLES} samples whose p95 exceeds
 *       {@value #SPIKE_FACTOR} × the median of the per-bucket p95 values (buckets with at least
 *       {@value #SPIKE_MIN_SAMPLES} samples; at least {@value #SPIKE_MIN_BUCKETS} such buckets are needed for a
 *       median), taking a median of 0 ms as 1 ms: against a fast target most seconds have a p95 of 0 ms, and a
 *       1 ms second is the millisecond resolution, not a spike;</li>
 *   <li>client TLS handshake CPU: what the attack's session floods measured (summed over the attack windows).</li>
 * </ul>
 */
public final class PostTestAnalysis {

    /** k of the spike rule. */
    public static final double SPIKE_FACTOR = 3.0;
    /** Buckets with fewer samples are neither spikes nor part of the median (their p95 is noise). */
    public static final int SPIKE_MIN_SAMPLES = 5;
    /** Fewer qualifying buckets than this: no median, no spikes. */
    public static final int SPIKE_MIN_BUCKETS = 5;
    /** A burst bucket has at least this many 401/403. */
    public static final int BURST_MIN_COUNT = 5;
    /** ... and they are at least this share of its samples. */
    public static final int BURST_MIN_SHARE_PERCENT = 10;

    private PostTestAnalysis() {
    }

    /** Analyses a result; {@code serverLogs} (may be null) is attached as it is. */
    public static PostTestReport analyse(RunResult result, List<AttackWindow> windows, ServerLogScan serverLogs) {
        List<AttackWindow> attacks = windows == null ? List.of() : windows;
        List<String> notes = new ArrayList<>();
        TimeSeries series = result.timeSeries();
        long resets = result.errorClasses().getOrDefault(ErrorClass.CONNECTION_RESET, 0L);
        long tls = result.errorClasses().getOrDefault(ErrorClass.TLS_HANDSHAKE, 0L);
        long auth = result.errorClasses().getOrDefault(ErrorClass.AUTH_REJECTED, 0L);

        List<PostTestReport.Burst> bursts = authBursts(series, attacks, auth, notes);

        long[] p95s = series.buckets().stream().filter(b -> b.count() >= SPIKE_MIN_SAMPLES)
                .mapToLong(SecondBucket::p95Ms).sorted().toArray();
        long median = 0;
        List<PostTestReport.Spike> spikes = new ArrayList<>();
        long spikeCount = 0;
        if (p95s.length < SPIKE_MIN_BUCKETS) {
            if (!series.buckets().isEmpty()) {
                notes.add(String.format(Locale.ROOT, "latency spikes: only %d bucket%s with at least %d samples; "
                                + "%d are needed for a median, so spikes were not looked for", p95s.length,
                        p95s.length == 1 ? "" : "s", SPIKE_MIN_SAMPLES, SPIKE_MIN_BUCKETS));
            }
        } else {
            median = median(p95s);
            double threshold = SPIKE_FACTOR * Math.max(median, 1);
            for (SecondBucket b : series.buckets()) {
                if (b.count() >= SPIKE_MIN_SAMPLES && b.p95Ms() > threshold) {
                    spikeCount++;
                    if (spikes.size() < PostTestReport.MAX_LISTED) {
                        spikes.add(new PostTestReport.Spike(b.startSecond(), b.p95Ms(), b.count(),
                                SeriesWindows.underAttack(b.startSecond(), series.bucketSeconds(), attacks)));
                    }
                }
            }
        }

        Long handshakes = null;
        Double cpuMs = null;
        for (AttackWindow w : attacks) {
            if (w.handshakes() != null) {
                handshakes = (handshakes == null ? 0 : handshakes) + w.handshakes();
            }
            if (w.handshakeCpuMs() != null) {
                cpuMs = (cpuMs == null ? 0 : cpuMs) + w.handshakeCpuMs();
            }
        }
        Double cpuMean = cpuMs != null && handshakes != null && handshakes > 0 ? cpuMs / handshakes : null;
        return new PostTestReport(resets, tls, auth, bursts, spikes, spikeCount, median, SPIKE_FACTOR, handshakes,
                cpuMs, cpuMean, serverLogs, notes);
    }

    private static List<PostTestReport.Burst> authBursts(TimeSeries series, List<AttackWindow> attacks, long total,
                                                         List<String> notes) {
        long perSecond = 0;
        for (SecondBucket b : series.buckets()) {
            perSecond += b.authRejected();
        }
        if (total > 0 && perSecond != total) {
            notes.add("401/403 bursts: this document's per-second series does not record 401/403 counts (written "
                    + "by an older secperf), so only the total is known");
            return null;
        }
        List<PostTestReport.Burst> bursts = new ArrayList<>();
        int width = series.bucketSeconds();
        long from = -1;
        long last = -1;
        long count = 0;
        long samples = 0;
        for (SecondBucket b : series.buckets()) {
            boolean heavy = b.authRejected() >= BURST_MIN_COUNT
                    && b.authRejected() * 100 >= BURST_MIN_SHARE_PERCENT * b.count();
            boolean adjacent = from >= 0 && b.startSecond() == last + width;
            if (heavy && adjacent) {
                last = b.startSecond();
                count += b.authRejected();
                samples += b.count();
                continue;
            }
            if (from >= 0) {
                addBurst(bursts, from, last + width, count, samples, attacks, width);
                from = -1;
            }
            if (heavy) {
                from = b.startSecond();
                last = from;
                count = b.authRejected();
                samples = b.count();
            }
        }
        if (from >= 0) {
            addBurst(bursts, from, last + width, count, samples, attacks, width);
        }
        return bursts;
    }

    private static void addBurst(List<PostTestReport.Burst> bursts, long from, long to, long count, long samples,
                                 List<AttackWindow> attacks, int width) {
        if (bursts.size() >= PostTestReport.MAX_LISTED) {
            return;
        }
        boolean during = false;
        for (long p = from; p < to && !during; p += width) {
            during = SeriesWindows.underAttack(p, width, attacks);
        }
        bursts.add(new PostTestReport.Burst(from, to, count, samples, during));
    }

    /** Median of sorted values (lower middle for an even count: a value that occurred). */
    static long median(long[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(sorted.length - 1) / 2];
    }
}
