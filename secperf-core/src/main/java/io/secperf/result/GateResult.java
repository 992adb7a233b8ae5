package io.secperf.result;

/**
 * Outcome of one definition-of-done gate. Placeholder shape for schema version 1: the gate evaluator (a later
 * issue) fills the {@code gates} list of a {@link ResultDocument}; new optional fields may be added.
 *
 * @param id         gate identifier or its position in the gate list
 * @param expression the gate as written, e.g. "p95 < 300ms"
 * @param verdict    PASS, FAIL or NOT_EVALUATED
 * @param actual     the measured value the gate compared, as text
 * @param message    explanation for people
 */
public record GateResult(String id, String expression, GateVerdict verdict, String actual, String message) {
}
