package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HstsParserTest {

    static HstsResult head(String headers) {
        return HstsParser.parseResponse("HTTP/1.1 200 OK\r\n" + headers + "\r\n");
    }

    @Test
    void readsDirectivesCaseInsensitivelyWithQuotedMaxAge() {
        HstsResult r = head("Content-Type: text/plain\r\nstrict-transport-security: Max-Age=\"63072000\"; "
                + "includeSubDomains; preload\r\n");
        assertThat(r.status()).isEqualTo(HstsResult.Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(63_072_000L);
        assertThat(r.includeSubDomains()).isTrue();
        assertThat(r.preload()).isTrue();
        assertThat(r.httpStatus()).isEqualTo(200);
    }

    @Test
    void onlyTheFirstHeaderCounts() {
        HstsResult r = head("Strict-Transport-Security: max-age=10\r\nStrict-Transport-Security: max-age=99999999\r\n");
        assertThat(r.maxAgeSeconds()).isEqualTo(10);
    }

    @Test
    void missingMalformedAndNotHttp() {
        assertThat(head("Server: x\r\n").status()).isEqualTo(HstsResult.Status.MISSING);
        assertThat(head("Strict-Transport-Security: includeSubDomains\r\n").status())
                .isEqualTo(HstsResult.Status.MALFORMED);
        assertThat(head("Strict-Transport-Security: max-age=1; max-age=2\r\n").detail()).contains("twice");
        assertThat(head("Strict-Transport-Security: max-age=-5\r\n").status()).isEqualTo(HstsResult.Status.MALFORMED);
        assertThat(head("Strict-Transport-Security: max-age=1 day\r\n").status())
                .isEqualTo(HstsResult.Status.MALFORMED);
        assertThat(head("Strict-Transport-Security: max-age=0; foo=bar\r\n").maxAgeSeconds()).isZero();
        assertThat(HstsParser.parseResponse("SSH-2.0-OpenSSH\r\n").status()).isEqualTo(HstsResult.Status.NOT_TESTED);
    }
}
