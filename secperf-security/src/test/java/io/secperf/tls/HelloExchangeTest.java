package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.ClientHello.Bytes;
import io.secperf.tls.HelloExchange.Outcome;
import io.secperf.tls.HelloExchange.Result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The server's answer to a hello is hostile input: these feed crafted bytes (records, handshake messages, lengths that
 * lie, huge lengths, text instead of TLS) to the parser and check what the probe concludes. No server, no socket.
 */
class HelloExchangeTest {

    static final int ECDHE_RSA_AES128_GCM = 0xC02F;
    static final int DHE_RSA_AES128_GCM = 0x009E;
    static final int ECDHE_PSK_AES128_CBC = 0xC035;
    static final int DHE_PSK_AES128_CBC = 0x0090;
    static final int RSA_AES128_GCM = 0x009C;
    static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    static final HelloExchange EXCHANGE = exchange(1000);

    static HelloExchange exchange(int readTimeoutMillis) {
        return new HelloExchange(new InetSocketAddress("127.0.0.1", 9), 1000, readTimeoutMillis, null,
                new SecureRandom());
    }

    // ------------------------------------------------------------------------------------------ building answers

    /** Extensions of a ServerHello, in order. */
    static byte[] ext(int type, byte[] data) {
        Bytes b = new Bytes();
        b.extension(type, data);
        return b.toArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** A ServerHello body; {@code extensions} null means no extensions block at all. */
    static byte[] serverHelloBody(int version, byte[] random, int suite, int compression, byte[] extensions) {
        Bytes b = new Bytes();
        b.u16(version);
        b.raw(random);
        b.u8(4);
        b.raw(new byte[] {1, 2, 3, 4});
        b.u16(suite);
        b.u8(compression);
        if (extensions != null) {
            b.u16(extensions.length);
            b.raw(extensions);
        }
        return b.toArray();
    }

    static byte[] serverHello(int version, int suite, byte[] extensions) {
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 7);
        return handshake(2, serverHelloBody(version, random, suite, 0, extensions));
    }

    static byte[] handshake(int type, byte[] body) {
        Bytes b = new Bytes();
        b.u8(type);
        b.u24(body.length);
        b.raw(body);
        return b.toArray();
    }

    static byte[] record(int type, byte[] fragment) {
        Bytes b = new Bytes();
        b.u8(type);
        b.u16(0x0303);
        b.u16(fragment.length);
        b.raw(fragment);
        return b.toArray();
    }

    static byte[] handshakeRecord(byte[]... messages) {
        return record(22, concat(messages));
    }

    static byte[] alert(int description) {
        return record(21, new byte[] {2, (byte) description});
    }

    static byte[] certificates(byte[]... certs) {
        Bytes list = new Bytes();
        for (byte[] c : certs) {
            list.u24(c.length);
            list.raw(c);
        }
        Bytes b = new Bytes();
        b.u24(list.size());
        b.raw(list.toArray());
        return handshake(11, b.toArray());
    }

    static byte[] ecdheKeyExchange(int group) {
        return handshake(12, new byte[] {3, (byte) (group >> 8), (byte) group, 1, 4});
    }

    static byte[] dheKeyExchange(BigInteger p) {
        byte[] prime = p.toByteArray();
        Bytes b = new Bytes();
        b.u16(prime.length);
        b.raw(prime);
        b.u16(1);
        b.u8(2);
        return handshake(12, b.toArray());
    }

    static final byte[] SERVER_HELLO_DONE = handshake(14, new byte[0]);
    static final byte[] RENEGOTIATION_INFO = ext(0xFF01, new byte[] {0});

