package io.secperf.run;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.secperf.result.FindingSink;
import io.secperf.result.SampleSink;

/**
 * Everything one embedded JMeter run needs: the plan, where to send its samples, and the knobs the CLI exposes.
 *
 * <p>The target and duration are handed to the plan as JMeter properties (what {@code -Jname=value} does in stock
 * JMeter), so plans read them with {@code ${__P(host)}} and friends:
 * {@value #PROTOCOL}, {@value #HOST}, {@value #PORT}, {@value #BASE_PATH} (the URL's path ending in "/", default
 * "/", so plans write {@code ${__P(basePath)}api/items}) and {@value #DURATION} (seconds). Explicit {@link #properties()} are applied after those and win.
 *
 * @param plan               the {@code .jmx} file (trusted input, see {@link PlanLoader})
 * @param target             base URL of the system under test, or null to leave host/port to the plan
 * @param properties         JMeter properties, like {@code -J}; applied before the plan is loaded, removed afterwards
 * @param duration           wanted test length, or null; sets {@value #DURATION} and a hard stop after
 *                           {@code duration + durationGrace}
 * @param sink               receives every top-level sample, concurrently from JMeter's threads
 * @param progress           called once per second from a runner thread, or null
 * @param logFile            file for JMeter's log at INFO during the run, or null (WARN and above go to stderr)
 * @param stopTimeout        how long a graceful stop may take before running samplers are interrupted
 * @param durationGrace      time after {@code duration} before the hard stop, so plans that honour
 *                           {@code ${__P(duration)}} end by themselves
 * @param targetCheckTimeout connect timeout of the {@link TargetCheck} made before the run
 * @param findings           receives the findings, measurements and time spans of secperf's security samplers in
 *                           the plan, concurrently from JMeter's threads; null to drop them (their samples are checks
 *                           and never reach {@code sink} either way)
 * @param transform          changes the loaded plan before it runs (security augmentation), or null
 * @param remote             JMeter remote engines to run the plan's load on ({@code secperf run --remote}), or null
 *                           to run it in this JVM
 */
public record RunRequest(Path plan, URI target, Map<String, String> properties, Duration duration, SampleSink sink,
                         ProgressListener progress, Path logFile, Duration stopTimeout, Duration durationGrace,
                         Duration targetCheckTimeout, FindingSink findings, PlanTransform transform,
                         RemoteEngines remote) {

    public static final String PROTOCOL = "protocol";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String BASE_PATH = "basePath";
    public static final String DURATION = "duration";

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DURATION_GRACE = Duration.ofSeconds(2);

    public RunRequest {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(sink, "sink");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
        properties.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("JMeter property names must be non-blank and values non-null");
            }
        });
        if (target != null) {
            checkTarget(target);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        stopTimeout = positiveOr(stopTimeout, DEFAULT_STOP_TIMEOUT, "stopTimeout");
        durationGrace = durationGrace == null ? DEFAULT_DURATION_GRACE : durationGrace;
        if (durationGrace.isNegative()) {
            throw new IllegalArgumentException("durationGrace must not be negative");
        }
        targetCheckTimeout = positiveOr(targetCheckTimeout, TargetCheck.DEFAULT_TIMEOUT, "targetCheckTimeout");
    }

    public static Builder builder(Path plan, SampleSink sink) {
        return new Builder(plan, sink);
    }

    /**
     * The JMeter properties this run sets: derived from target and duration first, then {@link #properties()}.
     */
    public Map<String, String> jmeterProperties() {
        Map<String, String> all = new LinkedHashMap<>();
        if (target != null) {
            all.put(PROTOCOL, target.getScheme().toLowerCase(Locale.ROOT));
            all.put(HOST, hostOf(target));
            all.put(PORT, Integer.toString(portOf(target)));
            String path = target.getRawPath();
            all.put(BASE_PATH, path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/");
        }
        if (duration != null) {
            all.put(DURATION, Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000)));
        }
        all.putAll(properties);
        return Collections.unmodifiableMap(all);
    }

    static void checkTarget(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("target " + target + " must be an http:// or https:// URL");
        }
        if (target.getHost() == null || target.getHost().isBlank()) {
            throw new IllegalArgumentException("target " + target + " has no host");
        }
    }

    /** Host as written in the URL (IPv6 literals keep their brackets, which JMeter's URL building needs). */
    static String hostOf(URI target) {
        return target.getHost();
    }

    /** Explicit port, else 443 for https and 80 for http. */
    static int portOf(URI target) {
        if (target.getPort() >= 0) {
            return target.getPort();
        }
        return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Builds a {@link RunRequest}; only plan and sink are required. */
    public static final class Builder {
        private final Path plan;
        private final SampleSink sink;
        private URI target;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration duration;
        private ProgressListener progress;
        private Path logFile;
        private Duration stopTimeout;
        private Duration durationGrace;
        private Duration targetCheckTimeout;
        private FindingSink findings;
        private PlanTransform transform;
        private RemoteEngines remote;

        private Builder(Path plan, SampleSink sink) {
            this.plan = plan;
            this.sink = sink;
        }

        public Builder target(URI target) {
            this.target = target;
            return this;
        }

        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public Builder durationGrace(Duration durationGrace) {
            this.durationGrace = durationGrace;
            return this;
        }

        public Builder targetCheckTimeout(Duration targetCheckTimeout) {
            this.targetCheckTimeout = targetCheckTimeout;
            return this;
        }

        /** Where security samplers' findings go (see {@link RunRequest#findings()}). */
        public Builder findings(FindingSink findings) {
            this.findings = findings;
            return this;
        }

        /** Changes the loaded plan before it runs (see {@link RunRequest#transform()}). */
        public Builder transform(PlanTransform transform) {
            this.transform = transform;
            return this;
        }

        /** Runs the load on these JMeter remote engines (see {@link RunRequest#remote()}). */
        public Builder remote(RemoteEngines remote) {
            this.remote = remote;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(plan, target, properties, duration, sink, progress, logFile, stopTimeout,
                    durationGrace, targetCheckTimeout, findings, transform, remote);
        }
    }
}
