package io.secperf.tls;

import java.util.Optional;

/**
 * The protocol versions the probe offers. SSLv2 is not probed: its hello has a different format and no current
 * server library still speaks it (OpenSSL removed it in 1.1.0).
 */
public enum TlsVersion {
    SSL_3_0(0x0300, "SSLv3"),
    TLS_1_0(0x0301, "TLSv1.0"),
    TLS_1_1(0x0302, "TLSv1.1"),
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int wireValue;
    private final String displayName;

    TlsVersion(int wireValue, String displayName) {
        this.wireValue = wireValue;
        this.displayName = displayName;
    }

    /** The two-byte value on the wire, e.g. 0x0303 for TLS 1.2. */
    public int wireValue() {
        return wireValue;
    }

    /** The name used in reports and measurements: SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3. */
    public String displayName() {
        return displayName;
    }

    /** Finding-id fragment, e.g. TLS10 for TLS 1.0 (TLS-PROTO-TLS10). */
    public String idFragment() {
        return switch (this) {
            case SSL_3_0 -> "SSL3";
            case TLS_1_0 -> "TLS10";
            case TLS_1_1 -> "TLS11";
            case TLS_1_2 -> "TLS12";
            case TLS_1_3 -> "TLS13";
        };
    }

    public static Optional<TlsVersion> fromWire(int value) {
        for (TlsVersion v : values()) {
            if (v.wireValue == value) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
