package io.secperf.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.secperf.result.AtomicFiles;

/**
 * The built-in security configuration of {@code secperf demo}: the {@code security.yaml} that makes the demo run the
 * seed's three levels in one run — preflight (TLS probe and auth checks against the demo API's protected endpoints,
 * before any load), runtime (a seeded fuzz of the plan's own requests and a bounded request and session flood after a
 * clean warm-up) and post-test analysis (resilience: clean window vs attack window). It exists so the demo goes
 * through exactly the path of {@code secperf run --security} instead of a demo-only shortcut.
 *
 * <p>The timing follows the run's length so that a short run (CI uses 8 s) still has a clean window and an attack
 * window: the warm-up is 40 % of the run, rounded up to whole seconds (JMeter's start-up delay has whole seconds),
 * the attacks last 30 % of it, at least one second. The file holds no secret: the password is the reference
 * {@code property:password}, the JMeter property the demo sets.
 *
 * @param warmup          clean load before the attacks and the fuzzer start
 * @param attack          how long the request flood lasts (the session flood sends {@code sessionRate} handshakes
 *                        per second for about as long)
 * @param fuzzIterations  mutated requests, of the plan's own requests
 * @param floodRate       requests per second of the flood
 * @param sessionRate     new TLS sessions per second of the session flood
 */
public record DemoSecurity(Duration warmup, Duration attack, int fuzzIterations, int floodRate, int sessionRate) {

    /** File name next to the demo's results; {@code demo-ca.pem} must be in the same directory. */
    public static final String FILE_NAME = "security.yaml";
    /** Seed of the demo's fuzzer: every demo run sends the same inputs. */
    public static final long FUZZ_SEED = 20261206L;

    private static final String TEMPLATE = "demo-security.yaml";

    public DemoSecurity {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(attack, "attack");
    }

    /** The demo's checks for a load of this length (warm-up 40 %, attacks 30 %, see the class comment). */
    public static DemoSecurity forRun(Duration run) {
        long runMillis = run.toMillis();
        Duration warmup = Duration.ofSeconds((runMillis * 4 / 10 + 999) / 1000);
        Duration attack = Duration.ofMillis(Math.max(1000, runMillis * 3 / 10));
        return new DemoSecurity(warmup, attack, 60, 150, 20);
    }

    /** Session floods: one full handshake each, {@link #sessionRate} per second for the attack's length. */
    public int sessionCount() {
        return (int) Math.max(1, sessionRate * attack.toMillis() / 1000);
    }

    /** The fuzzer's wall-clock limit: generous (60 loopback mutations take about a second), never below 5 s. */
    public Duration fuzzBudget() {
        return attack.compareTo(Duration.ofSeconds(5)) > 0 ? attack : Duration.ofSeconds(5);
    }

    /** The security.yaml text for the demo target at {@code target} (its base URL). */
    public String render(URI target) {
        return template()
                .replace("@TARGET_URL@", target.toString())
                .replace("@FUZZ_SEED@", Long.toString(FUZZ_SEED))
                .replace("@FUZZ_ITERATIONS@", Integer.toString(fuzzIterations))
                .replace("@FUZZ_BUDGET@", fuzzBudget().toMillis() + "ms")
                .replace("@FLOOD_RATE@", Integer.toString(floodRate))
                .replace("@ATTACK_DURATION@", attack.toMillis() + "ms")
                .replace("@SESSION_COUNT@", Integer.toString(sessionCount()))
                .replace("@SESSION_RATE@", Integer.toString(sessionRate));
    }

    /** Writes {@link #render(URI)} atomically to {@code file} and returns it. */
    public Path write(Path file, URI target) throws IOException {
        byte[] bytes = render(target).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    private static String template() {
        try (InputStream in = DemoSecurity.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/secperf/demo/" + TEMPLATE + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/secperf/demo/" + TEMPLATE, e);
        }
    }
}
