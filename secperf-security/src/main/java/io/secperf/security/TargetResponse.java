package io.secperf.security;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one request to the target produced: a status with headers and the start of the body, or how it failed.
 * Bodies are cut at {@link TargetClient#MAX_BODY_KEPT} bytes (the checks only look for leaks and tokens in them), so
 * a huge or endless response costs bounded memory.
 *
 * @param status    HTTP status, or 0 when there was no response
 * @param headers   response headers, names in lower case
 * @param body      the first bytes of the body decoded as UTF-8 (invalid bytes replaced)
 * @param bodyBytes the full body length as received
 * @param elapsed   time from sending to the end of the body (or the failure)
 * @param failure   why there is no response, {@link Failure#NONE} when there is one
 * @param detail    short description of the failure (exception class and message), empty otherwise
 */
public record TargetResponse(int status, Map<String, List<String>> headers, String body, long bodyBytes,
                             Duration elapsed, Failure failure, String detail) {

    /** Why a request got no response. */
    public enum Failure {
        NONE,
        /** no (complete) response within the time limit */
        TIMEOUT,
        /** the server closed or reset the connection */
        CLOSED,
        /** the connection could not be opened */
        CONNECT,
        /** anything else (TLS failure, protocol error) */
        ERROR
    }

    public TargetResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    k -> new java.util.ArrayList<>()).addAll(values));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
        failure = failure == null ? Failure.NONE : failure;
        detail = detail == null ? "" : detail;
    }

    public static TargetResponse failed(Failure failure, String detail, Duration elapsed) {
        return new TargetResponse(0, Map.of(), "", 0, elapsed, failure, detail);
    }

    public boolean answered() {
        return status > 0;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** "401", "timeout after 5s", "connection closed" — for evidence. */
    public String outcome() {
        if (answered()) {
            return String.valueOf(status);
        }
        return switch (failure) {
            case TIMEOUT -> "no response within " + Durations.format(elapsed);
            case CLOSED -> "connection closed without response";
            case CONNECT -> "connection failed (" + detail + ")";
            default -> "failed (" + detail + ")";
        };
    }
}
