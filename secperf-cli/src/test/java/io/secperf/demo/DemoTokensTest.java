package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DemoTokensTest {

    private final MutableClock clock = new MutableClock();
    private final DemoTokens tokens = new DemoTokens(clock);

    @Test
    void issuedTokenVerifiesUntilItExpires() {
        String token = tokens.issue("demo");
        assertThat(tokens.verify(token)).hasValue("demo");

        clock.advance(DemoTokens.LIFETIME.minusSeconds(5));
        assertThat(tokens.verify(token)).hasValue("demo");

        clock.advance(Duration.ofSeconds(10));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void alteredForeignOrMalformedTokensAreRejected() {
        String token = tokens.issue("demo");
        String[] parts = token.split("\\.");
        String otherPayload = new DemoTokens(clock).issue("admin").split("\\.")[1];

        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(new DemoTokens(clock).issue("demo"))).isEmpty();
        assertThat(tokens.verify("v2." + parts[1] + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1])).isEmpty();
        assertThat(tokens.verify(token + "x".repeat(DemoTokens.MAX_TOKEN_LENGTH))).isEmpty();
        assertThat(tokens.verify("v1.%%%.%%%")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
