package io.secperf.tls;

import java.util.List;

/**
 * One protocol version's verdict.
 *
 * @param version    the version offered
 * @param accepted   the server answered with a ServerHello for exactly this version
 * @param suites     accepted suites in the order the server picked them (its preference if it has one)
 * @param preference whose suite order the server follows
 * @param detail     how the server refused (alert, close, downgrade ...), or null when accepted
 */
public record ProtocolSupport(TlsVersion version, boolean accepted, List<AcceptedSuite> suites,
                              Preference preference, String detail) {

    public enum Preference { SERVER, CLIENT, UNKNOWN }

    public ProtocolSupport {
        suites = List.copyOf(suites);
    }
}
