package io.secperf.augment;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.secperf.security.SecurityConfig;
import io.secperf.security.SecurityConfigException;
import io.secperf.security.SecurityConfigReader;

/**
 * Puts secperf's security checks into a user's JMeter plan without touching the user's elements, so security runs
 * in the same script as the load (the seed's three places): a setUp thread group "secperf preflight" with the TLS
 * probe and the auth check, which runs before any load and, under {@link PreflightMode#ABORT}, stops the test when a
 * check fails; and after a clean warm-up window, one thread group per kind of hostile traffic (fuzzing of the plan's
 * own requests, session/flood/slow-header attacks), so the result can compare legit traffic before and during the
 * attack. Which checks run follows the sections present in security.yaml unless {@link Options#hostile()} says
 * otherwise. The augmented tree runs in {@code secperf run} and, saved with {@link Augmentation#save}, opens in stock
 * JMeter's GUI.
 *
 * <p>Immutable and thread-safe; {@link #augment} reads the security file each time.
 */
public final class PlanAugmenter {

    /** Name of the injected setUp thread group; names starting with {@value #PREFIX} mark secperf's groups. */
    public static final String PREFLIGHT_GROUP = "secperf preflight";
    public static final String TLS_LABEL = "secperf preflight: TLS";
    public static final String AUTH_LABEL = "secperf preflight: auth";
    public static final String PREFIX = "secperf ";
    /** Mutated requests per fuzz sample (the FuzzSampler's default); the fuzz group loops to reach fuzz.iterations. */
    static final int FUZZ_ITERATIONS_PER_SAMPLE = 20;
    static final Duration MAX_WARMUP = Duration.ofHours(24);

    private static final List<String> INJECTED_PREFIXES = List.of(PREFLIGHT_GROUP, "secperf attack", "secperf fuzz");

    private final Options options;

