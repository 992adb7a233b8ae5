package io.secperf.result;

import java.util.Objects;

/**
 * One remark of a security check about what it could not do and why ("no valid token: login answered 423; token-based
 * probes skipped"), kept in the result document so a check that quietly did less than it says is visible in the
 * document, the report and the console. Any check family uses it (auth, tls, fuzz, attack).
 *
 * @param check the check family that made the note ("auth", "tls", "fuzz", "attack")
 * @param text  one line, masked (never a secret)
 */
public record SecurityNote(String check, String text) {

    public SecurityNote {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(text, "text");
    }
}
