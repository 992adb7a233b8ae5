package io.secperf.tls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One hand-crafted handshake attempt over a plain socket: send a ClientHello, read the server's answer up to the end
 * of its first flight (ServerHelloDone for TLS 1.2 and below, the ServerHello for TLS 1.3), then drop the
 * connection. Nothing is ever encrypted, so the JDK's TLS stack and its {@code jdk.tls.disabledAlgorithms} are not
 * involved at all.
 */
final class HelloExchange {

    /** ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3). */
    private static final byte[] HELLO_RETRY_RANDOM = HexFormat.of().parseHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final int MAX_FLIGHT_BYTES = 512 * 1024;

    /**
     * What became of one hello. TIMEOUT and CONNECT_FAILED are no answer at all (a busy server looks exactly like
     * this), CLOSED is a close or reset without a word (a refusal for some servers, overload for others); the rest
     * are answers. NOT_TLS: the server answered with something that is not a TLS record, such as plain HTTP.
     */
    enum Outcome { SERVER_HELLO, ALERT, CLOSED, TIMEOUT, MALFORMED, CONNECT_FAILED, NOT_TLS }

    /** What the server answered. Fields beyond {@code outcome} are meaningful only for SERVER_HELLO. */
    record Result(Outcome outcome, int version, int suite, int compression, boolean secureRenegotiation,
                  boolean helloRetry, List<byte[]> certificates, String keyExchangeGroup, int keyExchangeBits,
                  int alertDescription, String detail) {

        boolean accepted(TlsVersion offered) {
            return outcome == Outcome.SERVER_HELLO && version == offered.wireValue();
        }

        /** The server said something (a ServerHello, an alert, any bytes): a verdict, not a busy server. */
        boolean answered() {
            return outcome != Outcome.TIMEOUT && outcome != Outcome.CONNECT_FAILED && outcome != Outcome.CLOSED;
        }

        static Result failure(Outcome outcome, String detail) {
            return new Result(outcome, 0, -1, 0, false, false, List.of(), null, 0, -1, detail);
        }
    }

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final String serverName;
    private final SecureRandom random;

    HelloExchange(InetSocketAddress address, int connectTimeoutMillis, int readTimeoutMillis, String serverName,
                  SecureRandom random) {
        this.address = address;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.serverName = serverName;
        this.random = random;
    }

