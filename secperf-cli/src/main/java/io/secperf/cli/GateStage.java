package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.secperf.gate.EarlyStop;
import io.secperf.gate.GateEvaluator;
import io.secperf.gate.GateJUnitXml;
import io.secperf.gate.GateList;
import io.secperf.gate.GateReference;
import io.secperf.gate.GateReport;
import io.secperf.gate.GateTable;
import io.secperf.result.GateResult;
import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;

/**
 * The gates of one command: parsed and with their reference resolved before any load is sent, polled during the run
 * for {@code stop} gates, evaluated on the result, printed, written as JUnit XML and turned into the exit code.
 * Used by {@code secperf run}, {@code secperf demo} and {@code secperf gate}.
 */
final class GateStage {

    private final GateList gates;
    private final GateReference reference;
    private final GateEvaluator evaluator;
    private final EarlyStop earlyStop;
    private final AtomicReference<GateResult> stopTrigger = new AtomicReference<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Runnable stopAction;
    private GateReport report;
    private io.secperf.result.RunResult result;

    GateStage(GateList gates, GateReference reference, GateEvaluator.MissingReference missingReference) {
        this.gates = gates;
        this.reference = reference;
        this.evaluator = new GateEvaluator(missingReference);
        this.earlyStop = new EarlyStop(gates);
    }

    GateList gates() {
        return gates;
    }

    /** What ends the load when a stop gate is violated (e.g. {@code JMeterRun::stop}); it may block. */
    void onStop(Runnable action) {
        stopAction = action;
    }

    /**
     * Checks the stop gates against what was measured so far; cheap when there are none. Called about once a second
     * from the runner's progress thread; the stop itself runs on its own thread because stopping waits for the run.
     */
    void poll(ResultAggregator aggregator) {
        if (!earlyStop.active() || stopping.get()) {
            return;
        }
        Optional<GateResult> hit = earlyStop.check(aggregator.snapshot(), Instant.now());
        if (hit.isPresent() && stopping.compareAndSet(false, true)) {
            stopTrigger.set(hit.get());
            Runnable action = stopAction;
            if (action != null) {
                Thread stopper = new Thread(action, "secperf-gate-stop");
                stopper.setDaemon(true);
                stopper.start();
            }
        }
    }

    /** True when a stop gate ended the load. */
    boolean stoppedRun() {
        return stopTrigger.get() != null;
    }

    /** The run status reason for a load a stop gate ended. */
    String stopReason(Duration elapsed) {
        GateResult trigger = stopTrigger.get();
        return "stopped early by gate '" + trigger.expression() + "' after " + elapsed.toSeconds() + " s: "
                + trigger.message().replaceFirst("^stopped the load: ", "");
    }

    /** Evaluates the gates over the document and returns it with their outcomes and verdict. */
    ResultDocument apply(ResultDocument document) {
        GateReport evaluated = evaluator.evaluate(gates, document, reference);
        GateResult trigger = stopTrigger.get();
        report = trigger == null ? evaluated : evaluated.stoppedBy(trigger);
        result = document.result();
        return report.applyTo(document);
    }

    /** Prints the gate table and writes the JUnit XML next to the result document. */
    void report(PrintStream out, Path outDir) {
        report(out, outDir, null);
    }

    /** As {@link #report(PrintStream, Path)}; {@code partialReason} (or null) is printed on the verdict line. */
    void report(PrintStream out, Path outDir, String partialReason) {
        if (reference != null) {
            out.println("reference: " + reference.source());
        }
        out.println();
        out.print(GateTable.render(report, partialReason));
        Path junit = outDir.resolve(GateJUnitXml.FILE_NAME);
        try {
            GateJUnitXml.write(junit, report, result);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "could not write " + junit + ": "
                    + OutputDirectory.describe(e), e);
        }
        out.println("gates:  " + junit);
    }

    /** 0 passed, 1 failed, 2 unstable. */
    ExitCode exitCode() {
        return switch (report.verdict().status()) {
            case PASSED -> ExitCode.OK;
            case UNSTABLE -> ExitCode.GATES_UNSTABLE;
            case FAILED -> ExitCode.GATES_FAILED;
        };
    }
}
