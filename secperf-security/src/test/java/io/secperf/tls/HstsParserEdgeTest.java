package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.tls.HstsResult.Status;

import org.junit.jupiter.api.Test;

/**
 * The Strict-Transport-Security header is written by the server under test, so anything can arrive: these pin the
 * RFC 6797 §6.1 grammar at its edges (quoting, duplicates, case, valueless directives, odd status lines).
 */
class HstsParserEdgeTest {

    static HstsResult value(String header) {
        return HstsParser.parseValue(header, 200);
    }

    static HstsResult response(String head) {
        return HstsParser.parseResponse(head);
    }

    @Test
    void presentHeaderKeepsTheValueAsSentAndTheStatus() {
        HstsResult r = HstsParser.parseValue("max-age=31536000; includeSubDomains", 301);
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.header()).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(r.maxAgeSeconds()).isEqualTo(31_536_000L);
        assertThat(r.includeSubDomains()).isTrue();
        assertThat(r.preload()).isFalse();
        assertThat(r.httpStatus()).isEqualTo(301);
        assertThat(r.detail()).isNull();
    }

    @Test
    void directivesWithoutIncludeSubDomainsOrPreloadLeaveThemOff() {
        HstsResult r = value("max-age=5");
        assertThat(r.includeSubDomains()).isFalse();
        assertThat(r.preload()).isFalse();
        HstsResult only = value("preload; max-age=5");
        assertThat(only.preload()).isTrue();
        assertThat(only.includeSubDomains()).isFalse();
    }

    @Test
    void directiveNamesAreCaseInsensitiveAndSpacesAroundTokensAreAllowed() {
        HstsResult r = value("  MAX-AGE = 600 ;INCLUDESUBDOMAINS ;  PreLoad  ");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(600);
        assertThat(r.includeSubDomains()).isTrue();
        assertThat(r.preload()).isTrue();
    }

    @Test
    void emptyDirectivesAreAllowed() {
        HstsResult r = value(";; max-age=7 ;; ; includeSubDomains;");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(7);
        assertThat(r.includeSubDomains()).isTrue();
    }

    @Test
    void maxAgeQuoting() {
        assertThat(value("max-age=\"0\"").maxAgeSeconds()).isZero();
        assertThat(value("max-age=\"1\"").status()).isEqualTo(Status.PRESENT);
        assertThat(value("max-age=\"\"").detail()).isEqualTo("max-age is not a number: ");
        assertThat(value("max-age=\"").detail()).isEqualTo("max-age is not a number: \"");
        assertThat(value("max-age=\"12").detail()).isEqualTo("max-age is not a number: \"12");
        assertThat(value("max-age=12\"").status()).isEqualTo(Status.MALFORMED);
        assertThat(value("max-age='12'").status()).isEqualTo(Status.MALFORMED);
        assertThat(value("max-age=\" 12\"").status()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void maxAgeMustBeDigitsOnly() {
        for (String bad : new String[] {"+5", "-0", "5s", "0x10", "1.5", "1e3", "", " ", "٣"}) {
            HstsResult r = value("max-age=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(Status.MALFORMED);
            assertThat(r.maxAgeSeconds()).isEqualTo(-1);
            assertThat(r.includeSubDomains()).isFalse();
        }
        assertThat(value("max-age").detail()).isEqualTo("max-age without a value");
        assertThat(value("max-age=").detail()).isEqualTo("max-age is not a number: ");
        assertThat(value("max-age=007").maxAgeSeconds()).isEqualTo(7);
        assertThat(value("max-age=999999999999999999").maxAgeSeconds()).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void malformedHeadersReportNoDirectives() {
        HstsResult r = value("includeSubDomains; preload; max-age=x");
        assertThat(r.status()).isEqualTo(Status.MALFORMED);
        assertThat(r.header()).isEqualTo("includeSubDomains; preload; max-age=x");
        assertThat(r.includeSubDomains()).isFalse();
        assertThat(r.preload()).isFalse();
        assertThat(r.httpStatus()).isEqualTo(200);
        HstsResult none = value("includeSubDomains; preload");
        assertThat(none.detail()).isEqualTo("no max-age directive");
        assertThat(none.maxAgeSeconds()).isEqualTo(-1);
        assertThat(value("").detail()).isEqualTo("no max-age directive");
    }

    @Test
    void everyDirectiveMayAppearOnlyOnceWhateverItsCase() {
        assertThat(value("max-age=1; Max-Age=1").detail()).isEqualTo("directive 'max-age' appears twice");
        assertThat(value("max-age=1; includeSubDomains; includesubdomains").detail())
                .isEqualTo("directive 'includesubdomains' appears twice");
        assertThat(value("preload; max-age=1; PRELOAD").status()).isEqualTo(Status.MALFORMED);
        assertThat(value("max-age=1; foo; foo=2").detail()).isEqualTo("directive 'foo' appears twice");
        assertThat(value("max-age=1; includeSubDomains=yes").includeSubDomains()).isTrue();
    }

    @Test
    void unknownDirectivesAreIgnored() {
        HstsResult r = value("max-age=60; report-uri=\"https://r.example/\"; x-custom");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(60);
    }

    @Test
    void quotedValuesMayHoldSemicolons() {
        // RFC 6797 §6.1: directive-value = token | quoted-string; a ';' inside quotes does not end the directive
        HstsResult r = value("report=\"a;max-age=5\"; max-age=10");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(10);
        HstsResult escaped = value("report=\"a\\\";max-age=5\"; max-age=11; includeSubDomains");
        assertThat(escaped.maxAgeSeconds()).isEqualTo(11);
        assertThat(escaped.includeSubDomains()).isTrue();
        // an unterminated quote runs to the end, so what follows is not a directive
        assertThat(value("max-age=3; report=\"a; includeSubDomains").includeSubDomains()).isFalse();
        assertThat(HstsParser.directives("a;b;")).containsExactly("a", "b", "");
        assertThat(HstsParser.directives("")).containsExactly("");
        assertThat(HstsParser.directives("a=\"\\\\\";b")).containsExactly("a=\"\\\\\"", "b");
        assertThat(HstsParser.directives("a=\"x;\\")).containsExactly("a=\"x;\\");
    }

    @Test
    void maxAgeLargerThanALongIsClampedNotMalformed() {
        // delta-seconds is 1*DIGIT with no upper bound (RFC 6797 §6.1.1); browsers clamp huge values
        HstsResult r = value("max-age=99999999999999999999999; includeSubDomains");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.includeSubDomains()).isTrue();
        assertThat(value("max-age=9223372036854775807").maxAgeSeconds()).isEqualTo(Long.MAX_VALUE);
        assertThat(value("max-age=9223372036854775808").maxAgeSeconds()).isEqualTo(Long.MAX_VALUE);
        assertThat(value("max-age=0000000000000000000000000001").maxAgeSeconds()).isEqualTo(1);
    }

    @Test
    void statusLineVariants() {
        assertThat(response("HTTP/1.1 404 Not Found\r\n\r\n").httpStatus()).isEqualTo(404);
        assertThat(response("HTTP/1.0 301\r\n\r\n").httpStatus()).isEqualTo(301);
        assertThat(response("HTTP/2\r\n\r\n").httpStatus()).isEqualTo(-1);
        assertThat(response("HTTP/1.1 abc OK\r\n\r\n").httpStatus()).isEqualTo(-1);
        assertThat(response("HTTP/1.1  200 OK\r\n\r\n").httpStatus()).isEqualTo(-1);
        HstsResult missing = response("HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n");
        assertThat(missing.status()).isEqualTo(Status.MISSING);
        assertThat(missing.detail()).isEqualTo("no Strict-Transport-Security header (HTTP 204)");
        assertThat(missing.header()).isNull();
        assertThat(missing.maxAgeSeconds()).isEqualTo(-1);
        assertThat(missing.httpStatus()).isEqualTo(204);
    }

    @Test
    void notAnHttpResponse() {
        for (String head : new String[] {"", "\r\n", "\r\n\r\n", "http/1.1 200 OK\r\n", "SSH-2.0-x\r\n"}) {
            HstsResult r = response(head);
            assertThat(r.status()).as("'%s'", head).isEqualTo(Status.NOT_TESTED);
            assertThat(r.detail()).isEqualTo("not an HTTP response");
        }
    }

    @Test
    void headerNameMatchingIsExactButCaseInsensitive() {
        assertThat(response("HTTP/1.1 200 OK\r\nSTRICT-TRANSPORT-SECURITY: max-age=5\r\n\r\n").maxAgeSeconds())
                .isEqualTo(5);
        assertThat(response("HTTP/1.1 200 OK\r\nX-Strict-Transport-Security: max-age=5\r\n\r\n").status())
                .isEqualTo(Status.MISSING);
        assertThat(response("HTTP/1.1 200 OK\r\nStrict-Transport-Security-Report: max-age=5\r\n\r\n").status())
                .isEqualTo(Status.MISSING);
        assertThat(response("HTTP/1.1 200 OK\r\nStrict-Transport-Security max-age=5\r\n\r\n").status())
                .isEqualTo(Status.MISSING);
        assertThat(response("HTTP/1.1 200 OK\r\n: max-age=5\r\n\r\n").status()).isEqualTo(Status.MISSING);
        // the value is everything after the first colon
        HstsResult colon = response("HTTP/1.1 200 OK\r\nStrict-Transport-Security:max-age=5; x=a:b\r\n\r\n");
        assertThat(colon.header()).isEqualTo("max-age=5; x=a:b");
        assertThat(colon.maxAgeSeconds()).isEqualTo(5);
    }

    @Test
    void theStatusLineIsNotAHeader() {
        assertThat(response("HTTP/1.1 200 Strict-Transport-Security: max-age=5\r\n\r\n").status())
                .isEqualTo(Status.MISSING);
    }

    @Test
    void firstOfSeveralHeadersCountsEvenWhenMalformed() {
        // RFC 6797 §8.1: only the first header is processed
        HstsResult r = response("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=x\r\n"
                + "Strict-Transport-Security: max-age=5\r\n\r\n");
        assertThat(r.status()).isEqualTo(Status.MALFORMED);
        assertThat(r.header()).isEqualTo("max-age=x");
    }

    @Test
    void bareLineFeedsEndHeaderLinesToo() {
        // RFC 9112 §2.2: a recipient MAY recognise a single LF as a line terminator; browsers do
        HstsResult r = response("HTTP/1.1 200 OK\nServer: x\nStrict-Transport-Security: max-age=86400\n\n");
        assertThat(r.status()).isEqualTo(Status.PRESENT);
        assertThat(r.maxAgeSeconds()).isEqualTo(86_400);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(response("HTTP/1.1 200 OK\r\nServer: x\nStrict-Transport-Security: max-age=3\r\n\r\n")
                .maxAgeSeconds()).isEqualTo(3);
    }
}
