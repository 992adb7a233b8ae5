package io.secperf.gate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import io.secperf.result.GateCriticality;

/**
 * Gates given as data (YAML, JSON, a Jenkinsfile's list of maps) turned into the same {@link Gate}s the gate
 * language gives. Each field is parsed by the gate-language parser for its part, so both forms accept exactly the
 * same values and report the same problems, here located by gate number and key.
 */
final class StructuredGates {

    static final List<String> KEYS = List.of("metric", "op", "threshold", "unit", "label", "class", "severity", "id",
            "selector", "regression", "for", "criticality", "optional", "stop");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = createYaml();

    private StructuredGates() {
    }

    private static ObjectMapper createYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(1 << 20);
        options.setAllowDuplicateKeys(false);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    static Object readYaml(String text, String source) throws GateSyntaxException {
        return read(YAML, text, source, "YAML");
    }

    static Object readJson(String text, String source) throws GateSyntaxException {
        return read(JSON, text, source, "JSON");
    }

    private static Object read(ObjectMapper mapper, String text, String source, String format)
            throws GateSyntaxException {
        try {
            return mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            int line = location == null ? 0 : Math.max(0, location.getLineNr());
            int column = location == null ? 0 : Math.max(0, location.getColumnNr());
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            int nl = message.indexOf('\n');
            String lineText = line > 0 && line <= text.lines().count() ? text.lines().skip(line - 1L).findFirst()
                    .orElse(null) : null;
            throw new GateSyntaxException(source, line, column, 1, "valid " + format, "invalid " + format, null,
                    lineText, "not valid " + format + ": " + (nl < 0 ? message : message.substring(0, nl)));
        }
    }

