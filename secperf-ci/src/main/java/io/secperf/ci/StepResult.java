package io.secperf.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code secPerfTest} and the merging {@code secPerfGate} return to a Jenkinsfile: a map of plain strings,
 * booleans, numbers, lists and maps (serializable by the pipeline engine and readable in the sandbox as
 * {@code r.verdict}, {@code r.validatedBoth}, {@code r.gates}, {@code r.resultPath}).
 */
public final class StepResult {

    private StepResult() {
    }

    public static Map<String, Object> toMap(ResultSummary summary, BuildOutcome outcome, String resultPath) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", outcome.verdict().name());
        map.put("validatedBoth", summary != null && summary.validatedBoth());
        map.put("buildResult", outcome.result().name());
        map.put("message", outcome.message());
        map.put("resultPath", resultPath);
        List<Map<String, Object>> gates = new ArrayList<>();
        if (summary != null) {
            for (ResultSummary.GateLine g : summary.gates()) {
                Map<String, Object> gate = new LinkedHashMap<>();
                gate.put("expression", g.expression());
                gate.put("status", g.status());
                gate.put("measured", g.measured());
                gate.put("message", g.message());
                gates.add(gate);
            }
            map.put("failedGates", new ArrayList<>(summary.failedGates()));
            map.put("samples", summary.samples());
            map.put("p95Ms", summary.p95Ms());
            map.put("errorRate", summary.errorRate());
            map.put("findings", summary.findingsTotal());
        } else {
            map.put("failedGates", new ArrayList<String>());
        }
        map.put("gates", gates);
        return map;
    }
}
