package io.secperf.result;

/**
 * Why a sample failed, in classes that point at different causes (client error, rejected credentials, server fault,
 * network, TLS, assertion). Classification reads only the strings JMeter puts into a sample or a JTL row, so live
 * runs and ingested files classify identically.
 *
 * <p>JMeter's HTTP samplers report an exception as response code {@code "Non HTTP response code: <exception class>"}
 * and response message {@code "Non HTTP response message: <exception message>"} (HTTPSamplerBase#errorResult).
 */
public enum ErrorClass {
    /** Not an error: the sample succeeded. Never appears in error counts. */
    NONE,
    /** HTTP 4xx other than 401/403. */
    HTTP_4XX,
    /** HTTP 401 or 403: the target rejected the credentials or the permission. */
    AUTH_REJECTED,
    /** HTTP 5xx. */
    HTTP_5XX,
    /** The peer reset or dropped the connection (reset, broken pipe, no HTTP response). */
    CONNECTION_RESET,
    /** Nothing listens on the target port (or a firewall rejects): connection refused. */
    CONNECTION_REFUSED,
    /** Connect or read timeout. */
    TIMEOUT,
    /** TLS handshake or other TLS failure (certificate, protocol, cipher). */
    TLS_HANDSHAKE,
    /** The response arrived (status below 400, or no status) but JMeter marked it failed: an assertion failed. */
    ASSERTION,
    /** Any other failure, e.g. unknown host or an exception in a non-HTTP sampler. */
    OTHER;

    private static final String NON_HTTP_CODE = "Non HTTP response code";
    private static final String NON_HTTP_MESSAGE = "Non HTTP response message";
    private static final ErrorClass[] VALUES = values();

    /** Classifies a sample; {@link #NONE} when it succeeded. Allocation-free. */
    public static ErrorClass of(Sample sample) {
        return of(sample.success(), sample.responseCode(), sample.responseMessage(), sample.failureMessage());
    }

    /** Same as {@link #of(Sample)} for raw JMeter fields (e.g. from a JTL row); null strings count as empty. */
    public static ErrorClass of(boolean success, String responseCode, String responseMessage, String failureMessage) {
        if (success) {
            return NONE;
        }
        String code = responseCode == null ? "" : responseCode;
        String message = responseMessage == null ? "" : responseMessage;
        int status = httpStatus(code);
        if (status >= 0) {
            if (status == 401 || status == 403) {
                return AUTH_REJECTED;
            }
            if (status >= 400 && status <= 499) {
                return HTTP_4XX;
            }
            if (status >= 500 && status <= 599) {
                return HTTP_5XX;
            }
            return status >= 100 && status <= 399 ? ASSERTION : OTHER;
        }
        if (code.startsWith(NON_HTTP_CODE) || message.startsWith(NON_HTTP_MESSAGE)) {
            return ofException(code, message);
        }
        if (code.isEmpty() && failureMessage != null && !failureMessage.isEmpty()) {
            return ASSERTION;
        }
        return OTHER;
    }

    /** Classes that count as errors, in declaration order (everything but {@link #NONE}). */
    public static ErrorClass[] errorClasses() {
        ErrorClass[] result = new ErrorClass[VALUES.length - 1];
        System.arraycopy(VALUES, 1, result, 0, result.length);
        return result;
    }

    /** exceptionClass is JMeter's code text (contains the class name), detail the message text. */
    private static ErrorClass ofException(String exceptionClass, String detail) {
        if (exceptionClass.contains("TimeoutException") || containsIgnoreCase(detail, "timed out")
                || containsIgnoreCase(detail, "timeout")) {
            return TIMEOUT;
        }
        if (exceptionClass.contains("SSLHandshakeException") || containsIgnoreCase(detail, "handshake")) {
            return TLS_HANDSHAKE;
        }
        if (exceptionClass.contains("ConnectException") || containsIgnoreCase(detail, "connection refused")) {
            return CONNECTION_REFUSED;
        }
        if (containsIgnoreCase(detail, "connection reset") || containsIgnoreCase(detail, "broken pipe")
                || exceptionClass.contains("NoHttpResponseException")
                || containsIgnoreCase(detail, "failed to respond")) {
            return CONNECTION_RESET;
        }
        if (exceptionClass.contains("javax.net.ssl.") || exceptionClass.contains("SSLException")
                || containsIgnoreCase(detail, "pkix") || containsIgnoreCase(detail, "certificate")) {
            return TLS_HANDSHAKE;
        }
        return OTHER;
    }

    /** The status when the code is exactly a 3-digit number (optionally surrounded by spaces), else -1. */
    private static int httpStatus(String code) {
        int start = 0;
        int end = code.length();
        while (start < end && code.charAt(start) == ' ') {
            start++;
        }
        while (end > start && code.charAt(end - 1) == ' ') {
            end--;
        }
        if (end - start != 3) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Case-insensitive search without allocating; {@code lowerCasePart} must be lower case. */
    private static boolean containsIgnoreCase(String text, String lowerCasePart) {
        char first = lowerCasePart.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        int max = text.length() - lowerCasePart.length();
        for (int i = 0; i <= max; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper)
                    && text.regionMatches(true, i, lowerCasePart, 0, lowerCasePart.length())) {
                return true;
            }
        }
        return false;
    }
}
