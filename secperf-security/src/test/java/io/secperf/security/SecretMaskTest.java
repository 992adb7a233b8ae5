package io.secperf.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never survive masking, in any of the encodings they travel in. */
class SecretMaskTest {

    @Test
    void credentialsShowOnlyTheirLength() {
        SecretMask mask = new SecretMask();
        mask.addSecret("p@ss word\"1");
        assertThat(mask.apply("body {\"password\":\"p@ss word\\\"1\"} url ?pw=p%40ss+word%221 raw p@ss word\"1"))
                .isEqualTo("body {\"password\":\"****[11 chars]\"} url ?pw=****[11 chars] raw ****[11 chars]");
    }

    @Test
    void tokensKeepAShortPrefixAndTheirSegmentsAreMaskedToo() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
        SecretMask mask = new SecretMask();
        mask.addToken(jwt);
        assertThat(mask.apply("Bearer " + jwt)).isEqualTo("Bearer eyJhbG…[" + jwt.length() + " chars]");
        String forged = "eyJhbGciOiJub25lIn0." + jwt.split("\\.")[1] + ".";
        assertThat(mask.apply(forged)).doesNotContain(jwt.split("\\.")[1]);
        assertThat(SecretMask.describeToken("abc")).isEqualTo("…[3 chars]");
    }

    @Test
    void basicCredentialsAndCopiesAreIndependent() {
        SecretMask base = new SecretMask();
        base.addBasicCredentials("alice", "secret-pw");
        SecretMask copy = base.copy();
        copy.addToken("session-token-0123456789");
        assertThat(base.apply("Authorization: Basic YWxpY2U6c2VjcmV0LXB3")).doesNotContain("YWxpY2U6c2VjcmV0LXB3");
        assertThat(base.apply("session-token-0123456789")).isEqualTo("session-token-0123456789");
        assertThat(copy.apply("session-token-0123456789")).doesNotContain("0123456789");
    }
}
