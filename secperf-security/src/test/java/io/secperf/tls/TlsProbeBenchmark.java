package io.secperf.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Benchmark (test scope, not a test): alternates sslscan and an in-process probe of 127.0.0.1:PORT RUNS times,
 * checks that both saw the same protocols and suites, and prints each wall time and the medians. Alternating
 * keeps background load from favouring either tool. Usage: TlsProbeBenchmark PORT [RUNS].
 */
public final class TlsProbeBenchmark {
    private TlsProbeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Long> scans = new ArrayList<>();
        List<Long> probes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Sslscan.Scan scan = Sslscan.scan(port, null);
            long start = System.nanoTime();
            TlsReport r = TlsProbe.builder("127.0.0.1", port).build().run();
            long probe = (System.nanoTime() - start) / 1_000_000;
            Map<String, Set<Integer>> ours = new TreeMap<>();
            r.protocols().stream().filter(ProtocolSupport::accepted).forEach(p -> ours.put(p.version().displayName(),
                    p.suites().stream().map(s -> s.suite().id()).collect(Collectors.toCollection(TreeSet::new))));
            boolean same = ours.equals(scan.suites());
            System.out.printf(Locale.ROOT, "run %d: sslscan %d ms, probe %d ms (%d handshakes), same suites: %s%n",
                    i + 1, scan.wallMillis(), probe, r.handshakes(), same);
            scans.add(scan.wallMillis());
            probes.add(probe);
        }
        long s = median(scans);
        long p = median(probes);
        System.out.printf(Locale.ROOT, "median: sslscan %d ms, probe %d ms, ratio %.2f%n", s, p, (double) p / s);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
