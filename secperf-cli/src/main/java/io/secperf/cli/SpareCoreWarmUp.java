package io.secperf.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.secperf.chart.ChartFormat;
import io.secperf.chart.RunChart;
import io.secperf.result.IngestInfo;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocumentException;
import io.secperf.result.ResultDocuments;
import io.secperf.result.RunInfo;
import io.secperf.result.RunResult;
import io.secperf.result.RunStatus;
import io.secperf.result.Sample;

/**
 * The one-time initialisation a short command needs at its end, started at its beginning on a spare core: the JSON
 * binding of the result document (Jackson's introspection of every result type, both ways) and, for commands that write the
 * report, Java2D, fonts, JFreeChart and the PNG encoder. On a machine with two cores or more this overlaps with
 * reading and judging the input instead of following it (docs/performance.md, "Start-up": about a third of a
 * {@code gate} or {@code report} went to that initialisation). It computes nothing the command uses, so whatever it
 * hits (an exception, a missing font) is left for the real call to meet and report; with one core it does nothing.
 */
final class SpareCoreWarmUp {

    /** What to prepare. */
    enum Work {
        /** the result document's JSON binding: ingest (writes it) */
        JSON,
        /** the JSON binding and the report's charts: gate, report (read it, write charts) */
        JSON_AND_CHARTS
    }

    private SpareCoreWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread when there is a spare core; returns at once. {@code -Dsecperf.warmUp=false}
     * (through SECPERF_JAVA_OPTS) turns it off, for measuring what it gains (bench/startup.sh).
     */
    static void start(Work work) {
        if (Runtime.getRuntime().availableProcessors() < 2 || "false".equals(System.getProperty("secperf.warmUp"))) {
            return;
        }
        Thread thread = new Thread(() -> run(work), "secperf-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void run(Work work) {
        try {
            ResultAggregator aggregator = new ResultAggregator();
            long now = System.currentTimeMillis();
            aggregator.accept(new Sample(now, 12, "warm-up", "200", "OK", true, "", 100, 10, 5, 1, 1));
            aggregator.accept(new Sample(now + 1000, 30, "warm-up", "500", "Error", false, "", 100, 10, 5, 1, 1));
            RunResult result = aggregator.finish();
            ResultDocument document = ResultDocument.of(RunInfo.of(null, null, null, null, Instant.ofEpochMilli(now),
                    Instant.ofEpochMilli(now + 1000), Map.of()), RunStatus.complete(), IngestInfo.jtl("warm-up", 2, 0,
                    List.of()), result);
            ResultDocuments.fromJson(ResultDocuments.toJson(document), "warm-up");
            if (work == Work.JSON_AND_CHARTS) {
                RunChart.render(result, RunChart.Kind.LATENCY_THROUGHPUT, null, ChartFormat.PNG, 100, 60);
                RunChart.render(result, RunChart.Kind.LATENCY_THROUGHPUT, null, ChartFormat.SVG, 100, 60);
            }
        } catch (ResultDocumentException | RuntimeException | LinkageError e) {
            // left for the real call to meet and report
        }
    }
}
