package io.secperf.gate;

import java.util.Locale;

/**
 * TLS protocol versions, oldest first, so that {@code tls.protocol.min >= TLSv1.2} means "nothing older than TLS 1.2
 * is accepted". Names are the JDK's ("TLSv1.2"); "TLS1.2", "TLSv1.0" and "TLS 1.2"-style spellings are accepted too.
 */
public enum TlsProtocol {
    SSLV2("SSLv2"), SSLV3("SSLv3"), TLSV1("TLSv1"), TLSV1_1("TLSv1.1"), TLSV1_2("TLSv1.2"), TLSV1_3("TLSv1.3");

    private final String text;

    TlsProtocol(String text) {
        this.text = text;
    }

    /** The JDK name, e.g. "TLSv1.2". */
    public String text() {
        return text;
    }

    /** Position in the order (0 = SSLv2, 5 = TLSv1.3); the number gates compare. */
    public int rank() {
        return ordinal();
    }

    /** The protocol named by the text (case-insensitive, "v" optional, "1.0" same as "1"), or null. */
    public static TlsProtocol parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("TLSV", "TLS")
                .replace("SSLV", "SSL");
        if (normalized.equals("TLS1.0")) {
            normalized = "TLS1";
        }
        for (TlsProtocol protocol : values()) {
            if (protocol.text.toUpperCase(Locale.ROOT).replace("V", "").equals(normalized)) {
                return protocol;
            }
        }
        return null;
    }

    static TlsProtocol ofRank(double rank) {
        int index = (int) Math.round(rank);
        return index >= 0 && index < values().length && index == rank ? values()[index] : null;
    }

    static String list() {
        StringBuilder sb = new StringBuilder();
        for (TlsProtocol protocol : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(protocol.text);
        }
        return sb.toString();
    }
}
