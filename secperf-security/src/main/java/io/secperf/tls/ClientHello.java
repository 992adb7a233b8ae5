package io.secperf.tls;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Builds ClientHello records byte by byte, the way testssl.sh and sslscan do, so any version and any registry suite
 * can be offered whatever the local JDK allows. The hello carries what real clients send so that servers answer
 * it normally: SNI, every named group, point formats, a broad signature_algorithms list and the RFC 5746 SCSV;
 * for TLS 1.3 supported_versions and an x25519 key share (random bytes: the probe stops at the ServerHello, so no
 * key agreement ever happens). Hellos between 256 and 511 bytes are padded (RFC 7685) around an old F5 bug.
 */
final class ClientHello {

    /** Named groups (RFC 8422, RFC 7919): modern first, then every legacy curve so any ECDHE suite can be chosen. */
    private static final int[] GROUPS = {
            0x001D, 0x0017, 0x0018, 0x0019, 0x001E, 0x001A, 0x001B, 0x001C, 0x0016, 0x0015, 0x0014, 0x0013,
            0x0012, 0x0011, 0x0010, 0x000F, 0x000E, 0x000D, 0x000C, 0x000B, 0x000A, 0x0009, 0x0008, 0x0007,
            0x0006, 0x0005, 0x0004, 0x0003, 0x0002, 0x0001, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104};

    /** signature_algorithms (RFC 8446 §4.2.3 code points): current ones first, SHA-1/MD5 last so they stay visible. */
    private static final int[] SIGNATURE_SCHEMES = {
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
            0x0401, 0x0501, 0x0601, 0x0402, 0x0502, 0x0602, 0x0301, 0x0302, 0x0303, 0x0201, 0x0202, 0x0203,
            0x0101};

    private static final int X25519 = 0x001D;

    private ClientHello() {
    }

    /**
     * @param version    the protocol to offer (for TLS 1.3 the legacy version 1.2 plus supported_versions)
     * @param suites     suite ids in preference order
     * @param serverName SNI host name, or null (never an IP literal, RFC 6066 §3)
     */
    static byte[] build(TlsVersion version, List<Integer> suites, String serverName, SecureRandom random) {
        boolean tls13 = version == TlsVersion.TLS_1_3;
        Bytes body = new Bytes();
        body.u16(tls13 ? TlsVersion.TLS_1_2.wireValue() : version.wireValue());
        body.raw(randomBytes(random, 32));
        if (tls13) {
            body.u8(32);
            body.raw(randomBytes(random, 32));
        } else {
            body.u8(0);
        }
        body.u16((suites.size() + 1) * 2);
        for (int suite : suites) {
            body.u16(suite);
        }
        body.u16(CipherSuiteCatalog.RENEGOTIATION_SCSV);
        body.u8(1);
        body.u8(0);

        Bytes extensions = new Bytes();
        if (serverName != null) {
            byte[] name = IDN.toASCII(serverName).getBytes(StandardCharsets.US_ASCII);
            Bytes sni = new Bytes();
            sni.u16(name.length + 3);
            sni.u8(0);
            sni.u16(name.length);
            sni.raw(name);
            extensions.extension(0x0000, sni.toArray());
        }
        Bytes groups = new Bytes();
        groups.u16(GROUPS.length * 2);
        for (int g : GROUPS) {
            groups.u16(g);
        }
        extensions.extension(0x000A, groups.toArray());
        extensions.extension(0x000B, new byte[] {3, 0, 1, 2});
        Bytes schemes = new Bytes();
        schemes.u16(SIGNATURE_SCHEMES.length * 2);
        for (int s : SIGNATURE_SCHEMES) {
            schemes.u16(s);
        }
        extensions.extension(0x000D, schemes.toArray());
        if (tls13) {
            extensions.extension(0x002B, new byte[] {2, 0x03, 0x04});
            Bytes share = new Bytes();
            share.u16(2 + 2 + 32);
            share.u16(X25519);
            share.u16(32);
            share.raw(randomBytes(random, 32));
            extensions.extension(0x0033, share.toArray());
        }
        int lengthSoFar = 4 + body.size() + 2 + extensions.size();
        if (lengthSoFar >= 256 && lengthSoFar < 512) {
            int padding = Math.max(0, 512 - lengthSoFar - 4);
            extensions.extension(0x0015, new byte[padding]);
        }
        body.u16(extensions.size());
        body.raw(extensions.toArray());

        byte[] bodyBytes = body.toArray();
        Bytes record = new Bytes();
        record.u8(0x16);
        record.u16(version == TlsVersion.SSL_3_0 ? 0x0300 : 0x0301);
        record.u16(bodyBytes.length + 4);
        record.u8(0x01);
        record.u24(bodyBytes.length);
        record.raw(bodyBytes);
        return record.toArray();
    }

    private static byte[] randomBytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A growing big-endian byte buffer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        void u8(int v) {
            out.write(v & 0xFF);
        }

        void u16(int v) {
            out.write((v >>> 8) & 0xFF);
            out.write(v & 0xFF);
        }

        void u24(int v) {
            out.write((v >>> 16) & 0xFF);
            u16(v);
        }

        void raw(byte[] b) {
            out.write(b, 0, b.length);
        }

        void extension(int type, byte[] data) {
            u16(type);
            u16(data.length);
            raw(data);
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
