package io.secperf.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicReference;

import io.secperf.secret.KnownSecrets;
import io.secperf.secret.RedactingOutputStream;

/**
 * The secrets of the running command, for the console. The console streams exist before a command has read its
 * options and security.yaml, and JMeter, log4j and stack traces print to them directly; so {@link Secperf} puts
 * masking streams in place first and each command adds the secrets it learns here. One command runs per process
 * (tests run them one after another); {@link #clear()} forgets them when it ends.
 */
final class ConsoleSecrets {

    private static final AtomicReference<KnownSecrets> CURRENT = new AtomicReference<>(KnownSecrets.none());

    private ConsoleSecrets() {
    }

    /** Makes these secrets known to the console streams too. */
    static void add(KnownSecrets more) {
        if (!more.isEmpty()) {
            CURRENT.updateAndGet(current -> current.with(more));
        }
    }

    static KnownSecrets current() {
        return CURRENT.get();
    }

    static void clear() {
        CURRENT.set(KnownSecrets.none());
    }

    /** A stream that prints to {@code target} with every known secret masked, line by line. */
    static PrintStream masking(PrintStream target) {
        Charset charset = Charset.defaultCharset();
        return new PrintStream(new RedactingOutputStream(target, ConsoleSecrets::current, charset), true, charset);
    }
}