    public PlanAugmenter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * What to inject.
     *
     * @param securityFile the security.yaml (format: docs/security-config.md)
     * @param preflight    what a failing preflight check does; OFF injects no preflight
     * @param warmup       clean load before hostile traffic starts (the thread groups' startup delay)
     * @param hostile      the hostile traffic to inject, or null for what security.yaml configures (a {@code fuzz}
     *                     section, each {@code attack.*} kind)
     * @param planDirectory directory the augmented plan will be saved in, so the security file and the TLS probe's
     *                     CA file are referenced relative to it (samplers resolve relative paths against the plan's
     *                     directory); null writes absolute paths (for a plan that is run, not saved)
     */
    public record Options(Path securityFile, PreflightMode preflight, Duration warmup, Set<HostileTraffic> hostile,
                          Path planDirectory) {
        public Options {
            Objects.requireNonNull(securityFile, "securityFile");
            Objects.requireNonNull(preflight, "preflight");
            Objects.requireNonNull(warmup, "warmup");
            if (warmup.isNegative() || warmup.compareTo(MAX_WARMUP) > 0) {
                throw new IllegalArgumentException("warm-up must be 0 s .. 24 h, was " + warmup.toSeconds() + " s");
            }
            hostile = hostile == null ? null : Collections.unmodifiableSet(hostile.isEmpty()
                    ? EnumSet.noneOf(HostileTraffic.class) : EnumSet.copyOf(hostile));
        }

        /** Hostile traffic as configured, the plan referencing the security file by absolute path. */
        public static Options of(Path securityFile, PreflightMode preflight, Duration warmup) {
            return new Options(securityFile, preflight, warmup, null, null);
        }

        public Options withHostile(Set<HostileTraffic> value) {
            return new Options(securityFile, preflight, warmup, value, planDirectory);
        }

        public Options withPlanDirectory(Path value) {
            return new Options(securityFile, preflight, warmup, hostile, value);
        }
    }

    /**
     * Returns a new tree: the plan's elements unchanged (the input tree is not modified) plus secperf's thread groups
     * after them.
     *
     * @param plan a plan as {@code SaveService.loadTree} or {@code PlanLoader.load} returns it (root: TestPlan)
     * @throws AugmentException when the security file is invalid (message with file:line:column), the plan already
     *                          holds secperf's groups, or a requested kind of traffic is not configured
     */
    public Augmentation augment(HashTree plan) throws AugmentException {
        Objects.requireNonNull(plan, "plan");
        if (plan.isEmpty() || !(plan.getArray()[0] instanceof TestPlan)) {
            throw new AugmentException("the plan has no TestPlan element at its root; only JMeter test plans can be"
                    + " augmented");
        }
        refuseAugmented(plan);
        SecurityConfig config = readConfig();
        Set<String> sections = sections();
        List<String> notes = new ArrayList<>();
        SecurityElements elements = new SecurityElements();
        String securityFile = referenceTo(options.securityFile());

        HashTree result = (HashTree) plan.clone();
        Object testPlan = result.getArray()[0];
        HashTree planLevel = result.getTree(testPlan);

        List<String> preflightChecks = new ArrayList<>();
        if (options.preflight() == PreflightMode.OFF) {
            notes.add("preflight off: no TLS or auth check before the load");
        } else {
            List<TestElement> checks = new ArrayList<>();
            SecurityConfig.Target target = config.target();
            if (target.https()) {
                Map<String, String> tls = new LinkedHashMap<>();
                tls.put("host", target.host());
                tls.put("port", Integer.toString(target.port()));
                tls.put("serverName", "");
                tls.put("profile", "intermediate");
                tls.put("caFile", target.caFile().map(this::referenceTo).orElse(""));
                tls.put("timeoutMs", Long.toString(target.connectTimeout().toMillis()));
                tls.put("failureSeverity", "CRITICAL");
                checks.add(elements.sampler(SecurityElements.TLS_PROBE, TLS_LABEL, tls));
                preflightChecks.add(TLS_LABEL);
            } else {
                notes.add("TLS probe skipped: target.url " + target.url() + " is plain http, there is no TLS to check");
            }
            if (sections.contains("auth")) {
                checks.add(elements.sampler(SecurityElements.AUTH_CHECK, AUTH_LABEL, securityProperties(securityFile)));
                preflightChecks.add(AUTH_LABEL);
            }
            if (checks.isEmpty()) {
                notes.add("no preflight group: neither TLS (https target) nor an auth section to check");
            } else {
                String onError = options.preflight() == PreflightMode.ABORT
                        ? AbstractThreadGroup.ON_SAMPLE_ERROR_STOPTEST_NOW
                        : AbstractThreadGroup.ON_SAMPLE_ERROR_CONTINUE;
                TestElement group = SecurityElements.setupGroup(PREFLIGHT_GROUP, onError);
                group.setComment("Added by secperf augment from " + securityFile + ": security checks before the load"
                        + (options.preflight() == PreflightMode.ABORT
                                ? "; a failed check stops the test before the load starts (preflight: abort)"
                                : "; failures are reported, the load runs (preflight: warn)"));
                HashTree groupTree = planLevel.add(group);
                checks.forEach(groupTree::add);
            }
        }

        Set<HostileTraffic> hostile = hostileTraffic(config, sections);
        long delaySeconds = (options.warmup().toMillis() + 999) / 1000;
        int planEndpoints = 0;
        for (HostileTraffic kind : hostile) {
            // failureSeverity left to each sampler's own default (fuzz fails from MEDIUM, attacks from CRITICAL)
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("securityFile", securityFile);
            properties.put("targetUrl", "");
            int loops = 1;
            String sampler;
            if (kind == HostileTraffic.FUZZ) {
                sampler = SecurityElements.FUZZ;
                URI target = config.target().url();
                PlanEndpoints endpoints = PlanEndpoints.of(plan, target);
                planEndpoints = endpoints.endpoints().size();
                endpoints.skipped().forEach(s -> notes.add("fuzz: not fuzzing " + s));
                if (planEndpoints == 0) {
                    notes.add("fuzz: the plan has no usable HTTP requests; fuzzing fuzz.endpoints from the security file");
                }
                properties.put("iterationsPerSample", Integer.toString(FUZZ_ITERATIONS_PER_SAMPLE));
                if (!config.fuzz().raw()) {
                    properties.put("raw", "false"); // only when not the sampler's default: the GUI shows tags its own way
                }
                properties.put("endpoints", endpoints.yaml());
                loops = Math.max(1, (config.fuzz().iterations() + FUZZ_ITERATIONS_PER_SAMPLE - 1)
                        / FUZZ_ITERATIONS_PER_SAMPLE);
            } else {
                sampler = SecurityElements.ATTACK;
                properties.put("attack", kind.key());
            }
            TestElement group = SecurityElements.delayedGroup(kind.label(), delaySeconds,
                    maximumSeconds(kind, config), loops);
            group.setComment("Added by secperf augment from " + securityFile + ": starts after a " + delaySeconds
                    + " s warm-up of clean load");
            planLevel.add(group).add(elements.sampler(sampler, kind.label(), properties));
        }
        return new Augmentation(result, config, preflightChecks, new ArrayList<>(hostile), planEndpoints, notes,
                new ArrayList<>(new LinkedHashSet<>(elements.missing())));
    }

    /** Margin on top of a routine's own bound, for connects, timeouts and the last request. */
    static final long GROUP_MARGIN_SECONDS = 60;

    /** How long the thread group of {@code kind} may run: the routine's configured bound plus a margin. */
    static long maximumSeconds(HostileTraffic kind, SecurityConfig config) {
        SecurityConfig.Attack attack = config.attack();
        long routine = switch (kind) {
            case FUZZ -> config.fuzz().timeBudget().plus(config.fuzz().partialRequestTimeout()).toSeconds();
            case SESSIONS -> attack.sessions().map(s -> (long) Math.ceil(s.count() / (double) s.rate())
                    + config.target().connectTimeout().toSeconds()).orElse(0L);
            case FLOOD -> attack.flood().map(f -> f.duration().plus(config.target().requestTimeout()).toSeconds())
                    .orElse(0L);
            case SLOW_HEADERS -> attack.slowHeaders().map(h -> h.duration().plus(h.probeTimeout()).toSeconds())
                    .orElse(0L);
        };
        return routine + GROUP_MARGIN_SECONDS;
    }

    private static Map<String, String> securityProperties(String securityFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("securityFile", securityFile);
        properties.put("targetUrl", "");
        properties.put("failureSeverity", "CRITICAL");
        return properties;
    }

    private Set<HostileTraffic> hostileTraffic(SecurityConfig config, Set<String> sections) throws AugmentException {
        Set<HostileTraffic> configured = EnumSet.noneOf(HostileTraffic.class);
        if (sections.contains("fuzz")) {
            configured.add(HostileTraffic.FUZZ);
        }
        config.attack().sessions().ifPresent(s -> configured.add(HostileTraffic.SESSIONS));
        config.attack().flood().ifPresent(s -> configured.add(HostileTraffic.FLOOD));
        config.attack().slowHeaders().ifPresent(s -> configured.add(HostileTraffic.SLOW_HEADERS));
        if (options.hostile() == null) {
            return orderForGroups(configured);
        }
        for (HostileTraffic wanted : options.hostile()) {
            if (wanted != HostileTraffic.FUZZ && !configured.contains(wanted)) {
                throw new AugmentException(options.securityFile() + ": attack " + wanted.key()
                        + " was asked for but is not configured (add attack." + wanted.key() + ")");
            }
        }
        return orderForGroups(options.hostile());
    }

    /** Attacks first (sessions, flood, slowHeaders), then fuzzing: the order the thread groups appear in. */
    private static Set<HostileTraffic> orderForGroups(Set<HostileTraffic> kinds) {
        Set<HostileTraffic> ordered = new LinkedHashSet<>();
        for (HostileTraffic kind : List.of(HostileTraffic.SESSIONS, HostileTraffic.FLOOD,
                HostileTraffic.SLOW_HEADERS, HostileTraffic.FUZZ)) {
            if (kinds.contains(kind)) {
                ordered.add(kind);
            }
        }
        return ordered;
    }

    /**
     * Whether a thread group of this name is one secperf injects (preflight, attacks, fuzzing): a distributed run
     * keeps those on the controller so they run once, not once per remote engine.
     */
    public static boolean injectedGroup(String groupName) {
        String name = groupName == null ? "" : groupName.toLowerCase(Locale.ROOT);
        return INJECTED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static void refuseAugmented(HashTree plan) throws AugmentException {
        SearchByClass<AbstractThreadGroup> groups = new SearchByClass<>(AbstractThreadGroup.class);
        plan.traverse(groups);
        for (AbstractThreadGroup group : groups.getSearchResults()) {
            String name = group.getName() == null ? "" : group.getName().toLowerCase(Locale.ROOT);
            for (String prefix : INJECTED_PREFIXES) {
                if (name.startsWith(prefix)) {
                    throw new AugmentException("the plan already contains secperf's thread group '" + group.getName()
                            + "': it was augmented before; augment the original plan instead (augmenting twice would"
                            + " run every check twice)");
                }
            }
        }
    }

    private SecurityConfig readConfig() throws AugmentException {
        try {
            return SecurityConfigReader.read(options.securityFile());
        } catch (SecurityConfigException e) {
            throw new AugmentException(e.getMessage(), e);
        }
    }

    /** The top-level keys of the (already validated) security file: a section present means its checks run. */
    private Set<String> sections() throws AugmentException {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(options.securityFile().toFile());
            Set<String> keys = new LinkedHashSet<>();
            if (root != null && root.isObject()) {
                for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!root.get(name).isNull()) {
                        keys.add(name);
                    }
                }
            }
            return keys;
        } catch (IOException e) {
            throw new AugmentException(options.securityFile() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A file as the samplers will see it: relative to the saved plan's directory when possible. */
    private String referenceTo(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (options.planDirectory() != null) {
            try {
                Path base = options.planDirectory().toAbsolutePath().normalize();
                if (Objects.equals(base.getRoot(), absolute.getRoot())) {
                    return base.relativize(absolute).toString().replace('\\', '/');
                }
            } catch (IllegalArgumentException differentFileSystems) {
                // fall through to the absolute path
            }
        }
        return absolute.toString();
    }
}