    Result offer(TlsVersion version, List<Integer> suites) {
        byte[] hello = ClientHello.build(version, suites, serverName, random);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0);
            try {
                socket.connect(address, connectTimeoutMillis);
            } catch (IOException e) {
                return Result.failure(Outcome.CONNECT_FAILED, e.toString());
            }
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            return answer(socket.getInputStream(), version);
        } catch (IOException e) {
            return Result.failure(Outcome.CLOSED, e.toString());
        }
    }

    /**
     * Reads the server's answer to a hello for {@code offered} from the raw bytes, which may be hostile: every
     * length is checked against what arrived, and reading stops at the end of the first flight, at
     * {@code MAX_FLIGHT_BYTES} or after twice the read timeout. Separate from {@link #offer} so the parsing is tested
     * on crafted bytes.
     */
    Result answer(InputStream raw, TlsVersion offered) {
        try {
            return read(new DataInputStream(new BufferedInputStream(raw, 8192)), offered);
        } catch (SocketTimeoutException e) {
            return Result.failure(Outcome.TIMEOUT, "no answer within " + readTimeoutMillis + " ms");
        } catch (EOFException e) {
            return Result.failure(Outcome.CLOSED, "connection closed");
        } catch (IOException e) {
            return Result.failure(Outcome.CLOSED, e.toString());
        }
    }

    /** What has been read so far, so a flight cut short after the ServerHello still counts as accepted. */
    private static final class Flight {
        ServerHello hello;
        List<byte[]> certificates = List.of();
        String group;
        int groupBits;

        Result result() {
            if (hello.keyShareGroup() >= 0) {
                group = NamedGroups.name(hello.keyShareGroup());
                groupBits = NamedGroups.bits(hello.keyShareGroup());
            }
            return new Result(Outcome.SERVER_HELLO, hello.negotiatedVersion(), hello.suite(), hello.compression(),
                    hello.secureRenegotiation(), hello.helloRetry(), certificates, group, groupBits, -1, null);
        }
    }

    private Result read(DataInputStream in, TlsVersion offered) throws IOException {
        Flight flight = new Flight();
        try {
            return read(in, offered, flight);
        } catch (IOException e) {
            if (flight.hello != null) {
                return flight.result();
            }
            throw e;
        }
    }

    private Result read(DataInputStream in, TlsVersion offered, Flight flight) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int parsed = 0;
        long deadline = System.nanoTime() + 2L * readTimeoutMillis * 1_000_000L;
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("server flight not complete within " + 2 * readTimeoutMillis + " ms");
            }
            int type = in.readUnsignedByte();
            if (flight.hello == null && handshake.size() == 0 && (type < 20 || type > 23)
                    && type >= 0x20 && type < 0x7F) {
                return notTls(type, in);
            }
            if ((type & 0x80) != 0) {
                return Result.failure(Outcome.MALFORMED, "SSLv2-format answer");
            }
            in.readUnsignedShort();
            int length = in.readUnsignedShort();
            if (length > 18432) {
                return Result.failure(Outcome.MALFORMED, "record of " + length + " bytes");
            }
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            if (type == 21) {
                if (flight.hello != null) {
                    break;
                }
                int description = length >= 2 ? fragment[1] & 0xFF : -1;
                return new Result(Outcome.ALERT, 0, -1, 0, false, false, List.of(), null, 0, description,
                        "alert " + AlertNames.name(description));
            }
            if (type != 22) {
                if (flight.hello != null) {
                    break;
                }
                return Result.failure(Outcome.MALFORMED, "record type " + type + " before ServerHello");
            }
            handshake.write(fragment);
            if (handshake.size() > MAX_FLIGHT_BYTES) {
                if (flight.hello != null) {
                    // the server did answer with a ServerHello: a flight too large to read is cut short, like a close
                    break;
                }
                return Result.failure(Outcome.MALFORMED, "server flight larger than " + MAX_FLIGHT_BYTES);
            }
            byte[] buffer = handshake.toByteArray();
            boolean done = false;
            while (buffer.length - parsed >= 4) {
                int msgType = buffer[parsed] & 0xFF;
                int msgLength = ((buffer[parsed + 1] & 0xFF) << 16) | ((buffer[parsed + 2] & 0xFF) << 8)
                        | (buffer[parsed + 3] & 0xFF);
                if (buffer.length - parsed - 4 < msgLength) {
                    break;
                }
                byte[] body = Arrays.copyOfRange(buffer, parsed + 4, parsed + 4 + msgLength);
                parsed += 4 + msgLength;
                if (flight.hello == null) {
                    if (msgType != 2) {
                        return Result.failure(Outcome.MALFORMED, "handshake type " + msgType + " before ServerHello");
                    }
                    flight.hello = ServerHello.parse(body);
                    if (flight.hello == null) {
                        return Result.failure(Outcome.MALFORMED, "unparsable ServerHello");
                    }
                    if (flight.hello.negotiatedVersion() == TlsVersion.TLS_1_3.wireValue()
                            || offered == TlsVersion.TLS_1_3 || flight.hello.negotiatedVersion() != offered.wireValue()) {
                        done = true;
                        break;
                    }
                } else if (msgType == 11) {
                    flight.certificates = parseCertificates(body);
                } else if (msgType == 12) {
                    CipherSuite suite = CipherSuiteCatalog.forId(flight.hello.suite());
                    int[] kex = parseKeyExchange(body, suite);
                    if (kex != null) {
                        if (kex[0] == -1) {
                            flight.group = "DH";
                            flight.groupBits = kex[1];
                        } else {
                            flight.group = NamedGroups.name(kex[0]);
                            flight.groupBits = NamedGroups.bits(kex[0]);
                        }
                    }
                } else if (msgType == 14) {
                    done = true;
                    break;
                }
            }
            if (done) {
                break;
            }
        }
        return flight.result();
    }

    /**
     * The server answered with printable text where a TLS record should start: usually plain HTTP on a port that is
     * not TLS. Reads at most the first line (80 bytes, what is already there) for the evidence.
     */
    private static Result notTls(int first, DataInputStream in) {
        StringBuilder line = new StringBuilder().append((char) first);
        try {
            while (line.length() < 80 && in.available() > 0) {
                int b = in.read();
                if (b < 0x20 || b >= 0x7F) {
                    break;
                }
                line.append((char) b);
            }
        } catch (IOException e) {
            // what arrived is enough
        }
        String text = line.toString().strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean http = text.startsWith("HTTP/") || lower.startsWith("<!doctype") || lower.startsWith("<html")
                || lower.startsWith("<head") || lower.startsWith("<body");
        return Result.failure(Outcome.NOT_TLS, (http ? "the server answered in plain HTTP"
                : "the server answered with text, not TLS") + " ('" + text + "')");
    }

    private static List<byte[]> parseCertificates(byte[] body) {
        List<byte[]> certs = new ArrayList<>();
        if (body.length < 3) {
            return certs;
        }
        int total = ((body[0] & 0xFF) << 16) | ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
        int pos = 3;
        int end = Math.min(body.length, 3 + total);
        while (pos + 3 <= end) {
            int len = ((body[pos] & 0xFF) << 16) | ((body[pos + 1] & 0xFF) << 8) | (body[pos + 2] & 0xFF);
            pos += 3;
            if (pos + len > end) {
                break;
            }
            certs.add(Arrays.copyOfRange(body, pos, pos + len));
            pos += len;
        }
        return certs;
    }

    /** {group id, bits} for ECDHE, {-1, prime bits} for DHE, or null. Skips a PSK identity hint first. */
    private static int[] parseKeyExchange(byte[] body, CipherSuite suite) {
        int pos = 0;
        CipherSuite.KeyExchange kx = suite.keyExchange();
        if (kx == CipherSuite.KeyExchange.DHE_PSK || kx == CipherSuite.KeyExchange.ECDHE_PSK) {
            if (body.length < 2) {
                return null;
            }
            pos += 2 + (((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
        }
        if (kx == CipherSuite.KeyExchange.DHE || kx == CipherSuite.KeyExchange.DHE_PSK) {
            if (body.length < pos + 2) {
                return null;
            }
            int pLength = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
            if (body.length < pos + 2 + pLength || pLength == 0) {
                return null;
            }
            BigInteger p = new BigInteger(1, Arrays.copyOfRange(body, pos + 2, pos + 2 + pLength));
            return new int[] {-1, p.bitLength()};
        }
        if (kx == CipherSuite.KeyExchange.ECDHE || kx == CipherSuite.KeyExchange.ECDHE_PSK) {
            if (body.length < pos + 3 || (body[pos] & 0xFF) != 3) {
                return null;
            }
            return new int[] {((body[pos + 1] & 0xFF) << 8) | (body[pos + 2] & 0xFF), 0};
        }
        return null;
    }

    /** The parts of a ServerHello the probe reads. */
    record ServerHello(int negotiatedVersion, int suite, int compression, boolean secureRenegotiation,
                       boolean helloRetry, int keyShareGroup) {

        static ServerHello parse(byte[] b) {
            try {
                int pos = 0;
                int version = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
                pos += 2;
                boolean retry = Arrays.equals(Arrays.copyOfRange(b, pos, pos + 32), HELLO_RETRY_RANDOM);
                pos += 32;
                int sessionIdLength = b[pos] & 0xFF;
                pos += 1 + sessionIdLength;
                int suite = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
                pos += 2;
                int compression = b[pos] & 0xFF;
                pos += 1;
                boolean secureRenegotiation = false;
                int keyShare = -1;
                if (pos + 2 <= b.length) {
                    int extEnd = Math.min(b.length, pos + 2 + (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF)));
                    pos += 2;
                    while (pos + 4 <= extEnd) {
                        int type = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
                        int len = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
                        pos += 4;
                        if (pos + len > extEnd) {
                            return null;
                        }
                        if (type == 0xFF01) {
                            secureRenegotiation = true;
                        } else if (type == 0x002B && len >= 2) {
                            version = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
                        } else if (type == 0x0033 && len >= 2) {
                            keyShare = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
                        }
                        pos += len;
                    }
                }
                return new ServerHello(version, suite, compression, secureRenegotiation, retry, keyShare);
            } catch (ArrayIndexOutOfBoundsException e) {
                return null;
            }
        }
    }

    /** Alert descriptions (RFC 8446 §6) for readable evidence. */
    static final class AlertNames {
        private AlertNames() {
        }

        static String name(int d) {
            return switch (d) {
                case 0 -> "close_notify";
                case 10 -> "unexpected_message";
                case 20 -> "bad_record_mac";
                case 22 -> "record_overflow";
                case 40 -> "handshake_failure";
                case 42 -> "bad_certificate";
                case 47 -> "illegal_parameter";
                case 50 -> "decode_error";
                case 51 -> "decrypt_error";
                case 70 -> "protocol_version";
                case 71 -> "insufficient_security";
                case 80 -> "internal_error";
                case 86 -> "inappropriate_fallback";
                case 90 -> "user_canceled";
                case 100 -> "no_renegotiation";
                case 109 -> "missing_extension";
                case 110 -> "unsupported_extension";
                case 112 -> "unrecognized_name";
                case 120 -> "no_application_protocol";
                default -> "#" + d;
            };
        }
    }

}
