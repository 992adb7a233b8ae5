package io.secperf.tls;

import java.util.List;

/**
 * Full-handshake cost as a modern client sees it: fresh TCP connection, fresh session (no resumption), JDK TLS stack.
 *
 * @param samplesMillis each handshake's duration from TCP connected to handshake finished
 * @param medianMillis  median of the samples, or -1 if none succeeded
 * @param protocol      negotiated protocol, e.g. TLSv1.3
 * @param cipherSuite   negotiated suite
 * @param error         why no handshake succeeded, or null
 */
public record HandshakeTiming(List<Double> samplesMillis, double medianMillis, String protocol, String cipherSuite,
                              String error) {

    public HandshakeTiming {
        samplesMillis = List.copyOf(samplesMillis);
    }
}
