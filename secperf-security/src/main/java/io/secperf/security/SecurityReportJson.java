package io.secperf.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secperf.result.Finding;
import io.secperf.result.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link SecurityReport}, for {@code secperf scan ... } output and for JMeter sample response
 * data: {@code check, target, startTime} (ISO-8601 UTC), {@code elapsedMs, complete, incompleteReason, findings} (the result
 * document's finding objects), {@code measurements, notes}. Reading it back gives an equal report.
 */
public final class SecurityReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SecurityReportJson() {
    }

    public static String write(SecurityReport report) {
        ObjectNode root = JSON.createObjectNode()
                .put("check", report.check())
                .put("target", report.target())
                .put("startTime", report.started().toString())
                .put("elapsedMs", report.elapsed().toMillis())
                .put("complete", report.complete())
                .put("incompleteReason", report.incompleteReason());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            findings.addObject().put("id", finding.id()).put("severity", finding.severity().name())
                    .put("title", finding.title()).put("evidence", finding.evidence())
                    .put("remediation", finding.remediation());
        }
        ObjectNode measurements = root.putObject("measurements");
        report.measurements().forEach(measurements::put);
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for text that is not a report written by {@link #write} */
    public static SecurityReport read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Finding> findings = new ArrayList<>();
            for (JsonNode f : root.path("findings")) {
                findings.add(new Finding(f.path("id").asText(), Severity.valueOf(f.path("severity").asText()),
                        f.path("title").asText(), f.path("evidence").asText(), f.path("remediation").asText()));
            }
            Map<String, Double> measurements = new LinkedHashMap<>();
            root.path("measurements").fields().forEachRemaining(e -> measurements.put(e.getKey(),
                    e.getValue().asDouble()));
            List<String> notes = new ArrayList<>();
            root.path("notes").forEach(n -> notes.add(n.asText()));
            return new SecurityReport(root.path("check").asText(), root.path("target").asText(),
                    Instant.parse(root.path("startTime").asText()), Duration.ofMillis(root.path("elapsedMs")
                    .asLong()), findings, measurements, notes, root.path("complete").asBoolean(),
                    root.path("incompleteReason").asText(""));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a secperf security report: " + e.getMessage(), e);
        }
    }
}
