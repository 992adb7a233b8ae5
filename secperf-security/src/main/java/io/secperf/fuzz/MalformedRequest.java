package io.secperf.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hand-made HTTP/1.1 request that breaks the message syntax of RFC 9112 or a common server limit, sent over a
 * raw socket because no HTTP client library would produce it. The catalogue follows the malformed-traffic list of
 * docs/security-checks.md (Schemathesis, RESTler, Http11Probe, RFC 9112, slowhttptest).
 *
 * @param name         stable id, e.g. "cl-te-conflict"
 * @param description  what is wrong with it
 * @param kind         how it is sent and judged
 * @param mustReject   a 2xx/3xx answer is a finding (FUZZ-ACCEPTED): the request is invalid, not just large
 * @param allowed5xx   5xx statuses that are the correct answer here (501 for an unknown transfer coding, 505 for
 *                     an unsupported version)
 * @param bytes        the bytes sent; a copy is kept and returned
 */
public record MalformedRequest(String name, String description, Kind kind, boolean mustReject,
                               Set<Integer> allowed5xx, byte[] bytes) {

    /** How the request is sent and what is waited for. */
    public enum Kind {
        /** a complete request: an answer (or a close) must come within the request timeout */
        COMPLETE,
        /** sent, then the sending side is shut down: the server sees the end of the stream */
        HALF_CLOSE,
        /** sent in part, then nothing: the server must give up within the partial-request timeout */
        PARTIAL,
        /** Content-Length and Transfer-Encoding together: the server must reject or close afterwards */
        CONFLICT
    }

    public MalformedRequest {
        allowed5xx = Set.copyOf(allowed5xx);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The request as evidence: exact, with non-printable bytes as {@code \xNN}, cut at 600 characters. */
    public String describeBytes() {
        return FuzzInput.escape(bytes, 600) + " (" + bytes.length + " bytes)";
    }

    /**
     * The catalogue.
     *
     * @param host Host header value
     * @param path request target for the requests (ASCII, starting with "/")
     */
    public static List<MalformedRequest> catalogue(String host, String path) {
        List<MalformedRequest> list = new ArrayList<>();
        String h = "Host: " + host + "\r\n";
        String get = "GET " + path;
        String post = "POST " + path + " HTTP/1.1\r\n" + h;
        String sep = path.contains("?") ? "&" : "?";
        list.add(complete("url-8k", "request target over 8 KB (RFC 9112 §3 recommends supporting 8000 octets)",
                false, get + sep + "q=" + "a".repeat(8_200) + " HTTP/1.1\r\n" + h + "\r\n"));
        list.add(complete("url-64k", "request target of 64 KB", false,
                get + sep + "q=" + "a".repeat(65_536) + " HTTP/1.1\r\n" + h + "\r\n"));
        list.add(complete("header-64k", "one header field value of 64 KB", false,
                get + " HTTP/1.1\r\n" + h + "X-Fuzz: " + "a".repeat(65_536) + "\r\n\r\n"));
        StringBuilder many = new StringBuilder(get + " HTTP/1.1\r\n" + h);
        for (int i = 0; i < 10_000; i++) {
            many.append("X-Fuzz-").append(i).append(": ").append(i).append("\r\n");
        }
        list.add(complete("headers-10000", "10,000 header fields", false, many.append("\r\n").toString()));
        list.add(complete("method-8k", "an 8 KB method token", true,
                "A".repeat(8_192) + " " + path + " HTTP/1.1\r\n" + h + "\r\n"));
        list.add(raw("nul-in-header", "NUL byte in a header value (RFC 9110 §5.5: must reject or replace)",
                Kind.COMPLETE, true, Set.of(), bytes(get + " HTTP/1.1\r\n" + h + "X-Fuzz: a"), new byte[] {0},
                bytes("b\r\n\r\n")));
        list.add(raw("ctl-in-header", "control bytes 0x01 and 0x7f in a header value", Kind.COMPLETE, true,
                Set.of(), bytes(get + " HTTP/1.1\r\n" + h + "X-Fuzz: a"), new byte[] {1, 0x7f},
                bytes("b\r\n\r\n")));
        list.add(raw("nul-in-target", "NUL byte in the request target", Kind.COMPLETE, true, Set.of(),
                bytes(get), new byte[] {0}, bytes("x HTTP/1.1\r\n" + h + "\r\n")));
        list.add(raw("non-ascii-target", "raw non-ASCII bytes (é, 0xff) in the request line", Kind.COMPLETE, true,
                Set.of(), bytes(get), new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xff},
                bytes(" HTTP/1.1\r\n" + h + "\r\n")));
        list.add(complete("space-before-colon", "whitespace between field name and colon (RFC 9112 §5.1: must "
                + "reject with 400)", true, get + " HTTP/1.1\r\n" + h + "X-Fuzz : a\r\n\r\n"));
        list.add(complete("host-missing", "HTTP/1.1 request without Host (RFC 9112 §3.2: must answer 400)", true,
                get + " HTTP/1.1\r\n\r\n"));
        list.add(complete("host-duplicate", "two Host fields (RFC 9112 §3.2: must answer 400)", true,
                get + " HTTP/1.1\r\n" + h + "Host: other.invalid\r\n\r\n"));
        list.add(complete("version-unknown", "HTTP/9.9 (505 is a correct answer)", false,
                get + " HTTP/9.9\r\n" + h + "\r\n", 505));
        list.add(complete("cl-negative", "Content-Length: -1", true,
                post + "Content-Length: -1\r\n\r\n"));
        list.add(complete("cl-2^63", "Content-Length 2^63, one past the largest signed 64-bit number", true,
                post + "Content-Length: 9223372036854775808\r\n\r\n"));
        list.add(complete("cl-2^64", "Content-Length 2^64, past any 64-bit counter", true,
                post + "Content-Length: 18446744073709551616\r\n\r\n"));
        list.add(complete("cl-empty", "empty Content-Length", true, post + "Content-Length: \r\n\r\n"));
        list.add(complete("cl-duplicate", "two differing Content-Length fields (RFC 9112 §6.3: unrecoverable "
                + "error)", true, post + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"));
        list.add(complete("cl-not-a-number", "Content-Length: 5x", true,
                post + "Content-Length: 5x\r\n\r\nhello"));
        list.add(new MalformedRequest("cl-te-conflict", "Content-Length with Transfer-Encoding: chunked "
                + "(RFC 9112 §6.1: reject, or process as chunked and close the connection afterwards)",
                Kind.CONFLICT, false, Set.of(), bytes(post + "Content-Length: 5\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n0\r\n\r\n")));
        list.add(complete("te-unknown", "Transfer-Encoding: xchunked (501 is a correct answer)", true,
                post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 501));
        list.add(complete("chunk-size-overflow", "chunk size 0xFFFFFFFFFFFFFFFFFFFF, past 64 bits", true,
                post + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"));
        list.add(complete("chunk-size-invalid", "chunk size 'zz'", true,
                post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
        list.add(raw("chunk-no-terminator", "chunked body without the last chunk, then end of stream",
                Kind.HALF_CLOSE, true, Set.of(), bytes(post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")));
        list.add(raw("partial-headers", "request cut off inside the header section, then silence", Kind.PARTIAL,
                false, Set.of(), bytes(get + " HTTP/1.1\r\n" + h + "X-Partial: ")));
        list.add(raw("partial-body", "Content-Length 100 with 10 bytes sent, then silence", Kind.PARTIAL, false,
                Set.of(), bytes(post + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":\"b\",")));
        return List.copyOf(list);
    }

    private static MalformedRequest complete(String name, String description, boolean mustReject, String text,
                                             Integer... allowed5xx) {
        return new MalformedRequest(name, description, Kind.COMPLETE, mustReject, Set.of(allowed5xx), bytes(text));
    }

    private static MalformedRequest raw(String name, String description, Kind kind, boolean mustReject,
                                        Set<Integer> allowed5xx, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return new MalformedRequest(name, description, kind, mustReject, allowed5xx, out.toByteArray());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
