package io.secperf.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secperf.security.PreparedRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutation operators, radamsa-style but aware of JSON where the body is JSON: bit flips, special bytes,
 * deletions and repetitions; boundary numbers; long strings; Unicode oddities and invalid UTF-8; NUL bytes; deep
 * nesting; huge documents; type confusion; dropped and unexpected fields; wrong content types; path, query, header
 * and method changes. Pure functions of the random source and the base request, so a seed replays exactly.
 * Destructive methods (PUT, DELETE, PATCH) are never introduced.
 */
final class Mutations {

    /** A mutated request and the operator that made it. */
    record Mutated(String mutation, PreparedRequest request) {
    }

    private interface Operator {
        PreparedRequest apply(SplittableRandom random, PreparedRequest base, int maxBody);
    }

    private record Named(String name, boolean needsBody, boolean needsJson, Operator operator) {
    }

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build());
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final String[] BOUNDARY_NUMBERS = {
        "0", "-0", "-1", "1", "127", "128", "255", "256", "32767", "32768", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e308", "1e309", "-1e309", "1e-400", "4.9e-324", "0.1e1", "1.0000000000000001",
        "99999999999999999999999999999999999999", "NaN", "Infinity", "-Infinity", "0x10", "1_000", "01"};
    private static final byte[][] SPECIAL_BYTES = {
        {0x00}, {(byte) 0xff}, {0x7f}, {'"'}, {'\\'}, {'{'}, {'['}, {'%'}, {'\n'}, {'\r'}, {'\''}, {'<'},
        {(byte) 0xc0, (byte) 0x80}, {0x1b}};
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88,
            (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xff, (byte) 0xfe}, {(byte) 0x80},
        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    private static final String[] UNICODE = {
        "\u202e", "\u200b", "\ufeff", "\ud83d\ude00", "e" + "\u0301".repeat(64), "\uffff", "\u0000",
        "\u2028\u2029", "\uff1c\uff1e", "\u0130", "\u00df".repeat(32), "\ud800"};
    private static final String[] QUERY_VALUES = {
        "%00", "%ff%fe", "%E2%80%AE", "%25%32%65", "'%20OR%20'1'='1", "%3Cscript%3E", "%7B%7B7*7%7D%7D",
        "..%2F..%2F..%2Fetc%2Fpasswd", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D", "-1", "9223372036854775808",
        "a%5B%5D=1", "%0d%0aX-Injected:%201"};
    private static final String[] PATH_SUFFIXES = {
        "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/", "/.%00", "%00", "/%ff", ";jsessionid=x", "/./././",
        "//", "/%C0%AE%C0%AE/", "/~", "/*", "/%2F"};
    private static final String[] CONTENT_TYPES = {
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
        "application/json; charset=utf-7", "application/json; charset=\"", "*/*", "application/octet-stream"};
    private static final String[] SAFE_METHODS = {"OPTIONS", "HEAD", "TRACE", "GET", "POST"};

    private static final List<Named> OPERATORS = List.of(
            new Named("bit-flip", true, false, Mutations::bitFlip),
            new Named("special-bytes", true, false, Mutations::specialBytes),
            new Named("byte-delete", true, false, Mutations::byteDelete),
            new Named("byte-repeat", true, false, Mutations::byteRepeat),
            new Named("boundary-number", true, false, Mutations::boundaryNumber),
            new Named("long-string", false, false, Mutations::longString),
            new Named("unicode", false, false, Mutations::unicode),
            new Named("invalid-utf8", false, false, Mutations::invalidUtf8),
            new Named("nul-byte", false, false, Mutations::nulByte),
            new Named("deep-nesting", false, false, Mutations::deepNesting),
            new Named("huge-json", false, false, Mutations::hugeJson),
            new Named("type-confusion", true, true, Mutations::typeConfusion),
            new Named("field-drop", true, true, Mutations::fieldDrop),
            new Named("field-extra", true, true, Mutations::fieldExtra),
            new Named("empty-body", true, false, (r, base, max) -> base.withBody(new byte[0])),
            new Named("content-type", false, false, Mutations::contentType),
            new Named("path", false, false, Mutations::path),
            new Named("query", false, false, Mutations::query),
            new Named("header", false, false, Mutations::header),
            new Named("method", false, false, Mutations::method));

    private Mutations() {
    }

    /** Names of all operators, for documentation and tests. */
    static List<String> names() {
        return OPERATORS.stream().map(Named::name).toList();
    }

    /** Applies one operator, chosen by the random source among those that fit the request. */
    static Mutated mutate(SplittableRandom random, PreparedRequest base, int maxBody) {
        boolean hasBody = base.bodyLength() > 0;
        boolean json = hasBody && parseJson(base.body()) != null;
        List<Named> fitting = new ArrayList<>();
        for (Named named : OPERATORS) {
            if ((!named.needsBody() || hasBody) && (!named.needsJson() || json)) {
                fitting.add(named);
            }
        }
        Named chosen = fitting.get(random.nextInt(fitting.size()));
        PreparedRequest mutated = chosen.operator().apply(random, base, maxBody);
        if (mutated.bodyLength() > maxBody) {
            mutated = mutated.withBody(Arrays.copyOf(mutated.body(), maxBody));
        }
        return new Mutated(chosen.name(), mutated);
    }

    // ------------------------------------------------------------------------------------------ byte level

    private static PreparedRequest bitFlip(SplittableRandom random, PreparedRequest base, int maxBody) {
        byte[] body = base.body();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int position = random.nextInt(body.length);
            body[position] ^= (byte) (1 << random.nextInt(8));
        }
        return base.withBody(body);
    }

    private static PreparedRequest specialBytes(SplittableRandom random, PreparedRequest base, int maxBody) {
        byte[] body = base.body();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            body = insert(body, random.nextInt(body.length + 1), SPECIAL_BYTES[random.nextInt(SPECIAL_BYTES.length)]);
        }
        return base.withBody(body);
    }

    private static PreparedRequest byteDelete(SplittableRandom random, PreparedRequest base, int maxBody) {
        byte[] body = base.body();
        int from = random.nextInt(body.length);
        int length = 1 + random.nextInt(Math.max(1, Math.min(16, body.length - from)));
        byte[] out = new byte[body.length - length];
        System.arraycopy(body, 0, out, 0, from);
        System.arraycopy(body, from + length, out, from, body.length - from - length);
        return base.withBody(out);
    }

    private static PreparedRequest byteRepeat(SplittableRandom random, PreparedRequest base, int maxBody) {
        byte[] body = base.body();
        int from = random.nextInt(body.length);
        int length = 1 + random.nextInt(Math.min(32, body.length - from));
        int times = new int[] {2, 10, 100, 1000}[random.nextInt(4)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, from + length);
        for (int i = 1; i < times && out.size() < maxBody; i++) {
            out.write(body, from, length);
        }
        out.write(body, from + length, body.length - from - length);
        return base.withBody(out.toByteArray());
    }

    private static PreparedRequest boundaryNumber(SplittableRandom random, PreparedRequest base, int maxBody) {
        String text = new String(base.body(), StandardCharsets.ISO_8859_1);
        List<int[]> spans = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        String value = BOUNDARY_NUMBERS[random.nextInt(BOUNDARY_NUMBERS.length)];
        String mutated;
        if (spans.isEmpty()) {
            int at = random.nextInt(text.length() + 1);
            mutated = text.substring(0, at) + value + text.substring(at);
        } else {
            int[] span = spans.get(random.nextInt(spans.size()));
            mutated = text.substring(0, span[0]) + value + text.substring(span[1]);
        }
        return base.withBody(mutated.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------------------------------ strings

    private static PreparedRequest longString(SplittableRandom random, PreparedRequest base, int maxBody) {
        int[] lengths = {1024, 8 * 1024, 64 * 1024, Math.max(1024, maxBody / 2)};
        int length = Math.min(lengths[random.nextInt(lengths.length)], Math.max(16, maxBody - 64));
        char fill = "AaZ0%'".charAt(random.nextInt(6));
        String big = String.valueOf(fill).repeat(length);
        return base.withBody(intoStringValue(random, base.body(), big.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PreparedRequest unicode(SplittableRandom random, PreparedRequest base, int maxBody) {
        String odd = UNICODE[random.nextInt(UNICODE.length)];
        // a lone surrogate cannot be encoded: it travels as the replacement bytes of the JDK encoder
        return base.withBody(intoStringValue(random, base.body(), odd.getBytes(StandardCharsets.UTF_8)));
    }

    private static PreparedRequest invalidUtf8(SplittableRandom random, PreparedRequest base, int maxBody) {
        return base.withBody(intoStringValue(random, base.body(), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]));
    }

    private static PreparedRequest nulByte(SplittableRandom random, PreparedRequest base, int maxBody) {
        byte[] nul = random.nextBoolean() ? new byte[] {0} : "\\u0000".getBytes(StandardCharsets.US_ASCII);
        return base.withBody(intoStringValue(random, base.body(), nul));
    }

    /** Puts bytes inside a JSON string value when there is one, else at a random position (or as the body). */
    private static byte[] intoStringValue(SplittableRandom random, byte[] body, byte[] insert) {
        if (body.length == 0) {
            byte[] out = new byte[insert.length + 2];
            out[0] = '"';
            System.arraycopy(insert, 0, out, 1, insert.length);
            out[out.length - 1] = '"';
            return out;
        }
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quotes.add(i);
            }
        }
        int at = quotes.isEmpty() ? random.nextInt(body.length + 1) : quotes.get(random.nextInt(quotes.size())) + 1;
        return insert(body, at, insert);
    }

    // ------------------------------------------------------------------------------------------ JSON structure

    private static PreparedRequest deepNesting(SplittableRandom random, PreparedRequest base, int maxBody) {
        int[] depths = {1_000, 10_000, 100_000};
        int depth = Math.min(depths[random.nextInt(depths.length)], Math.max(1, (maxBody - 16) / 2));
        StringBuilder out = new StringBuilder(depth * 6);
        if (random.nextBoolean()) {
            out.append("[".repeat(depth)).append("]".repeat(depth));
        } else {
            int objects = Math.min(depth, Math.max(1, (maxBody - 16) / 6));
            out.append("{\"a\":".repeat(objects)).append("1").append("}".repeat(objects));
        }
        return base.withBody(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static PreparedRequest hugeJson(SplittableRandom random, PreparedRequest base, int maxBody) {
        StringBuilder out = new StringBuilder(maxBody);
        if (random.nextBoolean()) {
            out.append('[');
            while (out.length() < maxBody - 16) {
                out.append(random.nextInt(1_000_000)).append(',');
            }
            out.append("0]");
        } else {
            out.append('{');
            int i = 0;
            while (out.length() < maxBody - 32) {
                out.append("\"k").append(i++).append("\":").append(i).append(',');
            }
            out.append("\"end\":0}");
        }
        return base.withBody(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static PreparedRequest typeConfusion(SplittableRandom random, PreparedRequest base, int maxBody) {
        JsonNode root = parseJson(base.body());
        List<ObjectNode> parents = new ArrayList<>();
        collectObjects(root, parents);
        if (parents.isEmpty()) {
            return base.withBody(write(JsonNodeFactory.instance.objectNode().set("value", root)));
        }
        ObjectNode parent = parents.get(random.nextInt(parents.size()));
        List<String> fields = new ArrayList<>();
        parent.fieldNames().forEachRemaining(fields::add);
        if (fields.isEmpty()) {
            parent.put("value", "x");
            return base.withBody(write(root));
        }
        String field = fields.get(random.nextInt(fields.size()));
        JsonNode current = parent.get(field);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> replacements = new ArrayList<>(List.of(nodes.nullNode(), nodes.booleanNode(true),
                nodes.arrayNode().add(current), nodes.objectNode().set("value", current), nodes.textNode(""),
                nodes.numberNode(new java.math.BigInteger("99999999999999999999")), nodes.numberNode(-1.5)));
        if (current.isNumber()) {
            replacements.add(nodes.textNode(current.asText()));
        } else if (current.isTextual()) {
            replacements.add(nodes.numberNode(current.asText().length()));
        }
        parent.set(field, replacements.get(random.nextInt(replacements.size())));
        return base.withBody(write(root));
    }

    private static PreparedRequest fieldDrop(SplittableRandom random, PreparedRequest base, int maxBody) {
        JsonNode root = parseJson(base.body());
        List<ObjectNode> parents = new ArrayList<>();
        collectObjects(root, parents);
        for (ObjectNode parent : parents) {
            if (parent.size() > 0) {
                List<String> fields = new ArrayList<>();
                parent.fieldNames().forEachRemaining(fields::add);
                parent.remove(fields.get(random.nextInt(fields.size())));
                return base.withBody(write(root));
            }
        }
        return base.withBody("{}".getBytes(StandardCharsets.US_ASCII));
    }

    private static PreparedRequest fieldExtra(SplittableRandom random, PreparedRequest base, int maxBody) {
        JsonNode root = parseJson(base.body());
        List<ObjectNode> parents = new ArrayList<>();
        collectObjects(root, parents);
        ObjectNode target = parents.isEmpty() ? JsonNodeFactory.instance.objectNode() : parents.get(
                random.nextInt(parents.size()));
        switch (random.nextInt(5)) {
            case 0 -> target.set("__proto__", JsonNodeFactory.instance.objectNode().put("admin", true));
            case 1 -> target.put("constructor", "x");
            case 2 -> target.put("$where", "sleep(1000)");
            case 3 -> target.put("role", "admin");
            default -> target.put("id", -1);
        }
        return base.withBody(write(parents.isEmpty() ? target : root));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        if (node != null && node.isContainerNode()) {
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                collectObjects(children.next(), out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ request line

    private static PreparedRequest contentType(SplittableRandom random, PreparedRequest base, int maxBody) {
        return base.withHeader("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
    }

    private static PreparedRequest path(SplittableRandom random, PreparedRequest base, int maxBody) {
        String target = base.pathAndQuery();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        String suffix = random.nextInt(4) == 0 ? "/" + "A".repeat(new int[] {256, 4096, 9000}[random.nextInt(3)])
                : PATH_SUFFIXES[random.nextInt(PATH_SUFFIXES.length)];
        return base.withPath(path + suffix + query);
    }

    private static PreparedRequest query(SplittableRandom random, PreparedRequest base, int maxBody) {
        String target = base.pathAndQuery();
        String name = new String[] {"q", "id", "page", "limit", "sort", "filter", "callback"}[random.nextInt(7)];
        String value = QUERY_VALUES[random.nextInt(QUERY_VALUES.length)];
        return base.withPath(target + (target.contains("?") ? "&" : "?") + name + "=" + value);
    }

    private static PreparedRequest header(SplittableRandom random, PreparedRequest base, int maxBody) {
        return switch (random.nextInt(5)) {
            case 0 -> base.withHeader("X-Fuzz", "A".repeat(new int[] {1024, 8192, 16384}[random.nextInt(3)]));
            case 1 -> base.withHeader("Accept", "application/json;q=" + BOUNDARY_NUMBERS[random.nextInt(
                    BOUNDARY_NUMBERS.length)]);
            case 2 -> base.withHeader("X-Forwarded-For", "127.0.0.1, " + "1.".repeat(200) + "1");
            case 3 -> base.withHeader("Accept-Encoding", "gzip;q=1, " + "x,".repeat(500) + "identity");
            default -> base.withHeader("Range", "bytes=0-,1-2,-1," + "0-1,".repeat(300) + "0-0");
        };
    }

    private static PreparedRequest method(SplittableRandom random, PreparedRequest base, int maxBody) {
        String current = base.method().toUpperCase(Locale.ROOT);
        String method = SAFE_METHODS[random.nextInt(SAFE_METHODS.length)];
        if (method.equals(current)) {
            method = "OPTIONS".equals(current) ? "TRACE" : "OPTIONS";
        }
        return new PreparedRequest(method, base.pathAndQuery(), base.headers(), base.body());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static byte[] insert(byte[] body, int at, byte[] insert) {
        byte[] out = new byte[body.length + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at, out, at + insert.length, body.length - at);
        return out;
    }

    static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
