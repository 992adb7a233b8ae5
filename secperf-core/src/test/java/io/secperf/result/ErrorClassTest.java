package io.secperf.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassTest {

    private static Sample failed(String code, String message, String failure) {
        return new Sample(1_700_000_000_000L, 12, "GET /", code, message, false, failure, 0, 0, 0, 0, 1);
    }

    @Test
    void successIsNoErrorWhateverTheStatus() {
        assertThat(ErrorClass.of(new Sample(0, 1, "l", "200", "OK", true, "", 0, 0, 0, 0, 1))).isEqualTo(ErrorClass.NONE);
        // a 404 that an assertion declared expected is a success
        assertThat(ErrorClass.of(new Sample(0, 1, "l", "404", "Not Found", true, "", 0, 0, 0, 0, 1)))
                .isEqualTo(ErrorClass.NONE);
        assertThat(ErrorClass.of(true, null, null, null)).isEqualTo(ErrorClass.NONE);
    }

    @Test
    void httpStatusClasses() {
        for (int status = 400; status <= 599; status++) {
            ErrorClass expected = status == 401 || status == 403 ? ErrorClass.AUTH_REJECTED
                    : status < 500 ? ErrorClass.HTTP_4XX : ErrorClass.HTTP_5XX;
            assertThat(ErrorClass.of(failed(Integer.toString(status), "x", ""))).as("status %d", status)
                    .isEqualTo(expected);
        }
        assertThat(ErrorClass.of(failed("401", "Unauthorized", ""))).isEqualTo(ErrorClass.AUTH_REJECTED);
        assertThat(ErrorClass.of(failed("403", "Forbidden", ""))).isEqualTo(ErrorClass.AUTH_REJECTED);
    }

    @Test
    void failedResponseBelow400IsAnAssertion() {
        assertThat(ErrorClass.of(failed("200", "OK", "Test failed: text expected to contain /token/")))
                .isEqualTo(ErrorClass.ASSERTION);
        assertThat(ErrorClass.of(failed("302", "Found", "The operation lasted too long"))).isEqualTo(ErrorClass.ASSERTION);
        assertThat(ErrorClass.of(failed("204", "No Content", ""))).isEqualTo(ErrorClass.ASSERTION);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // strings exactly as HTTPSamplerBase#errorResult writes them (JMeter 5.6.3, HttpClient 4 implementation)
            "Non HTTP response code: java.net.SocketException|Non HTTP response message: Connection reset|CONNECTION_RESET",
            "Non HTTP response code: java.net.SocketException|Non HTTP response message: Connection reset by peer|CONNECTION_RESET",
            "Non HTTP response code: java.net.SocketException|Non HTTP response message: Broken pipe|CONNECTION_RESET",
            "Non HTTP response code: org.apache.http.NoHttpResponseException|Non HTTP response message: 127.0.0.1:8443 failed to respond|CONNECTION_RESET",
            "Non HTTP response code: javax.net.ssl.SSLException|Non HTTP response message: Connection reset|CONNECTION_RESET",
            "Non HTTP response code: org.apache.http.conn.HttpHostConnectException|Non HTTP response message: Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused|CONNECTION_REFUSED",
            "Non HTTP response code: java.net.ConnectException|Non HTTP response message: Connection refused|CONNECTION_REFUSED",
            "Non HTTP response code: java.net.SocketTimeoutException|Non HTTP response message: Read timed out|TIMEOUT",
            "Non HTTP response code: java.net.SocketTimeoutException|Non HTTP response message: connect timed out|TIMEOUT",
            "Non HTTP response code: org.apache.http.conn.ConnectTimeoutException|Non HTTP response message: Connect to 10.255.255.1:80 [/10.255.255.1] failed: connect timed out|TIMEOUT",
            "Non HTTP response code: java.net.ConnectException|Non HTTP response message: Connection timed out|TIMEOUT",
            "Non HTTP response code: javax.net.ssl.SSLHandshakeException|Non HTTP response message: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target|TLS_HANDSHAKE",
            "Non HTTP response code: javax.net.ssl.SSLHandshakeException|Non HTTP response message: Received fatal alert: handshake_failure|TLS_HANDSHAKE",
            "Non HTTP response code: javax.net.ssl.SSLHandshakeException|Non HTTP response message: Remote host terminated the handshake|TLS_HANDSHAKE",
            "Non HTTP response code: javax.net.ssl.SSLException|Non HTTP response message: Unsupported or unrecognized SSL message|TLS_HANDSHAKE",
            "Non HTTP response code: javax.net.ssl.SSLPeerUnverifiedException|Non HTTP response message: Certificate for <localhost> doesn't match any of the subject alternative names: [example.org]|TLS_HANDSHAKE",
            "Non HTTP response code: java.net.UnknownHostException|Non HTTP response message: nosuchhost.invalid: Name or service not known|OTHER",
            "Non HTTP response code: java.lang.IllegalArgumentException|Non HTTP response message: Illegal character in path at index 5|OTHER",
    })
    void nonHttpErrorsAsJMeterReportsThem(String code, String message, ErrorClass expected) {
        assertThat(ErrorClass.of(failed(code, message, ""))).isEqualTo(expected);
        // a JTL row carries the same strings: classification is the same function of the raw fields
        assertThat(ErrorClass.of(false, code, message, null)).isEqualTo(expected);
    }

    @Test
    void samplesWithoutStatus() {
        assertThat(ErrorClass.of(failed("", "", "Assertion failed: expected 3 items"))).isEqualTo(ErrorClass.ASSERTION);
        assertThat(ErrorClass.of(failed("", "", ""))).isEqualTo(ErrorClass.OTHER);
        assertThat(ErrorClass.of(false, null, null, null)).isEqualTo(ErrorClass.OTHER);
        assertThat(ErrorClass.of(failed("999", "custom", ""))).isEqualTo(ErrorClass.OTHER);
        assertThat(ErrorClass.of(failed("abc", "", ""))).isEqualTo(ErrorClass.OTHER);
    }

    @Test
    void errorClassesExcludeNone() {
        assertThat(ErrorClass.errorClasses()).doesNotContain(ErrorClass.NONE)
                .hasSize(ErrorClass.values().length - 1);
    }

    @Test
    void theStatusRangesAreExactAtTheirEdges() {
        assertThat(ErrorClass.of(failed("100", "Continue", ""))).isEqualTo(ErrorClass.ASSERTION);
        assertThat(ErrorClass.of(failed("399", "x", ""))).isEqualTo(ErrorClass.ASSERTION);
        assertThat(ErrorClass.of(failed("099", "x", ""))).isEqualTo(ErrorClass.OTHER);
        assertThat(ErrorClass.of(failed("600", "x", ""))).isEqualTo(ErrorClass.OTHER);
        // a status surrounded by spaces is still that status
        assertThat(ErrorClass.of(failed(" 404 ", "Not Found", ""))).isEqualTo(ErrorClass.HTTP_4XX);
        assertThat(ErrorClass.of(failed("  503", "x", ""))).isEqualTo(ErrorClass.HTTP_5XX);
        // three digits are a status (even 000), whatever the message says; three other characters are not
        assertThat(ErrorClass.of(failed("000", "Non HTTP response message: Read timed out", "")))
                .isEqualTo(ErrorClass.OTHER);
        assertThat(ErrorClass.of(failed("5x0", "Non HTTP response message: Read timed out", "")))
                .isEqualTo(ErrorClass.TIMEOUT);
        assertThat(ErrorClass.of(failed("50", "Non HTTP response message: Read timed out", "")))
                .isEqualTo(ErrorClass.TIMEOUT);
    }
}