    /** The bytes, then an error if anything more is read: proves the parser stops where it should. */
    static InputStream exactly(byte[] bytes) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                if (pos >= bytes.length) {
                    throw new IllegalStateException("read past the answer");
                }
                return bytes[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= bytes.length) {
                    throw new IllegalStateException("read past the answer");
                }
                int n = Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return bytes.length - pos;
            }
        };
    }

    /** The bytes, then the connection ends (EOF). */
    static InputStream thenClose(byte[] bytes) {
        return new java.io.ByteArrayInputStream(bytes);
    }

    /** The bytes, then the given exception on every further read. */
    static InputStream thenFail(byte[] bytes, IOException failure) {
        return new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos >= bytes.length) {
                    throw failure;
                }
                return bytes[pos++] & 0xFF;
            }

            @Override
            public int available() {
                return bytes.length - pos;
            }
        };
    }

    static Result answer(InputStream in, TlsVersion offered) {
        return EXCHANGE.answer(in, offered);
    }

    static Result tls12(byte[] bytes) {
        return answer(exactly(bytes), TlsVersion.TLS_1_2);
    }

    // ------------------------------------------------------------------------------------------ well-formed flights

    @Test
    void tls12FlightIsReadUpToServerHelloDone() {
        byte[] certA = {0x30, 1, 2};
        byte[] certB = {0x30, 3, 4, 5, 6};
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, RENEGOTIATION_INFO),
                certificates(certA, certB), ecdheKeyExchange(23), SERVER_HELLO_DONE));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.version()).isEqualTo(0x0303);
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isTrue();
        assertThat(r.accepted(TlsVersion.TLS_1_1)).isFalse();
        assertThat(r.answered()).isTrue();
        assertThat(r.suite()).isEqualTo(ECDHE_RSA_AES128_GCM);
        assertThat(r.compression()).isZero();
        assertThat(r.secureRenegotiation()).isTrue();
        assertThat(r.helloRetry()).isFalse();
        assertThat(r.certificates()).hasSize(2);
        assertThat(r.certificates().get(0)).containsExactly(certA);
        assertThat(r.certificates().get(1)).containsExactly(certB);
        assertThat(r.keyExchangeGroup()).isEqualTo("secp256r1");
        assertThat(r.keyExchangeBits()).isEqualTo(256);
        assertThat(r.alertDescription()).isEqualTo(-1);
        assertThat(r.detail()).isNull();
    }

    @Test
    void messagesSplitAcrossRecordsAndRecordsHoldingSeveralMessagesGiveTheSameResult() {
        byte[] flight = concat(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null), certificates(new byte[300]),
                ecdheKeyExchange(29), SERVER_HELLO_DONE);
        for (int chunk = 1; chunk <= flight.length; chunk += chunk < 16 ? 1 : 37) {
            ByteArrayOutputStream records = new ByteArrayOutputStream();
            for (int pos = 0; pos < flight.length; pos += chunk) {
                byte[] part = Arrays.copyOfRange(flight, pos, Math.min(flight.length, pos + chunk));
                records.writeBytes(record(22, part));
            }
            Result r = tls12(records.toByteArray());
            assertThat(r.outcome()).as("chunks of %d", chunk).isEqualTo(Outcome.SERVER_HELLO);
            assertThat(r.secureRenegotiation()).isFalse();
            assertThat(r.certificates()).as("chunks of %d", chunk).hasSize(1);
            assertThat(r.certificates().get(0)).hasSize(300);
            assertThat(r.keyExchangeGroup()).as("chunks of %d", chunk).isEqualTo("x25519");
            assertThat(r.keyExchangeBits()).isEqualTo(253);
        }
    }

    @Test
    void tls13ServerHelloEndsTheFlightAndCarriesVersionAndKeyShare() {
        byte[] extensions = concat(ext(0x002B, new byte[] {3, 4}), ext(0x0033, new byte[] {0, 0x1D, 0, 1, 9}));
        // nothing may be read after the ServerHello: the rest of a TLS 1.3 flight is encrypted
        Result r = answer(exactly(handshakeRecord(serverHello(0x0303, 0x1301, extensions))), TlsVersion.TLS_1_3);
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.version()).isEqualTo(0x0304);
        assertThat(r.accepted(TlsVersion.TLS_1_3)).isTrue();
        assertThat(r.suite()).isEqualTo(0x1301);
        assertThat(r.keyExchangeGroup()).isEqualTo("x25519");
        assertThat(r.keyExchangeBits()).isEqualTo(253);
        assertThat(r.certificates()).isEmpty();
    }

    @Test
    void tls13AnswerToATls12HelloAlsoEndsTheFlight() {
        byte[] extensions = ext(0x002B, new byte[] {3, 4});
        Result r = tls12(handshakeRecord(serverHello(0x0303, 0x1301, extensions)));
        assertThat(r.version()).isEqualTo(0x0304);
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isFalse();
    }

    @Test
    void olderVersionThanOfferedEndsTheFlightAtTheServerHello() {
        Result r = tls12(handshakeRecord(serverHello(0x0301, ECDHE_RSA_AES128_GCM, null)));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.version()).isEqualTo(0x0301);
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isFalse();
        assertThat(r.accepted(TlsVersion.TLS_1_0)).isTrue();
    }

    @Test
    void helloRetryRequestIsRecognisedByItsRandom() {
        byte[] body = serverHelloBody(0x0303, HRR_RANDOM, 0x1301, 0,
                concat(ext(0x002B, new byte[] {3, 4}), ext(0x0033, new byte[] {0, 0x17})));
        Result r = answer(exactly(handshakeRecord(handshake(2, body))), TlsVersion.TLS_1_3);
        assertThat(r.helloRetry()).isTrue();
        assertThat(r.keyExchangeGroup()).isEqualTo("secp256r1");
        byte[] almost = HRR_RANDOM.clone();
        almost[31] ^= 1;
        body = serverHelloBody(0x0303, almost, 0x1301, 0, ext(0x002B, new byte[] {3, 4}));
        assertThat(answer(exactly(handshakeRecord(handshake(2, body))), TlsVersion.TLS_1_3).helloRetry()).isFalse();
    }

    @Test
    void compressionMethodIsReported() {
        byte[] random = new byte[32];
        Result r = tls12(handshakeRecord(handshake(2, serverHelloBody(0x0301, random, RSA_AES128_GCM, 1, null))));
        assertThat(r.compression()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ extensions

    @Test
    void unknownExtensionsAreSkippedAndKnownOnesAfterThemStillRead() {
        byte[] extensions = concat(ext(0x1234, new byte[] {9, 9, 9}), ext(0x0010, new byte[0]),
                ext(0xFF01, new byte[] {0}), ext(0xFFFF, new byte[] {1}), ext(0x002B, new byte[] {3, 4}));
        Result r = tls12(handshakeRecord(serverHello(0x0303, 0x1301, extensions)));
        assertThat(r.secureRenegotiation()).isTrue();
        assertThat(r.version()).isEqualTo(0x0304);
    }

    @Test
    void tooShortSupportedVersionsAndKeyShareAreIgnored() {
        byte[] extensions = concat(ext(0x002B, new byte[] {3}), ext(0x0033, new byte[] {0}));
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, extensions), SERVER_HELLO_DONE));
        assertThat(r.version()).isEqualTo(0x0303);
        assertThat(r.keyExchangeGroup()).isNull();
        assertThat(r.keyExchangeBits()).isZero();
    }

    @Test
    void extensionLongerThanTheBlockMakesTheServerHelloUnparsable() {
        Bytes lying = new Bytes();
        lying.u16(0xFF01);
        lying.u16(5);
        lying.u8(0);
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, lying.toArray())));
        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.detail()).isEqualTo("unparsable ServerHello");
        assertThat(r.answered()).isTrue();
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isFalse();
    }

    @Test
    void extensionThatEndsExactlyAtTheBlockIsRead() {
        // renegotiation_info as the last extension, its data ending on the last byte of the body
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM,
                concat(ext(0x1234, new byte[] {1}), ext(0xFF01, new byte[] {0}))), SERVER_HELLO_DONE));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.secureRenegotiation()).isTrue();
    }

    @Test
    void emptyExtensionAtTheVeryEndIsRead() {
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM,
                concat(ext(0x0033, new byte[] {0, 0}), ext(0xFF01, new byte[0]))), SERVER_HELLO_DONE));
        assertThat(r.secureRenegotiation()).isTrue();
        assertThat(r.keyExchangeGroup()).isEqualTo("group-0x0000");
    }

    @Test
    void extensionsBlockLengthThatLiesIsClippedToTheBody() {
        byte[] body = serverHelloBody(0x0303, new byte[32], ECDHE_RSA_AES128_GCM, 0, ext(0xFF01, new byte[] {0}));
        // claim 200 bytes of extensions where 5 follow
        body[body.length - 7] = 0;
        body[body.length - 6] = (byte) 200;
        Result r = tls12(handshakeRecord(handshake(2, body), SERVER_HELLO_DONE));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.secureRenegotiation()).isTrue();
        // and a block that claims less than is there ends the extensions early
        body[body.length - 6] = 3;
        r = tls12(handshakeRecord(handshake(2, body), SERVER_HELLO_DONE));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.secureRenegotiation()).isFalse();
    }

    @Test
    void aSingleByteWhereTheExtensionsLengthShouldBeIsIgnored() {
        byte[] body = concat(serverHelloBody(0x0303, new byte[32], ECDHE_RSA_AES128_GCM, 0, null), new byte[] {0});
        Result r = tls12(handshakeRecord(handshake(2, body), SERVER_HELLO_DONE));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.secureRenegotiation()).isFalse();
    }

    // ------------------------------------------------------------------------------------------ truncation and lies

    @Test
    void everyTruncationOfAServerHelloIsUnparsableNeverAnException() {
        byte[] body = serverHelloBody(0x0303, new byte[32], ECDHE_RSA_AES128_GCM, 0, null);
        for (int length = 0; length < body.length; length++) {
            Result r = tls12(handshakeRecord(handshake(2, Arrays.copyOf(body, length))));
            assertThat(r.outcome()).as("ServerHello of %d bytes", length).isEqualTo(Outcome.MALFORMED);
            assertThat(r.detail()).isEqualTo("unparsable ServerHello");
        }
    }

    @Test
    void sessionIdLengthThatLiesIsUnparsable() {
        byte[] body = serverHelloBody(0x0303, new byte[32], ECDHE_RSA_AES128_GCM, 0, null);
        body[34] = (byte) 255;
        assertThat(tls12(handshakeRecord(handshake(2, body))).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void connectionClosedInsideARecordIsClosedNotAnAnswer() {
        byte[] full = handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null));
        for (int cut = 0; cut < full.length; cut++) {
            Result r = answer(thenClose(Arrays.copyOf(full, cut)), TlsVersion.TLS_1_2);
            assertThat(r.outcome()).as("closed after %d bytes", cut).isEqualTo(Outcome.CLOSED);
            assertThat(r.detail()).isEqualTo("connection closed");
            assertThat(r.answered()).isFalse();
        }
    }

    @Test
    void handshakeLengthThatLiesMakesTheParserWaitForMoreNotReadGarbage() {
        byte[] hello = serverHello(0x0303, ECDHE_RSA_AES128_GCM, null);
        hello[1] = 1; // 65536 + n bytes claimed
        Result r = answer(thenClose(handshakeRecord(hello)), TlsVersion.TLS_1_2);
        assertThat(r.outcome()).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void flightCutShortAfterTheServerHelloStillCountsAsAccepted() {
        byte[] hello = serverHello(0x0303, ECDHE_RSA_AES128_GCM, RENEGOTIATION_INFO);
        Result closed = answer(thenClose(concat(handshakeRecord(hello), new byte[] {22, 3, 3, 0, 50, 11})),
                TlsVersion.TLS_1_2);
        assertThat(closed.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(closed.accepted(TlsVersion.TLS_1_2)).isTrue();
        assertThat(closed.secureRenegotiation()).isTrue();
        Result reset = answer(thenFail(handshakeRecord(hello), new IOException("Connection reset")),
                TlsVersion.TLS_1_2);
        assertThat(reset.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        Result timedOut = answer(thenFail(handshakeRecord(hello), new SocketTimeoutException("Read timed out")),
                TlsVersion.TLS_1_2);
        assertThat(timedOut.outcome()).isEqualTo(Outcome.SERVER_HELLO);
    }

    @Test
    void alertOrOtherRecordAfterTheServerHelloEndsTheFlight() {
        byte[] hello = serverHello(0x0303, ECDHE_RSA_AES128_GCM, null);
        Result alerted = tls12(concat(handshakeRecord(hello), alert(40)));
        assertThat(alerted.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(alerted.alertDescription()).isEqualTo(-1);
        Result ccs = tls12(concat(handshakeRecord(hello), record(20, new byte[] {1})));
        assertThat(ccs.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(ccs.accepted(TlsVersion.TLS_1_2)).isTrue();
    }

    @Test
    void answerBeforeAnyByteIsClosedOrTimeout() {
        Result closed = answer(thenClose(new byte[0]), TlsVersion.TLS_1_2);
        assertThat(closed.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(closed.detail()).isEqualTo("connection closed");
        Result reset = answer(thenFail(new byte[0], new IOException("Connection reset")), TlsVersion.TLS_1_2);
        assertThat(reset.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(reset.detail()).contains("Connection reset");
        Result timeout = answer(thenFail(new byte[0], new SocketTimeoutException("Read timed out")),
                TlsVersion.TLS_1_2);
        assertThat(timeout.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(timeout.detail()).isEqualTo("no answer within 1000 ms");
        assertThat(timeout.answered()).isFalse();
        assertThat(HelloExchange.Result.failure(Outcome.CONNECT_FAILED, "x").answered()).isFalse();
    }

    @Test
    void recordLengthIsBoundedAtTheLargestLegalCiphertext() {
        // 18432 bytes (2^14 + 2048) is the largest record RFC 5246 allows; one more is refused before reading it
        byte[] hello = serverHello(0x0303, ECDHE_RSA_AES128_GCM, null);
        byte[] filler = handshake(99, new byte[18432 - hello.length - 4]);
        byte[] largest = record(22, concat(hello, filler));
        assertThat(largest).hasSize(5 + 18432);
        Result r = tls12(concat(largest, handshakeRecord(SERVER_HELLO_DONE)));
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isTrue();

        Result tooLarge = tls12(new byte[] {22, 3, 3, (byte) 0x48, 0x01});
        assertThat(tooLarge.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(tooLarge.detail()).isEqualTo("record of 18433 bytes");
        assertThat(tls12(new byte[] {22, 3, 3, (byte) 0xFF, (byte) 0xFF}).detail()).isEqualTo("record of 65535 bytes");
    }

    @Test
    void flightLargerThanTheBoundAfterTheServerHelloKeepsTheAcceptance() {
        // a ServerHello, then a Certificate message that claims 16 MB and never ends: reading stops at the bound,
        // and the version is still accepted (the server did say ServerHello)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, RENEGOTIATION_INFO),
                new byte[] {11, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        while (out.size() < 600 * 1024) {
            out.writeBytes(record(22, new byte[16384]));
        }
        Result r = answer(thenClose(out.toByteArray()), TlsVersion.TLS_1_2);
        assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isTrue();
        assertThat(r.secureRenegotiation()).isTrue();
        assertThat(r.certificates()).isEmpty();
    }

    @Test
    void flightLargerThanTheBoundBeforeAnyServerHelloIsMalformed() {
        // a "ServerHello" whose length claims 16 MB: nothing is ever parsed, reading stops at the bound
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(22, new byte[] {2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        while (out.size() < 600 * 1024) {
            out.writeBytes(record(22, new byte[16384]));
        }
        Result r = answer(thenClose(out.toByteArray()), TlsVersion.TLS_1_2);
        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.detail()).isEqualTo("server flight larger than 524288");
    }

    @Test
    void endlessEmptyRecordsEndAtTheDeadline() {
        // zero-length handshake records forever: no length check stops this, the flight deadline (2 x read timeout)
        // does; after a ServerHello the version still counts as accepted
        byte[] hello = handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null));
        HelloExchange quick = exchange(20);
        Result before = quick.answer(endless(new byte[0]), TlsVersion.TLS_1_2);
        assertThat(before.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(before.detail()).isEqualTo("no answer within 20 ms");
        Result after = quick.answer(endless(hello), TlsVersion.TLS_1_2);
        assertThat(after.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(after.accepted(TlsVersion.TLS_1_2)).isTrue();
    }

    /** The prefix, then empty handshake records that never end. */
    static InputStream endless(byte[] prefix) {
        byte[] empty = {22, 3, 3, 0, 0};
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                long p = pos++;
                return p < prefix.length ? prefix[(int) p] & 0xFF : empty[(int) ((p - prefix.length) % 5)];
            }
        };
    }

    // ------------------------------------------------------------------------------------------ refusals and non-TLS

    @Test
    void alertBeforeTheServerHelloIsARefusalWithItsName() {
        Result r = tls12(alert(40));
        assertThat(r.outcome()).isEqualTo(Outcome.ALERT);
        assertThat(r.alertDescription()).isEqualTo(40);
        assertThat(r.detail()).isEqualTo("alert handshake_failure");
        assertThat(r.answered()).isTrue();
        assertThat(r.accepted(TlsVersion.TLS_1_2)).isFalse();
        assertThat(tls12(alert(70)).detail()).isEqualTo("alert protocol_version");
        assertThat(tls12(alert(200)).detail()).isEqualTo("alert #200");
        // an alert record too short to carry a description
        Result shortAlert = tls12(record(21, new byte[] {2}));
        assertThat(shortAlert.outcome()).isEqualTo(Outcome.ALERT);
        assertThat(shortAlert.alertDescription()).isEqualTo(-1);
        assertThat(tls12(record(21, new byte[0])).alertDescription()).isEqualTo(-1);
        assertThat(tls12(record(21, new byte[] {1, 0, 99})).alertDescription()).isZero();
    }

    @Test
    void everyAlertHasItsRfcName() {
        int[] codes = {0, 10, 20, 22, 40, 42, 47, 50, 51, 70, 71, 80, 86, 90, 100, 109, 110, 112, 120};
        String[] names = {"close_notify", "unexpected_message", "bad_record_mac", "record_overflow",
                "handshake_failure", "bad_certificate", "illegal_parameter", "decode_error", "decrypt_error",
                "protocol_version", "insufficient_security", "internal_error", "inappropriate_fallback",
                "user_canceled", "no_renegotiation", "missing_extension", "unsupported_extension",
                "unrecognized_name", "no_application_protocol"};
        for (int i = 0; i < codes.length; i++) {
            assertThat(HelloExchange.AlertNames.name(codes[i])).isEqualTo(names[i]);
        }
        assertThat(HelloExchange.AlertNames.name(-1)).isEqualTo("#-1");
    }

    @Test
    void otherRecordsOrHandshakesBeforeTheServerHelloAreMalformed() {
        Result ccs = tls12(record(20, new byte[] {1}));
        assertThat(ccs.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(ccs.detail()).isEqualTo("record type 20 before ServerHello");
        assertThat(tls12(record(23, new byte[] {1, 2})).detail()).isEqualTo("record type 23 before ServerHello");
        assertThat(tls12(record(24, new byte[0])).detail()).isEqualTo("record type 24 before ServerHello");
        assertThat(tls12(record(0x1F, new byte[0])).detail()).isEqualTo("record type 31 before ServerHello");
        assertThat(tls12(record(0x7F, new byte[0])).detail()).isEqualTo("record type 127 before ServerHello");
        Result cert = tls12(handshakeRecord(certificates(new byte[] {1})));
        assertThat(cert.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(cert.detail()).isEqualTo("handshake type 11 before ServerHello");
    }

    @Test
    void sslv2FormatAnswerIsMalformed() {
        Result r = tls12(new byte[] {(byte) 0x80, 0x2E, 4});
        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.detail()).isEqualTo("SSLv2-format answer");
        assertThat(tls12(new byte[] {(byte) 0xFF}).detail()).isEqualTo("SSLv2-format answer");
    }

    @Test
    void plainHttpAndOtherTextAreNotTls() {
        Result http = answer(thenClose(ascii("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n")),
                TlsVersion.TLS_1_2);
        assertThat(http.outcome()).isEqualTo(Outcome.NOT_TLS);
        assertThat(http.detail()).isEqualTo("the server answered in plain HTTP ('HTTP/1.1 400 Bad Request')");
        assertThat(http.answered()).isTrue();
        for (String page : new String[] {"<!DOCTYPE html>", "<HTML><body>", "<head>", "<Body>x"}) {
            assertThat(answer(thenClose(ascii(page + "\n")), TlsVersion.TLS_1_2).detail()).as(page)
                    .startsWith("the server answered in plain HTTP");
        }
        Result ssh = answer(thenClose(ascii("SSH-2.0-OpenSSH_9.6\r\n")), TlsVersion.TLS_1_2);
        assertThat(ssh.outcome()).isEqualTo(Outcome.NOT_TLS);
        assertThat(ssh.detail()).isEqualTo("the server answered with text, not TLS ('SSH-2.0-OpenSSH_9.6')");
        assertThat(answer(thenClose(ascii("  <html>")), TlsVersion.TLS_1_2).detail())
                .isEqualTo("the server answered in plain HTTP ('<html>')");
    }

    @Test
    void notTlsEvidenceIsOneBoundedPrintableLine() {
        String longLine = "x".repeat(500);
        Result r = answer(thenClose(ascii(longLine)), TlsVersion.TLS_1_2);
        assertThat(r.detail()).isEqualTo("the server answered with text, not TLS ('" + "x".repeat(80) + "')");
        Result binary = answer(thenClose(new byte[] {'A', 'B', 0x7F, 'C'}), TlsVersion.TLS_1_2);
        assertThat(binary.detail()).endsWith("('AB')");
        Result control = answer(thenClose(new byte[] {'A', 'B', 0x1F, 'C'}), TlsVersion.TLS_1_2);
        assertThat(control.detail()).endsWith("('AB')");
        Result spaceAndTilde = answer(thenClose(new byte[] {' ', '~', ' ', 'C'}), TlsVersion.TLS_1_2);
        assertThat(spaceAndTilde.outcome()).isEqualTo(Outcome.NOT_TLS);
        assertThat(spaceAndTilde.detail()).endsWith("('~ C')");
        assertThat(answer(thenClose(new byte[] {'~'}), TlsVersion.TLS_1_2).outcome()).isEqualTo(Outcome.NOT_TLS);
        // only what has already arrived is read: a server that sent one letter and then nothing is not waited for
        Result waiting = answer(thenFail(new byte[] {'H'}, new SocketTimeoutException("must not wait")),
                TlsVersion.TLS_1_2);
        assertThat(waiting.detail()).endsWith("('H')");
    }

    @Test
    void notTlsEvidenceIsOnlyWhatHasArrived() {
        // one byte per read and nothing announced as available: the evidence is the first byte, nothing is awaited
        Result r = answer(trickle(ascii("HTTP/1.1 400 Bad Request\r\n")), TlsVersion.TLS_1_2);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_TLS);
        assertThat(r.detail()).isEqualTo("the server answered with text, not TLS ('H')");
    }

    @Test
    void textAfterAPartialHandshakeIsReadAsARecordNotAsPlainText() {
        Result r = answer(thenClose(concat(record(22, new byte[] {2, 0, 0}),
                ascii("HTTP/1.1 400 Bad Request\r\n\r\n"))), TlsVersion.TLS_1_2);
        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.detail()).isEqualTo("record of 20527 bytes");
    }

    /** One byte per read call, and {@code available()} always 0: a slow network. */
    static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------------------------ later messages

    @Test
    void certificateListsThatLieKeepTheCertificatesThatFit() {
        byte[] hello = serverHello(0x0303, ECDHE_RSA_AES128_GCM, null);
        // total claims more than the body: the certificates that are complete are kept
        Bytes lying = new Bytes();
        lying.u24(1000);
        lying.u24(2);
        lying.raw(new byte[] {1, 2});
        lying.u24(50);
        lying.raw(new byte[] {3});
        Result r = tls12(handshakeRecord(hello, handshake(11, lying.toArray()), SERVER_HELLO_DONE));
        assertThat(r.certificates()).hasSize(1);
        assertThat(r.certificates().get(0)).containsExactly(1, 2);
        // total claims less than the body: what is beyond the total is not a certificate
        Bytes shortTotal = new Bytes();
        shortTotal.u24(5);
        shortTotal.u24(2);
        shortTotal.raw(new byte[] {1, 2});
        shortTotal.u24(1);
        shortTotal.raw(new byte[] {3});
        r = tls12(handshakeRecord(hello, handshake(11, shortTotal.toArray()), SERVER_HELLO_DONE));
        assertThat(r.certificates()).hasSize(1);
        // a certificate that ends exactly at the end of the list is kept; an empty one too
        Bytes exact = new Bytes();
        exact.u24(3 + 2 + 3);
        exact.u24(2);
        exact.raw(new byte[] {1, 2});
        exact.u24(0);
        r = tls12(handshakeRecord(hello, handshake(11, exact.toArray()), SERVER_HELLO_DONE));
        assertThat(r.certificates()).hasSize(2);
        assertThat(r.certificates().get(1)).isEmpty();
        // bodies too short for the list length
        for (int n = 0; n < 3; n++) {
            r = tls12(handshakeRecord(hello, handshake(11, new byte[n]), SERVER_HELLO_DONE));
            assertThat(r.outcome()).isEqualTo(Outcome.SERVER_HELLO);
            assertThat(r.certificates()).isEmpty();
        }
        r = tls12(handshakeRecord(hello, handshake(11, new byte[] {0, 0, 5, 0, 0}), SERVER_HELLO_DONE));
        assertThat(r.certificates()).isEmpty();
    }

    @Test
    void dheKeyExchangeReportsThePrimeSize() {
        BigInteger p2048 = BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(159));
        Result r = tls12(handshakeRecord(serverHello(0x0303, DHE_RSA_AES128_GCM, null), dheKeyExchange(p2048),
                SERVER_HELLO_DONE));
        assertThat(r.keyExchangeGroup()).isEqualTo("DH");
        assertThat(r.keyExchangeBits()).isEqualTo(2048);
        // p of length 0, p cut short, a body too short for p's length: no group
        for (byte[] body : new byte[][] {{0, 0, 0, 1, 2}, {0, 9, 1, 2}, {0}, {}}) {
            Result bad = tls12(handshakeRecord(serverHello(0x0303, DHE_RSA_AES128_GCM, null), handshake(12, body),
                    SERVER_HELLO_DONE));
            assertThat(bad.outcome()).isEqualTo(Outcome.SERVER_HELLO);
            assertThat(bad.keyExchangeGroup()).as(Arrays.toString(body)).isNull();
        }
        // a p that ends exactly at the end of the message counts
        Result exact = tls12(handshakeRecord(serverHello(0x0303, DHE_RSA_AES128_GCM, null),
                handshake(12, new byte[] {0, 2, 1, 0}), SERVER_HELLO_DONE));
        assertThat(exact.keyExchangeBits()).isEqualTo(9);
    }

    @Test
    void ecdheKeyExchangeNeedsANamedCurve() {
        for (byte[] body : new byte[][] {{1, 0, 23, 1, 4}, {3, 0}, {}}) {
            Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null), handshake(12, body),
                    SERVER_HELLO_DONE));
            assertThat(r.keyExchangeGroup()).as(Arrays.toString(body)).isNull();
        }
        Result exact = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null),
                handshake(12, new byte[] {3, 0, 24}), SERVER_HELLO_DONE));
        assertThat(exact.keyExchangeGroup()).isEqualTo("secp384r1");
        Result unknown = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null),
                handshake(12, new byte[] {3, 0x12, 0x34}), SERVER_HELLO_DONE));
        assertThat(unknown.keyExchangeGroup()).isEqualTo("group-0x1234");
        assertThat(unknown.keyExchangeBits()).isZero();
    }

    @Test
    void pskKeyExchangesSkipTheIdentityHint() {
        Result ecdhe = tls12(handshakeRecord(serverHello(0x0303, ECDHE_PSK_AES128_CBC, null),
                handshake(12, new byte[] {0, 2, 'h', 'i', 3, 0, 29, 1, 4}), SERVER_HELLO_DONE));
        assertThat(ecdhe.keyExchangeGroup()).isEqualTo("x25519");
        Result dhe = tls12(handshakeRecord(serverHello(0x0303, DHE_PSK_AES128_CBC, null),
                handshake(12, new byte[] {0, 1, 'h', 0, 2, 1, 0}), SERVER_HELLO_DONE));
        assertThat(dhe.keyExchangeGroup()).isEqualTo("DH");
        assertThat(dhe.keyExchangeBits()).isEqualTo(9);
        for (byte[] body : new byte[][] {{0}, {0, 9, 'h'}, {}}) {
            Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_PSK_AES128_CBC, null), handshake(12, body),
                    SERVER_HELLO_DONE));
            assertThat(r.keyExchangeGroup()).as(Arrays.toString(body)).isNull();
        }
        Result shortDhe = tls12(handshakeRecord(serverHello(0x0303, DHE_PSK_AES128_CBC, null),
                handshake(12, new byte[] {0}), SERVER_HELLO_DONE));
        assertThat(shortDhe.keyExchangeGroup()).isNull();
    }

    @Test
    void keyExchangeOfASuiteWithoutEphemeralKeysIsIgnored() {
        Result r = tls12(handshakeRecord(serverHello(0x0303, RSA_AES128_GCM, null), ecdheKeyExchange(23),
                SERVER_HELLO_DONE));
        assertThat(r.keyExchangeGroup()).isNull();
        Result unknownSuite = tls12(handshakeRecord(serverHello(0x0303, 0xEEEE, null), ecdheKeyExchange(23),
                SERVER_HELLO_DONE));
        assertThat(unknownSuite.outcome()).isEqualTo(Outcome.SERVER_HELLO);
        assertThat(unknownSuite.keyExchangeGroup()).isNull();
    }

    @Test
    void unknownHandshakeMessagesAfterTheServerHelloAreSkipped() {
        Result r = tls12(handshakeRecord(serverHello(0x0303, ECDHE_RSA_AES128_GCM, null), handshake(22, new byte[3]),
                handshake(13, new byte[] {1, 1, 0, 0}), ecdheKeyExchange(24), SERVER_HELLO_DONE));
        assertThat(r.keyExchangeGroup()).isEqualTo("secp384r1");
    }

    @Test
    void namedGroupsHaveNamesAndStrengths() {
        assertThat(NamedGroups.name(0x17)).isEqualTo("secp256r1");
        assertThat(NamedGroups.bits(0x100)).isEqualTo(2048);
        assertThat(NamedGroups.name(0x104)).isEqualTo("ffdhe8192");
        assertThat(NamedGroups.name(0xABCD)).isEqualTo("group-0xABCD");
        assertThat(NamedGroups.bits(0xABCD)).isZero();
        assertThat(NamedGroups.finiteField(0xFF)).isFalse();
        assertThat(NamedGroups.finiteField(0x100)).isTrue();
        assertThat(NamedGroups.finiteField(0x1FF)).isTrue();
        assertThat(NamedGroups.finiteField(0x200)).isFalse();
    }
}
