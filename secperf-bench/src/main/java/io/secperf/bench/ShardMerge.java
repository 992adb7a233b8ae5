package io.secperf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;

/**
 * The shard merge of docs/performance.md "Distributed": what {@code secperf gate --result 'shards/*'} and
 * {@code secPerfGate} do with the result documents of many agents or controllers, timed in one JVM. Not a test.
 *
 * <pre>
 *   java -cp ... io.secperf.bench.ShardMerge generate DIR SHARDS LABELS SAMPLES SECONDS
 *   java -cp ... io.secperf.bench.ShardMerge merge DIR REPEAT
 * </pre>
 *
 * {@code generate} writes SHARDS documents {@code DIR/shard-NNN/secperf-result.json}, each from SAMPLES samples over
 * LABELS labels spread over SECONDS seconds (full histograms and per-second series, as a real run's). {@code merge}
 * reads and merges them REPEAT times and prints the read and merge times of each round and their medians.
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 6 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else if (args.length >= 3 && args[0].equals("merge")) {
            merge(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: ShardMerge generate DIR SHARDS LABELS SAMPLES SECONDS | merge DIR REPEAT");
            System.exit(4);
        }
    }

    static void generate(Path dir, int shards, int labels, int samples, int seconds) throws IOException {
        long start = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();
        for (int shard = 0; shard < shards; shard++) {
            SplittableRandom random = new SplittableRandom(shard);
            ResultAggregator aggregator = new ResultAggregator();
            for (int i = 0; i < samples; i++) {
                long at = start + (long) i * seconds * 1000 / samples;
                // a log-normal-ish latency with a tail: most 20-200 ms, some seconds
                long elapsed = (long) Math.exp(3 + 2.2 * random.nextDouble() + (random.nextInt(100) == 0 ? 3 : 0));
                boolean ok = random.nextInt(200) != 0;
                aggregator.acceptFields(at, elapsed, "label-" + random.nextInt(labels), ok ? "200" : "503",
                        ok ? "OK" : "Service Unavailable", ok, "", 2048, 300, elapsed / 2, 1, 50);
            }
            RunResult result = aggregator.finish();
            ResultDocument document = ResultDocument.of(RunInfo.of("shards", "perf/checkout.jmx",
                    "https://staging.example.com", "5.6.3", Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(start + seconds * 1000L), Map.of("threads", "100")), RunStatus.complete(),
                    IngestInfo.live(result.overall().count()), result);
            Path file = dir.resolve(String.format(Locale.ROOT, "shard-%03d", shard)).resolve(ResultDocuments.FILE_NAME);
            Files.createDirectories(file.getParent());
            ResultDocuments.write(file, document);
        }
    }

    static void merge(Path dir, int repeat) throws IOException {
        List<Path> files;
        try (var paths = Files.walk(dir, 2)) {
            files = paths.filter(p -> p.getFileName().toString().equals(ResultDocuments.FILE_NAME)).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        long[] reads = new long[repeat];
        long[] merges = new long[repeat];
        long count = 0;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            List<ResultDocument> documents = new ArrayList<>(files.size());
            for (Path f : files) {
                documents.add(ResultDocuments.read(f));
            }
            long t1 = System.nanoTime();
            ResultDocument merged = ResultDocument.merge(documents);
            long t2 = System.nanoTime();
            count = merged.result().overall().count();
            reads[r] = (t1 - t0) / 1_000_000;
            merges[r] = (t2 - t1) / 1_000_000;
            System.out.printf(Locale.ROOT, "round %d: read %d ms, merge %d ms, p95 %d ms, %d samples%n", r + 1,
                    reads[r], merges[r], merged.result().overall().p95Ms(), count);
        }
        Arrays.sort(reads);
        Arrays.sort(merges);
        System.out.printf(Locale.ROOT, "%d shards, %.1f MB, %d samples: median read %d ms, median merge %d ms%n",
                files.size(), bytes / 1e6, count, reads[repeat / 2], merges[repeat / 2]);
    }
}
