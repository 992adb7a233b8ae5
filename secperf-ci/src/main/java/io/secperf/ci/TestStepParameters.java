package io.secperf.ci;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of {@code secPerfTest} (and of the freestyle recorder), as plain values, with the checks the job
 * form shows under each field, the checks a step runs before it starts anything, and the parameter names the
 * Jenkinsfile examples are tested against. The Jenkins step classes hold the same names as bean properties.
 *
 * @param plan          workspace path of a JMeter plan; exclusive with {@code template}
 * @param template      name of a bundled template; exclusive with {@code plan}
 * @param target        base URL of the system under test
 * @param properties    JMeter properties ({@code name=value} lines)
 * @param security      workspace path of a security.yaml, or inline JSON (from a Groovy map); optional
 * @param credentialsId Jenkins credentials id (secret text or username/password); optional
 * @param gates         the gate list in the gate language, or JSON (from a list of maps); optional
 * @param preflight     abort, warn or off; optional
 * @param failOn        FAILURE (default), UNSTABLE or NEVER
 * @param duration      test length in seconds; optional
 * @param out           workspace directory for the results; default {@value #DEFAULT_OUT}
 * @param jdk           name of a JDK tool to run the runner with; optional (default: the agent's own Java)
 * @param remote        JMeter remote engines {@code host[:port],...} to run the load on (the runner's
 *                      {@code --remote}); optional: without it the load runs on the agent
 * @param remoteMin     engines of {@code remote} that must answer and stay alive ({@code --remote-min}); optional
 *                      (default: all)
 */
public record TestStepParameters(String plan, String template, String target, String properties, String security,
                                 String credentialsId, String gates, String preflight, String failOn, Integer duration,
                                 String out, String jdk, String remote, Integer remoteMin) {

    /** The step's function name in a Jenkinsfile. */
    public static final String FUNCTION = "secPerfTest";
    /** The parameter names a Jenkinsfile may use; the step class has a property for each. */
    public static final Set<String> NAMES = Set.of("plan", "template", "target", "properties", "security",
            "credentialsId", "gates", "preflight", "failOn", "duration", "out", "jdk", "remote", "remoteMin");
    /** Where results go unless {@code out} says otherwise. */
    public static final String DEFAULT_OUT = "secperf-out";
    /** The bundled templates (jmeter-templates/). */
    public static final List<String> TEMPLATES = List.of("rest-api-baseline", "login-flow", "mixed-browsing");

    static final int MAX_GATES_CHARS = 64 * 1024;
    /** Remote engines one step may name (JMeter's own distributed mode is meant for a handful to a few dozen). */
    static final int MAX_REMOTE_ENGINES = 256;
    private static final Pattern REMOTE_ENGINE = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.\\-]+)(:[0-9]{1,5})?");
    static final int MAX_SECURITY_INLINE_CHARS = 256 * 1024;
    private static final Pattern CREDENTIALS_ID = Pattern.compile("[A-Za-z0-9_.:@\\-]{1,256}");

    public TestStepParameters {
        plan = blankToNull(plan);
        template = blankToNull(template);
        target = blankToNull(target);
        properties = blankToNull(properties);
        security = blankToNull(security);
        credentialsId = blankToNull(credentialsId);
        gates = blankToNull(gates);
        preflight = blankToNull(preflight);
        failOn = blankToNull(failOn);
        out = blankToNull(out) == null ? DEFAULT_OUT : out.strip();
        jdk = blankToNull(jdk);
        remote = blankToNull(remote) == null ? null : remote.strip();
    }

    /** The parameters of a step on the agent itself (no remote engines). */
    public TestStepParameters(String plan, String template, String target, String properties, String security,
                              String credentialsId, String gates, String preflight, String failOn, Integer duration,
                              String out, String jdk) {
        this(plan, template, target, properties, security, credentialsId, gates, preflight, failOn, duration, out,
                jdk, null, null);
    }

    /** True when {@code security} holds inline configuration rather than a path. */
    public boolean securityInline() {
        return isInline(security);
    }

    /** Every problem, errors and warnings, in parameter order; a step refuses to start when one is an error. */
    public List<Check> checkAll() {
        List<Check> checks = new ArrayList<>();
        if (plan == null && template == null) {
            checks.add(Check.error("give either plan (a .jmx in the workspace) or template (one of "
                    + String.join(", ", TEMPLATES) + ")"));
        } else if (plan != null && template != null) {
            checks.add(Check.error("give either plan or template, not both"));
        }
        if (plan != null) {
            checks.add(checkPlan(plan));
        }
        if (template != null) {
            checks.add(checkTemplate(template));
        }
        checks.add(checkTarget(target));
        checks.add(checkProperties(properties));
        checks.add(checkSecurity(security));
        checks.add(checkCredentialsId(credentialsId));
        checks.add(checkGates(gates));
        checks.add(checkPreflight(preflight));
        checks.add(checkFailOn(failOn));
        checks.add(checkDuration(duration));
        checks.add(checkOut(out));
        checks.add(checkRemote(remote, remoteMin));
        return checks.stream().filter(c -> c.level() != Check.Level.OK).toList();
    }

    /** The errors as one message, or null when there is none. */
    public String errors() {
        List<String> errors = checkAll().stream().filter(Check::isError).map(Check::message).toList();
        return errors.isEmpty() ? null : FUNCTION + ": " + String.join("; ", errors);
    }

    /**
     * {@code remote}: a comma-separated list of {@code host[:port]} (IPv6 as {@code [::1]:1099}), each once;
     * {@code remoteMin}: 1..the number of engines, and only with {@code remote}.
     */
    public static Check checkRemote(String remote, Integer remoteMin) {
        if (remote == null || remote.isBlank()) {
            return remoteMin == null ? Check.ok() : Check.error("remoteMin needs remote (the engines, host[:port],...)");
        }
        java.util.Set<String> engines = new java.util.LinkedHashSet<>();
        for (String raw : remote.split(",")) {
            String engine = raw.strip();
            if (engine.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = REMOTE_ENGINE.matcher(engine);
            if (!m.matches() || m.group(2) != null && !validPort(m.group(2).substring(1))) {
                return Check.error("remote: '" + engine + "' is not host[:port] with a port 1-65535");
            }
            if (!engines.add(engine.toLowerCase(java.util.Locale.ROOT))) {
                return Check.error("remote: " + engine + " is given twice");
            }
        }
        if (engines.isEmpty()) {
            return Check.error("remote: give at least one host[:port]");
        }
        if (engines.size() > MAX_REMOTE_ENGINES) {
            return Check.error("remote: at most " + MAX_REMOTE_ENGINES + " engines per step (shard larger tests across "
                    + "steps and merge them with secPerfGate)");
        }
        if (remoteMin != null && (remoteMin < 1 || remoteMin > engines.size())) {
            return Check.error("remoteMin must be between 1 and " + engines.size() + " (the engines in remote), was "
                    + remoteMin);
        }
        return Check.ok();
    }

    private static boolean validPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }

    public static Check checkPlan(String plan) {
        if (blankToNull(plan) == null) {
            return Check.ok();
        }
        Check path = WorkspacePaths.checkSyntax(plan.strip(), "plan");
        if (path.level() != Check.Level.OK) {
            return path;
        }
        return plan.strip().toLowerCase(Locale.ROOT).endsWith(".jmx") ? Check.ok()
                : Check.warning("plan usually is a JMeter .jmx file (" + plan.strip() + ")");
    }

    public static Check checkTemplate(String template) {
        if (blankToNull(template) == null || TEMPLATES.contains(template.strip())) {
            return Check.ok();
        }
        return Check.error("unknown template '" + template.strip() + "'; bundled: " + String.join(", ", TEMPLATES));
    }

    public static Check checkTarget(String target) {
        if (blankToNull(target) == null) {
            return Check.warning("no target: the plan must name its host itself");
        }
        String text = target.strip();
        if (text.contains("${")) {
            return Check.ok();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                return Check.error("target must be an http or https URL such as https://staging.example.com");
            }
            if (uri.getUserInfo() != null) {
                return Check.error("target must not contain a user or password; use credentialsId");
            }
            return Check.ok();
        } catch (URISyntaxException e) {
            return Check.error("target is not a valid URL: " + e.getReason());
        }
    }

    public static Check checkProperties(String properties) {
        try {
            PropertiesText.parse(properties);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(e.getMessage());
        }
    }

    public static Check checkSecurity(String security) {
        if (blankToNull(security) == null) {
            return Check.ok();
        }
        if (isInline(security)) {
            return security.length() > MAX_SECURITY_INLINE_CHARS
                    ? Check.error("inline security configuration is larger than " + MAX_SECURITY_INLINE_CHARS
                            + " characters; keep it in a file") : Check.ok();
        }
        return WorkspacePaths.checkSyntax(security.strip(), "security");
    }

    public static Check checkCredentialsId(String credentialsId) {
        if (blankToNull(credentialsId) == null) {
            return Check.ok();
        }
        return CREDENTIALS_ID.matcher(credentialsId.strip()).matches() ? Check.ok()
                : Check.error("credentialsId is the id of a Jenkins credential (letters, digits, _ . : @ -), "
                        + "not a secret itself");
    }

    public static Check checkGates(String gates) {
        if (blankToNull(gates) == null) {
            return Check.warning("no gates: the run is recorded but nothing decides whether the release may go");
        }
        if (gates.length() > MAX_GATES_CHARS) {
            return Check.error("gates are longer than " + MAX_GATES_CHARS + " characters");
        }
        return GateText.check(gates);
    }

    public static Check checkPreflight(String preflight) {
        try {
            Preflight.parse(preflight);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(e.getMessage());
        }
    }

    public static Check checkFailOn(String failOn) {
        try {
            FailOn.parse(failOn);
            return Check.ok();
        } catch (IllegalArgumentException e) {
            return Check.error(e.getMessage());
        }
    }

    public static Check checkDuration(Integer duration) {
        if (duration == null) {
            return Check.ok();
        }
        if (duration <= 0) {
            return Check.error("duration must be a positive number of seconds, was " + duration);
        }
        return duration > 24 * 3600 ? Check.warning("duration is more than a day") : Check.ok();
    }

    public static Check checkOut(String out) {
        if (blankToNull(out) == null) {
            return Check.ok();
        }
        Check syntax = WorkspacePaths.checkSyntax(out.strip(), "out");
        return syntax.level() == Check.Level.WARNING
                ? Check.error("out must be a directory relative to the workspace (" + out.strip() + ")") : syntax;
    }

    static boolean isInline(String text) {
        if (text == null) {
            return false;
        }
        String s = text.strip();
        return s.startsWith("{") || s.contains("\n");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The same parameters as a map of the non-null values (for messages and the examples test). */
    public Map<String, Object> toMap() {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        put(m, "plan", plan);
        put(m, "template", template);
        put(m, "target", target);
        put(m, "properties", properties);
        put(m, "security", security);
        put(m, "credentialsId", credentialsId);
        put(m, "gates", gates);
        put(m, "preflight", preflight);
        put(m, "failOn", failOn);
        put(m, "duration", duration);
        put(m, "out", out);
        put(m, "jdk", jdk);
        put(m, "remote", remote);
        put(m, "remoteMin", remoteMin);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
