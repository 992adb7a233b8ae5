package io.secperf.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits gate-language text into tokens with their line and column. Comments ({@code #} to the end of the line) are
 * dropped; new lines and {@code ;} end a gate.
 */
final class GateLexer {

    enum Kind { WORD, NUMBER, STRING, OP, LPAREN, RPAREN, COMMA, PERCENT, SLASH, PLUS, MINUS, SEP, EOF }

    /**
     * @param kind   what it is
     * @param text   the token's value (a string token without quotes and escapes)
     * @param line   1-based line
     * @param column 1-based column
     * @param start  offset in the text
     * @param end    offset after the token
     */
    record Token(Kind kind, String text, int line, int column, int start, int end) {
        boolean is(Kind k) {
            return kind == k;
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        /** For "found ...": the token quoted, or what the end is. */
        String describe() {
            return switch (kind) {
                case SEP -> text.equals(";") ? "';'" : "the end of the line";
                case EOF -> "the end of the gate list";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }

        int length() {
            return Math.max(1, end - start);
        }
    }

    private final String text;
    private final String source;
    private final int[] lineStarts;

    GateLexer(String text, String source) {
        this.text = text;
        this.source = source;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The source line (without its line break). */
    String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        String result = text.substring(start, Math.max(start, end));
        return result.endsWith("\r") ? result.substring(0, result.length() - 1) : result;
    }

    String source() {
        return source;
    }

    List<Token> tokens() throws GateSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\n' || c == ';') {
                tokens.add(token(Kind.SEP, c == ';' ? ";" : "\n", i, i + 1));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(token(Kind.WORD, text.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i + 1 < n && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(token(Kind.NUMBER, text.substring(start, i), start, i));
            } else if (c == '"' || c == '\'') {
                i = string(tokens, i, c);
            } else if (c == '<' || c == '>' || c == '=' || c == '!') {
                int start = i;
                i++;
                if (i < n && text.charAt(i) == '=') {
                    i++;
                } else if (c == '!') {
                    throw error(start, 1, "an operator", "'!'", "'!' alone is not an operator; write != for \"not equal\"");
                }
                tokens.add(token(Kind.OP, text.substring(start, i), start, i));
            } else {
                Kind kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case ',' -> Kind.COMMA;
                    case '%' -> Kind.PERCENT;
                    case '/' -> Kind.SLASH;
                    case '+' -> Kind.PLUS;
                    case '-' -> Kind.MINUS;
                    default -> null;
                };
                if (kind == null) {
                    int cp = text.codePointAt(i);
                    String shown = Character.isISOControl(cp) ? String.format("U+%04X", cp) : new String(Character.toChars(cp));
                    throw error(i, 1, "a gate", "'" + shown + "'", "unexpected character '" + shown + "'");
                }
                tokens.add(token(kind, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        tokens.add(token(Kind.EOF, "", n, n));
        return tokens;
    }

    private int string(List<Token> tokens, int start, char quote) throws GateSyntaxException {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                tokens.add(token(Kind.STRING, value.toString(), start, i + 1));
                return i + 1;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == quote || text.charAt(i + 1) == '\\')) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw error(start, i - start, "a closing " + quote, "the end of the line",
                "unterminated string: expected a closing " + quote);
    }

    private Token token(Kind kind, String value, int start, int end) {
        int line = lineOf(start);
        return new Token(kind, value, line, start - lineStarts[line - 1] + 1, start, end);
    }

    private int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    GateSyntaxException error(int offset, int length, String expected, String found, String problem) {
        int line = lineOf(Math.min(offset, Math.max(0, text.length())));
        int column = offset - lineStarts[line - 1] + 1;
        return new GateSyntaxException(source, line, column, length, expected, found, null, lineText(line), problem);
    }

    GateSyntaxException error(Token at, String expected, String suggestion, String problem) {
        return new GateSyntaxException(source, at.line(), at.column(), at.length(), expected, at.describe(),
                suggestion, lineText(at.line()), problem);
    }
}