    static List<Gate> gates(Object data, String source) throws GateSyntaxException {
        Object list = data;
        if (data instanceof Map<?, ?> map && map.containsKey("gates")) {
            list = map.get("gates");
        }
        if (!(list instanceof List<?> entries)) {
            throw problem(source, "expected a list of gates (or a map with a 'gates' list), found "
                    + describe(list));
        }
        if (entries.isEmpty()) {
            throw problem(source, "the gate list is empty: expected at least one gate");
        }
        List<Gate> gates = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            gates.add(gate(entries.get(i), source, "gate " + (i + 1)));
        }
        return gates;
    }

    private static Gate gate(Object entry, String source, String where) throws GateSyntaxException {
        if (entry instanceof CharSequence text) {
            List<Gate> parsed;
            try {
                parsed = GateParser.parseList(text.toString(), source);
            } catch (GateSyntaxException e) {
                throw e.inEntry(source, where + (e.column() > 0 ? ", column " + e.column() : ""));
            }
            if (parsed.size() != 1) {
                throw problem(source, where + ": expected one gate, found " + parsed.size());
            }
            return parsed.get(0).atLine(0);
        }
        if (!(entry instanceof Map<?, ?> map)) {
            throw problem(source, where + ": expected a map with metric, op and threshold (or a gate as text), "
                    + "found " + describe(entry));
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                String near = NameDistance.nearest(String.valueOf(key), KEYS);
                throw problem(source, where + ": unknown key '" + key + "'"
                        + (near == null ? "; known keys: " + String.join(", ", KEYS) : "; did you mean '" + near + "'?"));
            }
        }
        GateParser.MetricRef ref = field(source, where, "metric",
                () -> GateParser.parseMetricRef(requiredText(map, "metric"), source));
        Metric metric = ref.metric();

        List<String> selectorParts = new ArrayList<>();
        if (map.get("label") != null) {
            selectorParts.add("label=" + Selector.quote(text(map.get("label"))));
        }
        if (map.get("class") != null) {
            selectorParts.add("class=" + Selector.quote(text(map.get("class"))));
        }
        if (map.get("severity") != null) {
            String severity = text(map.get("severity")).trim();
            boolean hasOperator = !severity.isEmpty() && "<>=".indexOf(severity.charAt(0)) >= 0;
            selectorParts.add("severity" + (hasOperator ? "" : ">=") + severity);
        }
        if (map.get("id") != null) {
            selectorParts.add("id=" + Selector.quote(text(map.get("id"))));
        }
        if (map.get("selector") != null) {
            selectorParts.add(text(map.get("selector")));
        }
        Selector selector = ref.selector();
        if (!selectorParts.isEmpty()) {
            Selector base = selector;
            String joined = String.join(", ", selectorParts);
            selector = field(source, where, "selector", () -> GateParser.parseSelector(metric, base, joined, source));
        }

        boolean relative = ref.relative() || bool(map, "regression", source, where);
        if (relative && metric.regressionProblem() != null) {
            throw problem(source, where + ", regression: " + metric.regressionProblem());
        }

        Object opValue = map.get("op");
        if (opValue == null) {
            throw problem(source, where + ": 'op' is missing: expected one of " + Operator.list()
                    + " (or lt, le, gt, ge, eq, ne)");
        }
        String opText = text(opValue).trim();
        Operator operator = opText.equals("=") ? Operator.EQ : Operator.parse(opText);
        if (operator == null) {
            throw problem(source, where + ", op: expected one of " + Operator.list() + " (or lt, le, gt, ge, eq, ne), "
                    + "found '" + opText + "'");
        }

        Object thresholdValue = map.get("threshold");
        if (thresholdValue == null) {
            throw problem(source, where + ": 'threshold' is missing: expected " + (relative ? UnitKind.PERCENT
                    : metric.kind()).expected());
        }
        String unit = map.get("unit") == null ? "" : text(map.get("unit")).trim();
        String unitText = unit.isEmpty() || unit.startsWith("/") || unit.equals("%") ? unit
                : (unit.matches("(?i)(ms|s|m|min|d|days?)") ? unit : " " + unit);
        String thresholdText = number(thresholdValue) + unitText;
        Threshold threshold = field(source, where, map.containsKey("unit") ? "threshold/unit" : "threshold",
                () -> GateParser.parseThreshold(metric, relative, thresholdText, source));

        Duration window = null;
        Object forValue = map.get("for");
        if (forValue != null) {
            String problem = metric.windowProblem(selector, relative);
            if (problem != null) {
                throw problem(source, where + ", for: " + problem);
            }
            String windowText = forValue instanceof Number n ? number(n) + "s" : text(forValue);
            window = field(source, where, "for", () -> GateParser.parseWindow(windowText, source));
        }

        GateCriticality criticality = GateCriticality.FAILURE;
        if (map.get("criticality") != null) {
            String c = text(map.get("criticality")).trim().toLowerCase(Locale.ROOT);
            if (c.equals("unstable")) {
                criticality = GateCriticality.UNSTABLE;
            } else if (!c.equals("failure")) {
                String near = NameDistance.nearest(c, List.of("unstable", "failure"));
                throw problem(source, where + ", criticality: expected 'failure' or 'unstable', found '" + c + "'"
                        + (near == null ? "" : "; did you mean '" + near + "'?"));
            }
        }
        boolean optional = bool(map, "optional", source, where);
        boolean stop = bool(map, "stop", source, where);
        if (stop && metric.stopProblem(relative) != null) {
            throw problem(source, where + ", stop: " + metric.stopProblem(relative));
        }
        return new Gate(metric, selector, relative, operator, threshold, window, criticality, optional, stop, 0);
    }

    @FunctionalInterface
    private interface Part<T> {
        T parse() throws GateSyntaxException;
    }

    private static <T> T field(String source, String where, String key, Part<T> part) throws GateSyntaxException {
        try {
            return part.parse();
        } catch (GateSyntaxException e) {
            throw e.inEntry(source, where + ", " + key);
        }
    }

    private static String requiredText(Map<?, ?> map, String key) throws GateSyntaxException {
        Object value = map.get(key);
        if (value == null) {
            throw new GateSyntaxException("", 0, 0, 1, "a " + key, "nothing", null, null,
                    "'" + key + "' is missing: expected a metric name such as p95");
        }
        return text(value);
    }

    private static boolean bool(Map<?, ?> map, String key, String source, String where) throws GateSyntaxException {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text(value).trim().toLowerCase(Locale.ROOT);
        if (Set.of("true", "yes").contains(text)) {
            return true;
        }
        if (Set.of("false", "no").contains(text)) {
            return false;
        }
        throw problem(source, where + ", " + key + ": expected true or false, found '" + value + "'");
    }

    private static String number(Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return text(value);
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof CharSequence) {
            return "text";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static GateSyntaxException problem(String source, String message) {
        return new GateSyntaxException(source, 0, 0, 1, null, null, null, null, message);
    }
}
