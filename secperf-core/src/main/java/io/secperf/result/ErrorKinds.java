package io.secperf.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The most frequent causes of failed samples of one label (or of all labels), in a table of bounded size.
 *
 * <p>Why bounded: a plan whose error messages carry ever-new text would otherwise grow memory with the number of
 * samples. Normalisation ({@link #normalise}) folds numbers, ids, hex, UUIDs and port numbers, so one cause is one
 * row; the table keeps at most {@value #CAPACITY} kinds per label and counts the rest in {@link #others}.
 *
 * <p>Guarantees (documented in docs/result-schema.md):
 * <ul>
 * <li>The totals always add up: the sum of the kinds' counts plus {@code others} equals the label's {@code errors},
 *     in a live run, an ingested file and any merge.</li>
 * <li>Within one aggregation a kind enters the table at its first occurrence and is never evicted, so while a
 *     label has at most {@value #CAPACITY} distinct kinds (the normal case) every count is exact and
 *     {@code others} is 0.</li>
 * <li>In general every count is a lower bound: the true count of a listed kind lies between {@code count} and
 *     {@code count + others}. When {@code others} is 0 the table is complete and exact.</li>
 * <li>Merging (shards, {@code gate --result a b}, {@code ingest a b}) adds the counts of equal kinds exactly, then
 *     keeps the {@value #CAPACITY} largest (ties by code and message) and adds the counts of the rest to
 *     {@code others}: the merged table does not depend on the order of the inputs, and merging tables that are
 *     each complete gives a complete table whenever the union has at most {@value #CAPACITY} kinds.</li>
 * </ul>
 *
 * @param kinds  at most {@value #CAPACITY} kinds, largest count first, ties by code then message
 * @param others failed samples not counted in any listed kind
 */
public record ErrorKinds(List<ErrorKind> kinds, long others) {

    /** Kinds kept per label and for the overall row. */
    public static final int CAPACITY = 10;
    /** Kinds shown in the console, the report and the JUnit text. */
    public static final int SHOWN = 5;
    static final int MAX_CODE_CHARS = 100;
    static final int MAX_MESSAGE_CHARS = 200;
    static final int MAX_EXAMPLE_CHARS = 300;

    private static final String NON_HTTP_CODE = "Non HTTP response code: ";
    private static final String NON_HTTP_MESSAGE = "Non HTTP response message: ";

    public ErrorKinds {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        if (others < 0) {
            throw new IllegalArgumentException("error kinds: negative others count " + others);
        }
    }

    /** No errors. */
    public static ErrorKinds none() {
        return new ErrorKinds(List.of(), 0);
    }

    /** Failed samples counted in the table (kinds plus others). */
    public long total() {
        long total = others;
        for (ErrorKind kind : kinds) {
            total += kind.count();
        }
        return total;
    }

    /** The first {@code n} kinds. */
    public List<ErrorKind> top(int n) {
        return kinds.size() <= n ? kinds : kinds.subList(0, n);
    }

    /** The response code JMeter gave, without the {@code "Non HTTP response code: "} prefix, cut to size. */
    static String code(String responseCode) {
        String code = responseCode == null ? "" : responseCode.strip();
        if (code.startsWith(NON_HTTP_CODE)) {
            code = code.substring(NON_HTTP_CODE.length()).strip();
        }
        return cut(printable(code), MAX_CODE_CHARS);
    }

    /**
     * The message that explains a failure: the assertion's failure message when the response itself was fine (class
     * {@link ErrorClass#ASSERTION}), else the response message without JMeter's {@code "Non HTTP response message: "}
     * prefix; raw, cut to {@value #MAX_EXAMPLE_CHARS} characters.
     */
    static String rawMessage(ErrorClass errorClass, String responseMessage, String failureMessage) {
        String message;
        if (errorClass == ErrorClass.ASSERTION && failureMessage != null && !failureMessage.isBlank()) {
            message = failureMessage;
        } else {
            message = responseMessage == null ? "" : responseMessage;
            if (message.startsWith(NON_HTTP_MESSAGE)) {
                message = message.substring(NON_HTTP_MESSAGE.length());
            }
            if (message.isBlank() && failureMessage != null) {
                message = failureMessage;
            }
        }
        return cut(printable(message.strip()), MAX_EXAMPLE_CHARS);
    }

    /**
     * {@link #normalise(String)} after one rule that depends on the code: for an {@code UnknownHostException} only
     * the host is kept, because the JDK says "host: Name or service not known" on the first lookup and just "host"
     * when it answers from its negative cache — one cause, one row.
     */
    static String normalise(String code, String message) {
        if (code.endsWith("UnknownHostException") && message != null) {
            int colon = message.indexOf(": ");
            if (colon > 0) {
                return normalise(message.substring(0, colon));
            }
        }
        return normalise(message);
    }

    /**
     * Folds what differs between occurrences of one cause: UUIDs become {@code <uuid>}, a port after a host
     * ({@code host:8443}) {@code <port>}, runs of at least 8 hex digits or letters-and-digits tokens of 8 or more
     * characters {@code <id>}, other digit runs {@code <n>}; whitespace runs become one space. Dotted IPv4 addresses
     * are kept (they usually name the failing host). The result is cut to {@value #MAX_MESSAGE_CHARS} characters.
     */
    public static String normalise(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS + 8));
        int n = message.length();
        int i = 0;
        while (i < n && out.length() <= MAX_MESSAGE_CHARS) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(message.charAt(i))) {
                    i++;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                out.append(Character.isISOControl(c) ? '?' : c);
                i++;
                continue;
            }
            int uuid = uuidEnd(message, i);
            if (uuid > 0) {
                out.append("<uuid>");
                i = uuid;
                continue;
            }
            int ipv4 = ipv4End(message, i);
            if (ipv4 > 0) {
                out.append(message, i, ipv4);
                i = ipv4;
                continue;
            }
            int end = i;
            boolean digits = false;
            boolean letters = false;
            boolean hex = true;
            while (end < n && Character.isLetterOrDigit(message.charAt(end))) {
                char t = message.charAt(end);
                if (t >= '0' && t <= '9') {
                    digits = true;
                } else {
                    letters = true;
                    if (!((t >= 'a' && t <= 'f') || (t >= 'A' && t <= 'F'))) {
                        hex = false;
                    }
                }
                end++;
            }
            int length = end - i;
            boolean afterColon = i > 0 && message.charAt(i - 1) == ':' && i > 1
                    && Character.isLetterOrDigit(message.charAt(i - 2));
            if (digits && !letters) {
                out.append(afterColon && length <= 5 ? "<port>" : "<n>");
            } else if (digits && length >= 8 && (hex || letters)) {
                out.append("<id>");
            } else if (hex && length >= 16) {
                out.append("<id>");
            } else if (isHexPrefixed(message, i, end)) {
                out.append("<id>");
            } else {
                out.append(message, i, end);
            }
            i = end;
        }
        String result = out.toString().strip();
        return cut(result, MAX_MESSAGE_CHARS);
    }

    private static boolean isHexPrefixed(String s, int start, int end) {
        if (end - start < 3 || s.charAt(start) != '0' || (s.charAt(start + 1) != 'x' && s.charAt(start + 1) != 'X')) {
            return false;
        }
        for (int i = start + 2; i < end; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** End of a UUID (8-4-4-4-12 hex digits) starting at {@code start}, else -1. */
    private static int uuidEnd(String s, int start) {
        int[] groups = {8, 4, 4, 4, 12};
        int i = start;
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g]; k++, i++) {
                if (i >= s.length() || Character.digit(s.charAt(i), 16) < 0) {
                    return -1;
                }
            }
            if (g < groups.length - 1) {
                if (i >= s.length() || s.charAt(i) != '-') {
                    return -1;
                }
                i++;
            }
        }
        return i < s.length() && Character.isLetterOrDigit(s.charAt(i)) ? -1 : i;
    }

    /** End of a dotted IPv4 address starting at {@code start}, else -1. */
    private static int ipv4End(String s, int start) {
        int i = start;
        for (int part = 0; part < 4; part++) {
            int digits = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 4) {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3) {
                return -1;
            }
            if (part < 3) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i < s.length() && Character.isLetterOrDigit(s.charAt(i)) ? -1 : i;
    }

    private static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Sorted: largest count first, ties by code then message (a total order, so merges are order-independent). */
    static List<ErrorKind> sorted(List<ErrorKind> kinds) {
        List<ErrorKind> list = new ArrayList<>(kinds);
        list.sort((a, b) -> {
            int byCount = Long.compare(b.count(), a.count());
            if (byCount != 0) {
                return byCount;
            }
            int byCode = a.code().compareTo(b.code());
            return byCode != 0 ? byCode : a.message().compareTo(b.message());
        });
        return Collections.unmodifiableList(list);
    }
}
