package io.secperf.sarif;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secperf.result.AtomicFiles;
import io.secperf.result.Finding;
import io.secperf.result.GateCategory;
import io.secperf.result.GateResult;
import io.secperf.result.GateStatus;
import io.secperf.result.ResultDocument;
import io.secperf.result.Severity;

/**
 * A run's security findings and failed security gates as a SARIF 2.1.0 log: the format that Jenkins' Warnings NG,
 * GitHub and GitLab code scanning already read, so security teams see secperf's findings with their own trends and
 * quality gates. Rules are the check ids (with the remediation as help); every result points at the target, and a
 * partial fingerprint that leaves out what changes from run to run (numbers, times) lets those tools count new and
 * fixed findings.
 *
 * <p>Only what the result document holds is written, and it holds no secret: finding texts are masked when the check
 * makes them, and the target's user info, query and fragment are dropped here.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";
    /** The key of the fingerprint in {@code partialFingerprints}; the version changes only if its recipe does. */
    public static final String FINGERPRINT = "secperfFinding/v1";
    /** Evidence longer than this is cut in the message, with its full length said. */
    static final int MAX_EVIDENCE = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    /** Writes the SARIF log of this document atomically. */
    public static void write(Path file, ResultDocument document) throws IOException {
        String text = render(document);
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The SARIF log as JSON text. */
    public static String render(ResultDocument document) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "secperf");
        String version = text(document.generator().version(), "dev");
        driver.put("version", Character.isDigit(version.charAt(0)) ? version : "0.0.0-" + version);
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");

        String location = location(document);
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Map<String, Severity> ruleSeverity = new LinkedHashMap<>();
        for (Finding finding : document.findings()) {
            String ruleId = finding.id() == null || finding.id().isBlank() ? "SECPERF-FINDING" : finding.id();
            Severity severity = finding.severity() == null ? Severity.INFO : finding.severity();
            int index = ruleIndex.computeIfAbsent(ruleId, id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                rule.put("name", ruleName(id));
                rule.putObject("shortDescription").put("text", sentence(text(finding.title(), id)));
                rule.putObject("fullDescription").put("text", sentence("secperf security check " + id + ": "
                        + text(finding.title(), id)));
                String remediation = text(finding.remediation(), "see docs/security-checks.md for " + id);
                rule.putObject("help").put("text", sentence("Remediation: " + remediation));
                return rules.size() - 1;
            });
            ruleSeverity.merge(ruleId, severity, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            ObjectNode result = results.addObject();
            result.put("ruleId", ruleId);
            result.put("ruleIndex", index);
            result.put("level", level(severity));
            result.putObject("message").put("text", sentence(message(finding)));
            addLocation(result, location);
            result.putObject("partialFingerprints").put(FINGERPRINT,
                    fingerprint(ruleId, location, text(finding.title(), "")));
            result.putObject("properties").put("severity", severity.name());
        }
        for (GateResult gate : document.gates()) {
            if (gate.category() != GateCategory.SECURITY
                    || !(gate.status() == GateStatus.FAILED || gate.status() == GateStatus.UNSTABLE)) {
                continue;
            }
            String ruleId = "gate:" + gate.metric();
            boolean failed = gate.status() == GateStatus.FAILED;
            int index = ruleIndex.computeIfAbsent(ruleId, id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                rule.put("name", ruleName("gate " + gate.metric()));
                rule.putObject("shortDescription").put("text", sentence("Security gate on " + gate.metric()));
                rule.putObject("fullDescription").put("text", sentence("A definition-of-done gate on the security "
                        + "measurement " + gate.metric() + " was violated: the release is not done"));
                rule.putObject("help").put("text", sentence("Fix what the security findings of this run describe, "
                        + "or change the gate " + gate.expression() + " if the threshold is wrong (docs/gates.md)"));
                return rules.size() - 1;
            });
            ruleSeverity.merge(ruleId, failed ? Severity.HIGH : Severity.MEDIUM,
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
            ObjectNode result = results.addObject();
            result.put("ruleId", ruleId);
            result.put("ruleIndex", index);
            result.put("level", failed ? "error" : "warning");
            result.putObject("message").put("text", sentence("Gate " + gate.expression() + " "
                    + (failed ? "failed" : "is unstable") + ": " + text(gate.message(), "measured "
                    + text(gate.measured(), "nothing"))));
            addLocation(result, location);
            result.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(ruleId, location,
                    gate.expression()));
        }
        for (int i = 0; i < rules.size(); i++) {
            ObjectNode rule = (ObjectNode) rules.get(i);
            Severity severity = ruleSeverity.getOrDefault(rule.get("id").asText(), Severity.INFO);
            rule.putObject("defaultConfiguration").put("level", level(severity));
            ObjectNode properties = rule.putObject("properties");
            properties.put("security-severity", securitySeverity(severity));
            properties.putArray("tags").add("security");
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        if (document.run().startTime() != null) {
            invocation.put("startTimeUtc", document.run().startTime().toString());
        }
        if (document.run().endTime() != null) {
            invocation.put("endTimeUtc", document.run().endTime().toString());
        }
        try {
            return JSON.writeValueAsString(log) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render SARIF", e);
        }
    }

    /** SARIF levels: error for critical and high, warning for medium, note for low and informational. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The CVSS-like score GitHub code scanning sorts security results by. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    /**
     * The same finding on the same target gets the same fingerprint in every run: the rule, the target's origin and
     * the title with its numbers folded ("expires in 12 days" and "expires in 11 days" are one finding).
     */
    static String fingerprint(String ruleId, String location, String title) {
        String folded = title.toLowerCase(Locale.ROOT).replaceAll("[0-9]+", "#").replaceAll("\\s+", " ").strip();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((ruleId + "\n" + location + "\n" + folded).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /**
     * The target as scheme://host:port/path, without user info, query or fragment (they may hold credentials); a TLS
     * scan's HOST:PORT as https://HOST:PORT/; without a target, the plan file or else the result document.
     */
    static String location(ResultDocument document) {
        String target = document.run().target();
        if (target != null && !target.isBlank()) {
            try {
                URI uri = new URI(target.strip());
                if (uri.getScheme() != null && uri.getHost() != null) {
                    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost(), uri.getPort(),
                            null, null, null) + path;
                }
            } catch (URISyntaxException e) {
                // not a URL: fall through
            }
            if (target.strip().matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:.]+\\]:[0-9]{1,5}")) {
                return "https://" + target.strip() + "/"; // a TLS scan's HOST:PORT
            }
        }
        String plan = document.run().planFile();
        if (plan != null && !plan.isBlank() && !plan.contains("://")) {
            return plan.replace('\\', '/');
        }
        return "secperf-result.json";
    }

    private static void addLocation(ObjectNode result, String location) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", location);
    }

    private static String message(Finding finding) {
        String title = text(finding.title(), finding.id());
        String evidence = finding.evidence();
        if (evidence == null || evidence.isBlank()) {
            return title;
        }
        String shown = evidence.strip();
        if (shown.length() > MAX_EVIDENCE) {
            shown = shown.substring(0, MAX_EVIDENCE) + "… (" + evidence.length() + " characters in all)";
        }
        return title + ": " + shown;
    }

    /** "AUTH-BYPASS" → "AuthBypass", "gate tls.grade" → "GateTlsGrade": SARIF rule names are PascalCase words. */
    static String ruleName(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return name.isEmpty() ? "SecperfFinding" : name.toString();
    }

    private static String sentence(String text) {
        String stripped = text.strip();
        return stripped.endsWith(".") ? stripped : stripped + ".";
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
