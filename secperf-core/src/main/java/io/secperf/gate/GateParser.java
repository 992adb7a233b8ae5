package io.secperf.gate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.secperf.gate.GateLexer.Kind;
import io.secperf.gate.GateLexer.Token;
import io.secperf.result.ErrorClass;
import io.secperf.result.GateCriticality;
import io.secperf.result.Severity;

/**
 * Recursive-descent parser of the gate language (grammar in docs/gates.md):
 * <pre>
 * gate      = metric [ "(" selector { "," selector } ")" ] [ "regression" ] op value { modifier }
 * modifier  = "for" duration | "as" ( "unstable" | "failure" ) | "optional" | "stop"
 * </pre>
 * Every problem becomes a {@link GateSyntaxException} at the offending token.
 */
final class GateParser {

    private static final List<String> MODIFIERS = List.of("for", "as", "optional", "stop");
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    /** Largest threshold number: beyond it a double loses whole units, and 1e400 would become infinite. */
    static final BigDecimal MAX_THRESHOLD = new BigDecimal("1000000000000");

    private final GateLexer lexer;
    private final List<Token> tokens;
    private int position;

    private GateParser(String text, String source) throws GateSyntaxException {
        lexer = new GateLexer(text, source);
        tokens = lexer.tokens();
    }

    /** Parses a whole gate list; an empty list (only comments and blank lines) is an error. */
    static List<Gate> parseList(String text, String source) throws GateSyntaxException {
        GateParser parser = new GateParser(text, source);
        List<Gate> gates = new ArrayList<>();
        while (!parser.peek().is(Kind.EOF)) {
            if (parser.peek().is(Kind.SEP)) {
                parser.next();
                continue;
            }
            gates.add(parser.gate());
            Token end = parser.peek();
            if (!end.is(Kind.SEP) && !end.is(Kind.EOF)) {
                throw parser.lexer.error(end, "the end of the gate", null,
                        "expected the end of the gate (a new line or ';'), found " + end.describe());
            }
        }
        if (gates.isEmpty()) {
            Token eof = parser.peek();
            throw parser.lexer.error(eof, "a gate", null,
                    "the gate list is empty: expected at least one gate such as 'p95 < 800ms'");
        }
        return gates;
    }

    /** What a structured entry's "metric" holds: a metric, maybe with a selector and "regression". */
    record MetricRef(Metric metric, Selector selector, boolean relative) {
    }

    static MetricRef parseMetricRef(String text, String source) throws GateSyntaxException {
        GateParser parser = new GateParser(text, source);
        Token first = parser.peek();
        Metric metric = parser.metric();
        Selector selector = parser.peek().is(Kind.LPAREN) ? parser.selectors(metric) : Selector.NONE;
        boolean relative = parser.regression(metric);
        parser.expectEnd("the end of the metric");
        if (first.is(Kind.EOF)) {
            throw parser.lexer.error(first, "a metric name", null, "expected a metric name");
        }
        return new MetricRef(metric, selector, relative);
    }

    /** Parses the inside of a selector, e.g. {@code label="Checkout", class=TIMEOUT}. */
    static Selector parseSelector(Metric metric, Selector base, String text, String source) throws GateSyntaxException {
        GateParser parser = new GateParser(text, source);
        Selector selector = parser.selectorItems(metric, base, Kind.EOF);
        parser.expectEnd("the end of the selector");
        return selector;
    }

    static Threshold parseThreshold(Metric metric, boolean relative, String text, String source)
            throws GateSyntaxException {
        GateParser parser = new GateParser(text, source);
        Threshold threshold = parser.value(metric, relative, null);
        parser.expectEnd("the end of the threshold");
        return threshold;
    }

    static Duration parseWindow(String text, String source) throws GateSyntaxException {
        GateParser parser = new GateParser(text, source);
        Duration window = parser.duration(null);
        parser.expectEnd("the end of the window");
        return window;
    }

    // ---- grammar

