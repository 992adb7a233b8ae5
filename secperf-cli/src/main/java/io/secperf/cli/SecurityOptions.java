package io.secperf.cli;

import java.nio.file.Path;
import java.time.Duration;

import io.secperf.augment.PlanAugmenter;
import io.secperf.augment.PreflightMode;
import picocli.CommandLine.Option;

/**
 * {@code --security}, {@code --preflight} and {@code --warmup}: the same for {@code secperf run} and
 * {@code secperf augment}. The Jenkins steps pass exactly {@code --security FILE --preflight abort|warn|off}.
 */
final class SecurityOptions {

    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);

    @Option(names = "--security", paramLabel = "FILE",
            description = "security.yaml: inject its preflight (TLS probe, auth check) before the load and, after the"
                    + " warm-up, its attacks and fuzzing (docs/security-config.md)")
    Path security;

    @Option(names = "--preflight", paramLabel = "MODE", defaultValue = "abort",
            description = "with --security: abort (a failed preflight check stops the test before the load, exit code"
                    + " 3), warn (report it, run the load) or off (default: ${DEFAULT-VALUE})")
    String preflight;

    @Option(names = "--warmup", paramLabel = "DURATION",
            description = "with --security: clean load before attacks and fuzzing start, e.g. 30s, 2m or 90 (seconds)"
                    + " (default: 20%% of --duration, 30 s without --duration; whole seconds, rounded up)")
    String warmup;

    PreflightMode preflightMode() {
        try {
            return PreflightMode.parse(preflight);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--preflight must be abort, warn or off, was '"
                    + preflight + "'");
        }
    }

    /**
     * The explicit warm-up, else 20% of the run's duration, else {@link #DEFAULT_WARMUP}; rounded up to whole
     * seconds, because the injected thread groups' startup delay has whole seconds (what is printed is what runs).
     */
    Duration warmup(Duration runDuration) {
        Duration exact = exactWarmup(runDuration);
        return Duration.ofSeconds((exact.toMillis() + 999) / 1000);
    }

    private Duration exactWarmup(Duration runDuration) {
        if (warmup != null) {
            return DurationText.parse("--warmup", warmup, true);
        }
        if (runDuration != null) {
            return Duration.ofMillis(runDuration.toMillis() / 5);
        }
        return DEFAULT_WARMUP;
    }

    /**
     * The augmenter for these options, or null without {@code --security} (then {@code --warmup} is a usage error).
     *
     * @param planDirectory where the augmented plan is saved (null when it is only run)
     */
    PlanAugmenter augmenter(Duration runDuration, Path planDirectory) {
        if (security == null) {
            if (warmup != null) {
                // (--preflight is not refused the same way: the CI glue may pass it for a job without a security file)
                throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--warmup only applies with --security FILE: without"
                        + " it nothing is injected to start after the warm-up");
            }
            return null;
        }
        return new PlanAugmenter(PlanAugmenter.Options.of(security.toAbsolutePath(), preflightMode(),
                warmup(runDuration)).withPlanDirectory(planDirectory));
    }
}
