package io.secperf.tls;

/**
 * The Strict-Transport-Security answer to one HTTPS {@code GET} (RFC 6797).
 *
 * @param status            what was found
 * @param header            the first header value as sent (only the first counts, RFC 6797 §8.1)
 * @param maxAgeSeconds     parsed max-age, or -1
 * @param includeSubDomains the directive is present
 * @param preload           the directive is present
 * @param httpStatus        the response status code, or -1 if none was read
 * @param detail            one line: the parse problem or why it was not tested
 */
public record HstsResult(Status status, String header, long maxAgeSeconds, boolean includeSubDomains,
                         boolean preload, int httpStatus, String detail) {

    public enum Status { PRESENT, MISSING, MALFORMED, NOT_TESTED }

    static HstsResult notTested(String why) {
        return new HstsResult(Status.NOT_TESTED, null, -1, false, false, -1, why);
    }
}
