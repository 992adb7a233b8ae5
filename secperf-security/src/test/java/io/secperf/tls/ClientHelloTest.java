package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Parses the built hellos back field by field: lengths must nest exactly or real servers reject them. */
class ClientHelloTest {

    record Parsed(int recordVersion, int clientVersion, int sessionIdLength, List<Integer> suites,
                  Map<Integer, byte[]> extensions, int handshakeLength) {
    }

    static Parsed parse(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record);
        assertThat(b.get()).isEqualTo((byte) 0x16);
        int recordVersion = b.getShort() & 0xFFFF;
        int recordLength = b.getShort() & 0xFFFF;
        assertThat(recordLength).isEqualTo(record.length - 5);
        assertThat(b.get()).isEqualTo((byte) 1);
        int hsLength = ((b.get() & 0xFF) << 16) | (b.getShort() & 0xFFFF);
        assertThat(hsLength).isEqualTo(recordLength - 4);
        int clientVersion = b.getShort() & 0xFFFF;
        b.position(b.position() + 32);
        int sid = b.get() & 0xFF;
        b.position(b.position() + sid);
        int suitesLength = b.getShort() & 0xFFFF;
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < suitesLength / 2; i++) {
            suites.add(b.getShort() & 0xFFFF);
        }
        int compressions = b.get() & 0xFF;
        assertThat(compressions).isEqualTo(1);
        assertThat(b.get()).isEqualTo((byte) 0);
        int extLength = b.getShort() & 0xFFFF;
        assertThat(extLength).isEqualTo(b.remaining());
        Map<Integer, byte[]> ext = new HashMap<>();
        while (b.hasRemaining()) {
            int type = b.getShort() & 0xFFFF;
            byte[] data = new byte[b.getShort() & 0xFFFF];
            b.get(data);
            assertThat(ext.put(type, data)).as("extension %d twice", type).isNull();
        }
        return new Parsed(recordVersion, clientVersion, sid, suites, ext, hsLength);
    }

    @Test
    void tls12HelloCarriesSuitesScsvSniAndGroups() {
        byte[] hello = ClientHello.build(TlsVersion.TLS_1_2, List.of(0xC02F, 0x000A), "example.org",
                new SecureRandom());
        Parsed p = parse(hello);
        assertThat(p.recordVersion()).isEqualTo(0x0301);
        assertThat(p.clientVersion()).isEqualTo(0x0303);
        assertThat(p.suites()).containsExactly(0xC02F, 0x000A, 0x00FF);
        assertThat(p.extensions()).containsKeys(0x0000, 0x000A, 0x000B, 0x000D).doesNotContainKeys(0x002B, 0x0033);
        assertThat(new String(p.extensions().get(0x0000), 5, 11, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("example.org");
    }

    @Test
    void tls13HelloOffersSupportedVersionsAndAnX25519Share() {
        Parsed p = parse(ClientHello.build(TlsVersion.TLS_1_3, List.of(0x1301), null, new SecureRandom()));
        assertThat(p.clientVersion()).isEqualTo(0x0303);
        assertThat(p.sessionIdLength()).isEqualTo(32);
        assertThat(p.extensions().get(0x002B)).containsExactly(2, 3, 4);
        byte[] share = p.extensions().get(0x0033);
        assertThat(share).hasSize(2 + 2 + 2 + 32);
        assertThat(((share[2] & 0xFF) << 8) | (share[3] & 0xFF)).isEqualTo(0x001D);
        assertThat(p.extensions()).doesNotContainKey(0x0000);
    }

    @Test
    void ssl3HelloUsesSsl3RecordVersion() {
        Parsed p = parse(ClientHello.build(TlsVersion.SSL_3_0, List.of(0x000A), null, new SecureRandom()));
        assertThat(p.recordVersion()).isEqualTo(0x0300);
        assertThat(p.clientVersion()).isEqualTo(0x0300);
    }

    @Test
    void hellosBetween256And511BytesArePaddedPastTheF5Bug() {
        for (int n = 1; n < 200; n++) {
            List<Integer> suites = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                suites.add(0xC000 + i);
            }
            Parsed p = parse(ClientHello.build(TlsVersion.TLS_1_2, suites, "h", new SecureRandom()));
            int length = p.handshakeLength() + 4;
            assertThat(length < 256 || length >= 512).as("%d suites: %d bytes", n, length).isTrue();
        }
    }
}
