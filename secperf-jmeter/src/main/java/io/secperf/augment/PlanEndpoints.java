package io.secperf.augment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jmeter.config.Argument;
import org.apache.jmeter.protocol.http.control.Header;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.HashTreeTraverser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The plan's own HTTP requests as fuzz endpoints (security.yaml's endpoint syntax), so the fuzzer mutates what the
 * load really sends. JMeter expressions cannot go into the endpoint list: the fuzz sampler's configuration treats
 * {@code ${name}} as a credential, and JMeter would evaluate them with the fuzz thread's (empty) variables. So each
 * {@code ${...}} is replaced by a plain stand-in: {@code __P(basePath,...)} by nothing (endpoint paths are relative to
 * target.url), other {@code __P(name,default)} by their default, secret-looking names (password, secret, token, key,
 * credential) by {@code secperf}, and anything else (variables, functions) by {@code 1}.
 *
 * @param endpoints the endpoints found, de-duplicated by method and path, in plan order
 * @param skipped   one line per enabled HTTP sampler that could not be used, and why
 */
record PlanEndpoints(List<Endpoint> endpoints, List<String> skipped) {

    /** One request in the endpoint syntax; empty strings for absent content type and body. */
    record Endpoint(String method, String path, String contentType, String body) {
    }

    static final int MAX_ENDPOINTS = 100;
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^{}]*)}");
    private static final Pattern PROPERTY_FUNCTION = Pattern.compile(
            "__(?:P|property)\\(\\s*([^,)]*?)\\s*(?:,([^,)]*)(?:,([^)]*))?)?\\)");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|key|credential).*");
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z_-]{0,19}");
    private static final ObjectMapper JSON = new ObjectMapper();

    PlanEndpoints {
        endpoints = List.copyOf(endpoints);
        skipped = List.copyOf(skipped);
    }

    /** Endpoints from the enabled HTTP samplers of {@code plan} (a plan as loaded or as prepared for running). */
    static PlanEndpoints of(HashTree plan, URI target) {
        Collector collector = new Collector(target);
        plan.traverse(collector);
        return new PlanEndpoints(new ArrayList<>(collector.found.values()), collector.skipped);
    }

    /**
     * The endpoints as a YAML block list of flow maps (JSON-quoted strings), the FuzzSampler's {@code endpoints}
     * property; "" when there are none, which makes the sampler use fuzz.endpoints.
     */
    String yaml() {
        StringBuilder out = new StringBuilder();
        for (Endpoint e : endpoints) {
            out.append("- {method: ").append(quote(e.method())).append(", path: ").append(quote(e.path()));
            if (!e.contentType().isEmpty()) {
                out.append(", contentType: ").append(quote(e.contentType()));
            }
            if (!e.body().isEmpty()) {
                out.append(", body: ").append(quote(e.body()));
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string", e);
        }
    }

    /** {@code text} with every JMeter expression replaced by its stand-in (see the type's documentation). */
    static String withoutExpressions(String text) {
        String current = text == null ? "" : text;
        for (int round = 0; round < 8 && current.contains("${"); round++) {
            Matcher matcher = EXPRESSION.matcher(current);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(standIn(matcher.group(1))));
            }
            matcher.appendTail(out);
            if (out.toString().equals(current)) {
                break;
            }
            current = out.toString();
        }
        return current.replace("${", "$ {");
    }

    private static String standIn(String expression) {
        Matcher property = PROPERTY_FUNCTION.matcher(expression.strip());
        if (property.matches()) {
            String name = property.group(1);
            String fallback = property.group(3) != null ? property.group(3) : property.group(2);
            if (name.equals("basePath")) {
                return "";
            }
            if (SECRET.matcher(name).matches()) {
                return "secperf";
            }
            return fallback == null || fallback.isBlank() ? "1" : fallback;
        }
        String name = expression.strip();
        return SECRET.matcher(name).matches() ? "secperf" : "1";
    }

    /** Walks the tree keeping the path from the root, so header managers in scope can be found. */
    private static final class Collector implements HashTreeTraverser {
        private final URI target;
        private final Deque<Object> path = new ArrayDeque<>();
        private final Deque<HashTree> trees = new ArrayDeque<>();
        private final Deque<Boolean> enabled = new ArrayDeque<>();
        private final Map<String, Endpoint> found = new LinkedHashMap<>();
        private final List<String> skipped = new ArrayList<>();

        Collector(URI target) {
            this.target = target;
        }

        @Override
        public void addNode(Object node, HashTree subTree) {
            boolean on = (enabled.isEmpty() || enabled.peek())
                    && !(node instanceof TestElement element && !element.isEnabled());
            path.push(node);
            trees.push(subTree);
            enabled.push(on);
            if (on && node instanceof HTTPSamplerProxy sampler && found.size() < MAX_ENDPOINTS) {
                add(sampler);
            }
        }

        @Override
        public void subtractNode() {
            path.pop();
            trees.pop();
            enabled.pop();
        }

        @Override
        public void processPath() {
            // everything happens in addNode
        }

        private void add(HTTPSamplerProxy sampler) {
            String name = sampler.getName();
            String method = withoutExpressions(sampler.getMethod()).toUpperCase(Locale.ROOT);
            if (!METHOD.matcher(method).matches()) {
                skipped.add(name + ": method '" + sampler.getMethod() + "' is not a plain HTTP method");
                return;
            }
            String domain = sampler.getDomain();
            if (domain != null && !domain.isBlank() && !domain.contains("${") && target != null
                    && !domain.strip().equalsIgnoreCase(target.getHost())) {
                skipped.add(name + ": sends to " + domain.strip() + ", not to the security target " + target.getHost());
                return;
            }
            String rawPath = withoutExpressions(sampler.getPath()).strip();
            if (rawPath.matches("(?i)https?://.*")) {
                try {
                    URI url = URI.create(rawPath);
                    rawPath = (url.getRawPath() == null ? "" : url.getRawPath())
                            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
                } catch (IllegalArgumentException e) {
                    skipped.add(name + ": path is not a valid URL");
                    return;
                }
            }
            String requestPath = "/" + rawPath.replaceFirst("^/+", "");
            String body = "";
            String contentType = headerInScope("Content-Type");
            List<String[]> arguments = arguments(sampler);
            if (sampler.getPostBodyRaw()) {
                body = arguments.isEmpty() ? "" : arguments.get(0)[1];
            } else if (!arguments.isEmpty()) {
                String encoded = formEncode(arguments);
                if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                        || method.equals("OPTIONS")) {
                    requestPath = requestPath + (requestPath.contains("?") ? "&" : "?") + encoded;
                } else {
                    body = encoded;
                    if (contentType.isEmpty()) {
                        contentType = "application/x-www-form-urlencoded";
                    }
                }
            }
            if (!body.isEmpty() && contentType.isEmpty()) {
                String start = body.stripLeading();
                contentType = start.startsWith("{") || start.startsWith("[") ? "application/json" : "text/plain";
            }
            if (body.isEmpty()) {
                contentType = ""; // a header manager in scope may set one for every request; without a body it is noise
            }
            if (requestPath.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                skipped.add(name + ": path contains spaces or control characters");
                return;
            }
            found.putIfAbsent(method + " " + requestPath, new Endpoint(method, requestPath, contentType, body));
        }

        private static List<String[]> arguments(HTTPSamplerProxy sampler) {
            List<String[]> result = new ArrayList<>();
            if (sampler.getArguments() == null) {
                return result;
            }
            for (JMeterProperty property : sampler.getArguments().getArguments()) {
                if (property.getObjectValue() instanceof Argument argument) {
                    result.add(new String[] {withoutExpressions(argument.getName()),
                        withoutExpressions(argument.getValue())});
                }
            }
            return result;
        }

        private static String formEncode(List<String[]> arguments) {
            StringBuilder out = new StringBuilder();
            for (String[] argument : arguments) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(argument[0], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(argument[1], StandardCharsets.UTF_8));
            }
            return out.toString();
        }

        /** The header from the nearest enabled header manager in scope: the sampler's children, then each level up. */
        private String headerInScope(String header) {
            for (HashTree level : trees) {
                for (Object child : level.list()) {
                    if (child instanceof HeaderManager manager && manager.isEnabled()) {
                        for (int i = 0; i < manager.size(); i++) {
                            Header h = manager.get(i);
                            if (h.getName().equalsIgnoreCase(header)) {
                                return withoutExpressions(h.getValue()).strip();
                            }
                        }
                    }
                }
            }
            return "";
        }
    }
}