    private Gate gate() throws GateSyntaxException {
        Token start = peek();
        Metric metric = metric();
        Selector selector = peek().is(Kind.LPAREN) ? selectors(metric) : Selector.NONE;
        boolean relative = regression(metric);
        Token opToken = peek();
        Operator operator = operator(metric, relative);
        Threshold threshold = value(metric, relative, opToken);
        Duration window = null;
        GateCriticality criticality = null;
        boolean optional = false;
        boolean stop = false;
        while (peek().is(Kind.WORD)) {
            Token word = peek();
            String w = word.text().toLowerCase(Locale.ROOT);
            if (!MODIFIERS.contains(w)) {
                break;
            }
            next();
            switch (w) {
                case "for" -> {
                    duplicate(word, window != null);
                    String problem = metric.windowProblem(selector, relative);
                    if (problem != null) {
                        throw lexer.error(word, "the end of the gate", null, problem);
                    }
                    window = duration(word);
                }
                case "as" -> {
                    duplicate(word, criticality != null);
                    criticality = criticality();
                }
                case "optional" -> {
                    duplicate(word, optional);
                    optional = true;
                }
                default -> {
                    duplicate(word, stop);
                    String problem = metric.stopProblem(relative);
                    if (problem != null) {
                        throw lexer.error(word, "the end of the gate", null, problem);
                    }
                    stop = true;
                }
            }
        }
        Token after = peek();
        if (after.is(Kind.WORD)) {
            String w = after.text().toLowerCase(Locale.ROOT);
            if (w.equals("unstable") || w.equals("failure")) {
                throw lexer.error(after, "for, as, optional, stop or the end of the gate", "as " + w,
                        "expected 'for', 'as', 'optional', 'stop' or the end of the gate, found " + after.describe()
                                + "; write 'as " + w + "'");
            }
            if (Metric.byName(w) != null) {
                throw lexer.error(after, "for, as, optional, stop or the end of the gate", null,
                        "expected the end of the gate, found the metric " + after.describe()
                                + "; put each gate on its own line or separate gates with ';'");
            }
            String near = NameDistance.nearest(w, MODIFIERS);
            throw lexer.error(after, "for, as, optional, stop or the end of the gate", near,
                    "expected 'for', 'as', 'optional', 'stop' or the end of the gate, found " + after.describe()
                            + (near == null ? "" : "; did you mean '" + near + "'?"));
        }
        return new Gate(metric, selector, relative, operator, threshold, window, criticality, optional, stop,
                start.line());
    }

    private void duplicate(Token word, boolean already) throws GateSyntaxException {
        if (already) {
            throw lexer.error(word, "the end of the gate", null, "'" + word.text() + "' is given twice");
        }
    }

    private Metric metric() throws GateSyntaxException {
        Token t = peek();
        if (!t.is(Kind.WORD)) {
            throw lexer.error(t, "a metric name", null, "expected a metric name such as p95, errors or tls.grade, "
                    + "found " + t.describe());
        }
        next();
        Metric metric = Metric.byName(t.text());
        if (metric == null) {
            String near = NameDistance.nearest(t.text(), Metric.allNames());
            throw lexer.error(t, "a metric name", near, "unknown metric " + t.describe()
                    + (near != null ? "; did you mean '" + near + "'?" : "; known metrics: " + Metric.list()));
        }
        return metric;
    }

    private boolean regression(Metric metric) throws GateSyntaxException {
        Token t = peek();
        if (!t.isWord("regression")) {
            return false;
        }
        String problem = metric.regressionProblem();
        if (problem != null) {
            throw lexer.error(t, "an operator", null, problem);
        }
        next();
        return true;
    }

    private Selector selectors(Metric metric) throws GateSyntaxException {
        Token open = next();
        if (metric.selectorKeys().isEmpty()) {
            throw lexer.error(open, "an operator", null, metric.metricName() + " takes no selector");
        }
        Selector selector = selectorItems(metric, Selector.NONE, Kind.RPAREN);
        next();
        return selector;
    }

