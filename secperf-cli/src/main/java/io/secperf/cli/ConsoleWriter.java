package io.secperf.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The one writer of the console. On a terminal the progress line is redrawn in place with {@code \r}; anything else
 * that prints meanwhile — a security check's narration from a JMeter thread, a warning, an error on stderr — must not
 * be glued onto it. Every byte written through {@link #out()} or {@link #err()} first ends the live line, under one
 * lock, and the next progress update draws it anew below.
 */
final class ConsoleWriter {

    private final Object lock = new Object();
    private final PrintStream terminal;
    private final PrintStream out;
    private final PrintStream err;
    private boolean live;
    private int liveWidth;

    private ConsoleWriter(PrintStream rawOut, PrintStream rawErr) {
        this.terminal = rawOut;
        this.out = new Stream(this, rawOut);
        this.err = rawErr == rawOut ? out : new Stream(this, rawErr);
    }

    /** The console that writes to these streams; streams that already belong to one keep it. */
    static ConsoleWriter of(PrintStream rawOut, PrintStream rawErr) {
        if (rawOut instanceof Stream stream) {
            return stream.console;
        }
        return new ConsoleWriter(rawOut, rawErr);
    }

    /** The console behind a stream, or a new one that only this stream's writes go through. */
    static ConsoleWriter of(PrintStream stream) {
        return of(stream, stream);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Draws the live line in place of the previous one (padded so nothing of a longer one is left). */
    void showLive(String line) {
        synchronized (lock) {
            int pad = Math.max(0, liveWidth - line.length());
            terminal.print("\r" + line + " ".repeat(pad));
            terminal.flush();
            live = true;
            liveWidth = line.length();
        }
    }

    /** Ends the live line, so the next output starts at the beginning of a fresh line. */
    void endLive() {
        synchronized (lock) {
            if (live) {
                terminal.print(System.lineSeparator());
                terminal.flush();
                live = false;
                liveWidth = 0;
            }
        }
    }

    /** A print stream that ends the live line before each write. */
    static final class Stream extends PrintStream {
        final ConsoleWriter console;

        Stream(ConsoleWriter console, PrintStream raw) {
            super(new LineEnding(console, raw), true, StandardCharsets.UTF_8);
            this.console = console;
        }
    }

    private static final class LineEnding extends OutputStream {
        private final ConsoleWriter console;
        private final PrintStream raw;

        LineEnding(ConsoleWriter console, PrintStream raw) {
            this.console = console;
            this.raw = raw;
        }

        @Override
        public void write(int b) {
            synchronized (console.lock) {
                console.endLive();
                raw.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            synchronized (console.lock) {
                console.endLive();
                raw.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }
    }
}
