package io.secperf.tls;

import java.util.List;

/**
 * One protocol version's verdict.
 *
 * @param version    the version offered
 * @param accepted   the server answered with a ServerHello for exactly this version
 * @param suites     accepted suites in the order the server picked them (its preference if it has one)
 * @param preference whose suite order the server follows
 * @param detail     how the server refused (alert, close, downgrade ...) or why the enumeration is incomplete;
 *                   null when accepted and complete
 * @param complete   the enumeration reached a verdict: every hello got an answer. False when the server left hellos
 *                   unanswered or a probe limit stopped it; then {@code accepted == false} means "not seen", not
 *                   "refused", and {@code suites} may lack some
 */
public record ProtocolSupport(TlsVersion version, boolean accepted, List<AcceptedSuite> suites,
                              Preference preference, String detail, boolean complete) {

    public enum Preference { SERVER, CLIENT, UNKNOWN }

    public ProtocolSupport {
        suites = List.copyOf(suites);
    }

    /** A complete verdict. */
    public ProtocolSupport(TlsVersion version, boolean accepted, List<AcceptedSuite> suites, Preference preference,
                           String detail) {
        this(version, accepted, suites, preference, detail, true);
    }

    /** "accepted", "refused", or "not answered" when the enumeration could not reach a verdict. */
    public String status() {
        return accepted ? "accepted" : complete ? "refused" : "not answered";
    }
}