    /** Selector items up to (not consuming) the closing token. */
    private Selector selectorItems(Metric metric, Selector base, Kind close) throws GateSyntaxException {
        Selector selector = base;
        while (true) {
            Token keyToken = peek();
            String keys = keyList(metric);
            if (!keyToken.is(Kind.WORD)) {
                throw lexer.error(keyToken, "a selector", null, "expected a selector (" + keys + "), found "
                        + keyToken.describe());
            }
            next();
            Selector.Key key = Selector.Key.parse(keyToken.text());
            if (key == null || !metric.selectorKeys().contains(key)) {
                List<String> allowed = metric.selectorKeys().stream().map(Selector.Key::text).toList();
                String near = NameDistance.nearest(keyToken.text(), allowed);
                throw lexer.error(keyToken, "a selector (" + keys + ")", near, (key == null ? "unknown selector "
                        : metric.metricName() + " cannot be selected by ") + keyToken.describe() + "; "
                        + metric.metricName() + " takes " + keys + (near == null ? "" : "; did you mean '" + near + "'?"));
            }
            if (selector.keys().contains(key)) {
                throw lexer.error(keyToken, "another selector", null, "'" + key.text() + "' is given twice");
            }
            Token opToken = peek();
            Operator op = opToken.is(Kind.OP) ? (opToken.text().equals("=") ? Operator.EQ : Operator.parse(opToken.text()))
                    : null;
            if (op == null || (key != Selector.Key.SEVERITY && op != Operator.EQ)) {
                throw lexer.error(opToken, key == Selector.Key.SEVERITY ? "a comparison (=, >=, >, <=, <)" : "'='",
                        null, "expected " + (key == Selector.Key.SEVERITY ? "a comparison (=, >=, >, <=, <)" : "'='")
                                + " after '" + key.text() + "', found " + opToken.describe());
            }
            next();
            Token valueToken = peek();
            if (!valueToken.is(Kind.STRING) && !valueToken.is(Kind.WORD) && !valueToken.is(Kind.NUMBER)) {
                throw lexer.error(valueToken, "a value", null, "expected a value after '" + key.text()
                        + opToken.text() + "', found " + valueToken.describe());
            }
            next();
            String value = valueToken.text();
            selector = switch (key) {
                case LABEL -> selector.withLabel(value);
                case ID -> selector.withFindingId(value);
                case CLASS -> selector.withErrorClass(errorClass(valueToken));
                case SEVERITY -> selector.withSeverity(op, severity(valueToken));
            };
            Token sep = peek();
            if (sep.is(Kind.COMMA)) {
                next();
            } else if (sep.is(close)) {
                return selector;
            } else {
                throw lexer.error(sep, close == Kind.RPAREN ? "',' or ')'" : "','", null, "expected "
                        + (close == Kind.RPAREN ? "',' or ')'" : "','") + " after the selector, found " + sep.describe());
            }
        }
    }

    private static String keyList(Metric metric) {
        List<String> keys = new ArrayList<>();
        for (Selector.Key key : metric.selectorKeys()) {
            keys.add(switch (key) {
                case LABEL -> "label=\"...\"";
                case CLASS -> "class=TIMEOUT";
                case SEVERITY -> "severity>=high";
                case ID -> "id=\"tls.*\"";
            });
        }
        return keys.isEmpty() ? "nothing" : String.join(", ", keys);
    }

    private ErrorClass errorClass(Token t) throws GateSyntaxException {
        List<String> names = new ArrayList<>();
        for (ErrorClass errorClass : ErrorClass.errorClasses()) {
            names.add(errorClass.name());
            if (errorClass.name().equalsIgnoreCase(t.text())) {
                return errorClass;
            }
        }
        String near = NameDistance.nearest(t.text(), names);
        throw lexer.error(t, "an error class", near, "unknown error class " + t.describe() + "; expected one of "
                + String.join(", ", names) + (near == null ? "" : "; did you mean '" + near + "'?"));
    }

