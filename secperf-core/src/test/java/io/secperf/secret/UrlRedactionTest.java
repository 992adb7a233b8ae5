package io.secperf.secret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** URLs repeated in messages keep their shape and parameter names, never their query values or passwords. */
class UrlRedactionTest {

    @Test
    void queryValuesAndUserInfoPasswordsAreMasked() {
        assertThat(UrlRedaction.redact("security.yaml:2:8: target.url must not have a query or fragment: "
                + "https://host/api?token=abc123&x=1#frag"))
                .isEqualTo("security.yaml:2:8: target.url must not have a query or fragment: "
                        + "https://host/api?token=****&x=****#frag");
        assertThat(UrlRedaction.redact("--target is not a valid URL: Illegal character in query at index 30: "
                + "https://h/?key=s3cr3t value")).doesNotContain("s3cr3t").contains("?key=****");
        assertThat(UrlRedaction.redact("cannot reach https://alice:pa55w0rd@host:8443/x"))
                .isEqualTo("cannot reach https://alice:****@host:8443/x");
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        assertThat(UrlRedaction.redact("gate p95 < 1s failed: a=b")).isEqualTo("gate p95 < 1s failed: a=b");
        assertThat(UrlRedaction.redact("mail alice@example.com")).isEqualTo("mail alice@example.com");
        assertThat(UrlRedaction.redact(null)).isNull();
    }
}
