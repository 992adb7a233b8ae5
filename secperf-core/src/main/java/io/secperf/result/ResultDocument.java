package io.secperf.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The root of {@code secperf-result.json}: one versioned, self-describing, mergeable document per run (or per
 * ingested JTL file, or per merge of several). Everything later stages need (gates, reports, trends, Jenkins) reads
 * this, never JMeter's own output. Written and read by {@link ResultDocuments}; documented in docs/result-schema.md.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; readers reject other versions
 * @param generator     tool and version that wrote the document
 * @param run           what ran, where, when, with which (masked) properties
 * @param status        COMPLETE, PARTIAL or FAILED with a reason
 * @param ingest        where the samples came from and how many rows were skipped
 * @param result        the measurements
 * @param findings      security findings (filled by later issues; empty for now)
 * @param gates         definition-of-done gate outcomes, in the order of the gate list; empty when none were evaluated
 * @param verdict       the verdict of those gates; null when no gates were evaluated
 * @param security      security check families that ran, their named measurements, the attack windows, the
 *                      resilience comparison and the post-test analysis (empty when none ran)
 */
public record ResultDocument(int schemaVersion, GeneratorInfo generator, RunInfo run, RunStatus status,
                             IngestInfo ingest, RunResult result, List<Finding> findings, List<GateResult> gates,
                             GateVerdict verdict, SecurityData security) {

    public static final int SCHEMA_VERSION = 1;

    public ResultDocument {
        generator = generator == null ? GeneratorInfo.current() : generator;
        run = run == null ? RunInfo.of(null, null, null, null, null, null, null) : run;
        status = status == null ? RunStatus.complete() : status;
        ingest = ingest == null ? IngestInfo.live(result == null ? 0 : result.overall().count()) : ingest;
        result = result == null ? RunResult.empty() : result;
        findings = findings == null ? List.of() : List.copyOf(findings);
        gates = gates == null ? List.of() : List.copyOf(gates);
        security = security == null ? SecurityData.none() : security;
    }

    /**
     * A new document of the current schema version written by this tool. A COMPLETE status with zero samples becomes
     * FAILED ("no samples were recorded"), so an empty run can never look like a successful one.
     */
    public static ResultDocument of(RunInfo run, RunStatus status, IngestInfo ingest, RunResult result) {
        RunStatus effective = status;
        boolean empty = result == null || result.overall().count() == 0;
        if (empty && (status == null || status.state() == RunState.COMPLETE)) {
            effective = RunStatus.failed("no samples were recorded");
        }
        return new ResultDocument(SCHEMA_VERSION, GeneratorInfo.current(), run, effective, ingest, result,
                List.of(), List.of(), null, SecurityData.none());
    }

    /** The same document with these findings. */
    public ResultDocument withFindings(List<Finding> newFindings) {
        return new ResultDocument(schemaVersion, generator, run, status, ingest, result, newFindings, gates,
                verdict, security);
    }

    /** The same document with these gate outcomes and their verdict (null when none). */
    public ResultDocument withGates(List<GateResult> newGates, GateVerdict newVerdict) {
        return new ResultDocument(schemaVersion, generator, run, status, ingest, result, findings, newGates,
                newVerdict, security);
    }

    /** The same document with these security checks and measurements. */
    public ResultDocument withSecurity(SecurityData newSecurity) {
        return new ResultDocument(schemaVersion, generator, run, status, ingest, result, findings, gates, verdict,
                newSecurity);
    }

    /**
     * Combines documents of runs that belong together (several agents, remote engines, repeated runs): the results
     * merge exactly; the run spans from the earliest start to the latest end; plan, target and properties are taken
     * from the first document; the status is the worst one with all reasons; findings are concatenated, security
     * measurements united and attack windows kept; gates and verdict are dropped because they must be evaluated
     * again on the merged result, and so are the resilience comparison and the post-test analysis (see
     * {@link SecurityData#merge}).
     */
    public static ResultDocument merge(List<ResultDocument> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        ResultDocument first = documents.get(0);
        Instant start = null;
        Instant end = null;
        RunState worst = RunState.COMPLETE;
        StringJoiner reasons = new StringJoiner("; ");
        long rowsRead = 0;
        long rowsSkipped = 0;
        StringJoiner files = new StringJoiner(", ");
        List<RunResult> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<EngineCount> engines = new ArrayList<>();
        for (ResultDocument d : documents) {
            if (d.run().startTime() != null && (start == null || d.run().startTime().isBefore(start))) {
                start = d.run().startTime();
            }
            if (d.run().endTime() != null && (end == null || d.run().endTime().isAfter(end))) {
                end = d.run().endTime();
            }
            if (d.status().state().compareTo(worst) > 0) {
                worst = d.status().state();
            }
            if (d.status().reason() != null) {
                reasons.add(d.status().reason());
            }
            rowsRead += d.ingest().rowsRead();
            rowsSkipped += d.ingest().rowsSkipped();
            if (d.ingest().file() != null) {
                files.add(d.ingest().file());
            }
            results.add(d.result());
            findings.addAll(d.findings());
            engines.addAll(d.ingest().engines());
        }
        RunInfo run = RunInfo.of(first.run().planName(), first.run().planFile(), first.run().target(),
                first.run().jmeterVersion(), start, end, first.run().properties());
        RunStatus status = new RunStatus(worst, reasons.length() == 0 ? null : reasons.toString());
        IngestInfo ingest = new IngestInfo(IngestInfo.MERGED, files.length() == 0 ? null : files.toString(),
                rowsRead, rowsSkipped, List.of(), engines);
        return new ResultDocument(SCHEMA_VERSION, GeneratorInfo.current(), run, status, ingest,
                RunResult.merge(results), findings, List.of(), null,
                SecurityData.merge(documents.stream().map(ResultDocument::security).toList()));
    }
}