    private Severity severity(Token t) throws GateSyntaxException {
        List<String> names = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            names.add(severity.name().toLowerCase(Locale.ROOT));
            if (severity.name().equalsIgnoreCase(t.text())) {
                return severity;
            }
        }
        String near = NameDistance.nearest(t.text(), names);
        throw lexer.error(t, "a severity", near, "unknown severity " + t.describe() + "; expected one of "
                + String.join(", ", names) + (near == null ? "" : "; did you mean '" + near + "'?"));
    }

    private Operator operator(Metric metric, boolean relative) throws GateSyntaxException {
        Token t = peek();
        String after = "after '" + metric.metricName() + (relative ? " regression" : "") + "'";
        if (t.is(Kind.OP)) {
            if (t.text().equals("=")) {
                throw lexer.error(t, "an operator (" + Operator.list() + ")", "==",
                        "'=' is not a comparison; write == for \"equal\"");
            }
            next();
            return Operator.parse(t.text());
        }
        Operator word = t.is(Kind.WORD) ? Operator.parse(t.text()) : null;
        String hint = word != null ? "; write " + word.symbol() : "";
        if (t.is(Kind.LPAREN)) {
            hint = "; " + metric.metricName() + " takes no selector";
        }
        throw lexer.error(t, "an operator (" + Operator.list() + ")", word == null ? null : word.symbol(),
                "expected an operator (" + Operator.list() + ") " + after + ", found " + t.describe() + hint);
    }

    private GateCriticality criticality() throws GateSyntaxException {
        Token t = peek();
        if (t.isWord("unstable")) {
            next();
            return GateCriticality.UNSTABLE;
        }
        if (t.isWord("failure")) {
            next();
            return GateCriticality.FAILURE;
        }
        String near = t.is(Kind.WORD) ? NameDistance.nearest(t.text(), List.of("unstable", "failure")) : null;
        throw lexer.error(t, "'unstable' or 'failure'", near, "expected 'unstable' or 'failure' after 'as', found "
                + t.describe() + (near == null ? "" : "; did you mean '" + near + "'?"));
    }

    /** A threshold of the metric's kind (a percentage for regressions). */
    private Threshold value(Metric metric, boolean relative, Token opToken) throws GateSyntaxException {
        UnitKind kind = relative ? UnitKind.PERCENT : metric.kind();
        String after = opToken == null ? "" : " after '" + metric.metricName() + (relative ? " regression " : " ")
                + opToken.text() + "'";
        Token t = peek();
        if (kind == UnitKind.GRADE) {
            return grade(t, after);
        }
        if (kind == UnitKind.PROTOCOL) {
            return protocol(t, after);
        }
        String sign = "";
        if ((t.is(Kind.MINUS) || t.is(Kind.PLUS)) && peek(1).is(Kind.NUMBER) && peek(1).start() == t.end()) {
            if (kind != UnitKind.PERCENT && kind != UnitKind.DAYS) {
                throw lexer.error(t, kind.expected(), null, "a signed threshold makes no sense for "
                        + metric.metricName() + "; expected " + kind.expected());
            }
            sign = t.is(Kind.MINUS) ? "-" : "";
            next();
            t = peek();
        }
        if (!t.is(Kind.NUMBER)) {
            throw lexer.error(t, kind.expected(), null, "expected " + kind.expected() + after + ", found "
                    + t.describe());
        }
        next();
        BigDecimal number = new BigDecimal(sign + t.text());
        if (number.abs().compareTo(MAX_THRESHOLD) > 0) {
            String shown = t.text().length() > 20 ? t.text().substring(0, 20) + "... (" + t.text().length()
                    + " digits)" : t.text();
            throw lexer.error(t, "a number up to " + MAX_THRESHOLD.toPlainString(), null, "number out of range: "
                    + sign + shown + " (a threshold is at most " + MAX_THRESHOLD.toPlainString() + " in its unit)");
        }
        String numberText = number.stripTrailingZeros().toPlainString();
        double value = number.doubleValue();
        Token unit = peek();
        boolean zero = number.signum() == 0;
        String name = relative ? metric.metricName() + " regression" : metric.metricName();
        switch (kind) {
            case DURATION -> {
                double factor = unit.is(Kind.WORD) ? timeFactor(unit.text()) : -1;
                if (factor > 0) {
                    next();
                    return new Threshold(value * factor, kind, numberText + unit.text().toLowerCase(Locale.ROOT));
                }
                if (bareZero(unit, t, zero)) {
                    return new Threshold(0, kind, "0ms");
                }
                throw unitError(unit, t, name + " is a time: write " + numberText + "ms or " + numberText + "s",
                        "a time unit (ms, s, m or h)");
            }
            case PERCENT -> {
                if (unit.is(Kind.PERCENT)) {
                    next();
                    return new Threshold(value, kind, numberText + "%");
                }
                if (bareZero(unit, t, zero)) {
                    return new Threshold(0, kind, "0%");
                }
                throw unitError(unit, t, name + " is a percentage: write " + numberText + "%", "'%'");
            }
            case RATE -> {
                if (unit.is(Kind.SLASH)) {
                    next();
                    Token per = peek();
                    double perSecond = per.is(Kind.WORD) ? rateFactor(per.text()) : -1;
                    if (perSecond < 0) {
                        throw lexer.error(per, "s or m after '/'", null, "expected s or m after '/' (per second or "
                                + "per minute), found " + per.describe());
                    }
                    next();
                    return new Threshold(value * perSecond, kind, numberText + "/" + per.text().toLowerCase(Locale.ROOT));
                }
                if (bareZero(unit, t, zero)) {
                    return new Threshold(0, kind, "0/s");
                }
                throw unitError(unit, t, name + " is a rate: write " + numberText + "/s", "'/s'");
            }
            case DAYS -> {
                boolean dayWord = unit.is(Kind.WORD)
                        && List.of("d", "day", "days").contains(unit.text().toLowerCase(Locale.ROOT));
                if (dayWord) {
                    next();
                } else if (unit.is(Kind.PERCENT) || unit.is(Kind.SLASH) || adjacentWord(unit, t)) {
                    throw lexer.error(unit, "days (d)", null, "unknown unit " + unit.describe() + "; " + name
                            + " is a number of days");
                }
                return new Threshold(value, kind, numberText);
            }
            default -> {
                if (unit.is(Kind.PERCENT) || unit.is(Kind.SLASH) || adjacentWord(unit, t)) {
                    throw lexer.error(unit, "a plain number", null, name + " is a count; write a plain number "
                            + "without " + unit.describe());
                }
                return new Threshold(value, kind, numberText);
            }
        }
    }

    private static boolean adjacentWord(Token unit, Token number) {
        return unit.is(Kind.WORD) && unit.start() == number.end();
    }

    /** A plain 0 needs no unit: 0 ms, 0 % and 0/s are the same whatever the unit. */
    private static boolean bareZero(Token unit, Token number, boolean zero) {
        return zero && !adjacentWord(unit, number) && !unit.is(Kind.PERCENT) && !unit.is(Kind.SLASH);
    }

    /** A missing or wrong unit: points at the unit when one was written, else at the number. */
    private GateSyntaxException unitError(Token unit, Token number, String problem, String expected) {
        boolean unitWritten = adjacentWord(unit, number) || unit.is(Kind.PERCENT) || unit.is(Kind.SLASH)
                || unit.is(Kind.WORD) && !MODIFIERS.contains(unit.text().toLowerCase(Locale.ROOT));
        if (unitWritten) {
            return lexer.error(unit, expected, null, problem + "; found unit " + unit.describe());
        }
        return lexer.error(number, expected, null, problem);
    }

    private static double timeFactor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> -1;
        };
    }

    private static double rateFactor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s" -> 1;
            case "m", "min" -> 1.0 / 60;
            default -> -1;
        };
    }

    private Threshold grade(Token t, String after) throws GateSyntaxException {
        String expected = UnitKind.GRADE.expected();
        if (!t.is(Kind.WORD)) {
            throw lexer.error(t, expected, null, "expected " + expected + after + ", found " + t.describe());
        }
        next();
        String text = t.text();
        Token sign = peek();
        int end = t.end();
        if ((sign.is(Kind.PLUS) || sign.is(Kind.MINUS)) && sign.start() == t.end()) {
            next();
            text += sign.text();
            end = sign.end();
        }
        Grade grade = Grade.parse(text);
        if (grade == null) {
            throw new GateSyntaxException(lexer.source(), t.line(), t.column(), end - t.start(), expected,
                    "'" + text + "'", null, lexer.lineText(t.line()), "expected " + expected + after + ", found '"
                    + text + "'");
        }
        return new Threshold(grade.rank(), UnitKind.GRADE, grade.text());
    }

    private Threshold protocol(Token t, String after) throws GateSyntaxException {
        String expected = UnitKind.PROTOCOL.expected();
        TlsProtocol protocol = t.is(Kind.WORD) ? TlsProtocol.parse(t.text()) : null;
        if (protocol == null) {
            throw lexer.error(t, expected, null, "expected " + expected + after + ", found " + t.describe());
        }
        next();
        return new Threshold(protocol.rank(), UnitKind.PROTOCOL, protocol.text());
    }

    private Duration duration(Token forToken) throws GateSyntaxException {
        Token t = peek();
        String expected = "a duration such as 30s or 2m";
        if (!t.is(Kind.NUMBER)) {
            throw lexer.error(t, expected, null, "expected " + expected + (forToken == null ? "" : " after 'for'")
                    + ", found " + t.describe());
        }
        next();
        Token unit = peek();
        double factor = unit.is(Kind.WORD) ? timeFactor(unit.text()) : -1;
        if (factor < 0) {
            throw lexer.error(unit.start() == t.end() ? unit : t, "a time unit (s or m)", null,
                    "a window needs a time unit: write " + t.text() + "s");
        }
        next();
        double millis = new BigDecimal(t.text()).doubleValue() * factor;
        if (millis < 1000 || millis % 1000 != 0 || millis > MAX_WINDOW.toMillis()) {
            throw new GateSyntaxException(lexer.source(), t.line(), t.column(), unit.end() - t.start(), expected,
                    "'" + t.text() + unit.text() + "'", null, lexer.lineText(t.line()),
                    "a window must be a whole number of seconds from 1s to 24h, found '" + t.text() + unit.text() + "'");
        }
        return Duration.ofMillis((long) millis);
    }

    private void expectEnd(String what) throws GateSyntaxException {
        Token t = peek();
        if (!t.is(Kind.EOF)) {
            throw lexer.error(t, what, null, "expected " + what + ", found " + t.describe());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(position);
        if (!t.is(Kind.EOF)) {
            position++;
        }
        return t;
    }
}
