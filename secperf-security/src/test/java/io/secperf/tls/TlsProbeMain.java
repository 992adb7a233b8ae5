package io.secperf.tls;

/**
 * Manual runner and benchmark (test scope, not a test): probes HOST PORT [SERVERNAME] [RUNS] [CAFILE] and prints
 * the scan table and the wall time of each run. Used for the numbers in docs/performance.md.
 */
public final class TlsProbeMain {
    private TlsProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String name = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        TlsReport last = null;
        for (int i = 0; i < runs; i++) {
            TlsProbe.Builder b = TlsProbe.builder(host, port).serverName(name);
            if (args.length > 4) {
                b.trustStore(java.nio.file.Path.of(args[4]));
            }
            long start = System.nanoTime();
            last = b.build().run();
            System.out.printf("run %d: %.0f ms, %d handshakes%n", i + 1, (System.nanoTime() - start) / 1e6,
                    last.handshakes());
        }
        System.out.println(TlsScanReport.render(last));
    }
}
