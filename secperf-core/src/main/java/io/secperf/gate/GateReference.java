package io.secperf.gate;

import io.secperf.result.ResultDocument;

/**
 * The result relative gates ({@code p95 regression < 10%}) compare against: given explicitly, or found as the last
 * result that passed all its gates ({@link GateHistory#lastPassed}).
 *
 * @param document the reference result
 * @param security its security measurements
 * @param source   where it came from (a path), shown in messages and the verdict
 */
public record GateReference(ResultDocument document, SecurityMeasurements security, String source) {

    public static GateReference of(ResultDocument document, String source) {
        return new GateReference(document, SecurityMeasurements.of(document), source);
    }
}
