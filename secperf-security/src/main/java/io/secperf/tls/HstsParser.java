package io.secperf.tls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the Strict-Transport-Security header of an HTTP response head by the grammar of RFC 6797 §6.1. */
final class HstsParser {

    private HstsParser() {
    }

    static HstsResult parseResponse(String head) {
        // RFC 9112 §2.2: a recipient may take a bare LF as a line end, and browsers do
        String[] lines = head.split("\r?\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/")) {
            return HstsResult.notTested("not an HTTP response");
        }
        int status = -1;
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length >= 2) {
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase("Strict-Transport-Security")) {
                return parseValue(lines[i].substring(colon + 1).strip(), status);
            }
        }
        return new HstsResult(HstsResult.Status.MISSING, null, -1, false, false, status,
                "no Strict-Transport-Security header (HTTP " + status + ")");
    }

    static HstsResult parseValue(String value, int httpStatus) {
        long maxAge = -1;
        boolean subDomains = false;
        boolean preload = false;
        Set<String> seen = new HashSet<>();
        for (String raw : directives(value)) {
            String directive = raw.strip();
            if (directive.isEmpty()) {
                continue;
            }
            int eq = directive.indexOf('=');
            String name = (eq < 0 ? directive : directive.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String arg = eq < 0 ? null : directive.substring(eq + 1).strip();
            if (!seen.add(name)) {
                return malformed(value, httpStatus, "directive '" + name + "' appears twice");
            }
            switch (name) {
                case "max-age" -> {
                    if (arg == null) {
                        return malformed(value, httpStatus, "max-age without a value");
                    }
                    if (arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"")) {
                        arg = arg.substring(1, arg.length() - 1);
                    }
                    if (!arg.matches("\\d+")) {
                        return malformed(value, httpStatus, "max-age is not a number: " + arg);
                    }
                    maxAge = seconds(arg);
                }
                case "includesubdomains" -> subDomains = true;
                case "preload" -> preload = true;
                default -> {
                    // RFC 6797 §6.1: unknown directives are ignored
                }
            }
        }
        if (maxAge < 0) {
            return malformed(value, httpStatus, "no max-age directive");
        }
        return new HstsResult(HstsResult.Status.PRESENT, value, maxAge, subDomains, preload, httpStatus, null);
    }

    /**
     * The directives of a header value: split at every ';' outside a quoted-string (RFC 6797 §6.1: a directive's
     * value may be a quoted-string, which may hold ';' and backslash-escaped quotes). An unterminated quote runs to
     * the end of the value.
     */
    static List<String> directives(String value) {
        List<String> directives = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                directives.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        directives.add(current.toString());
        return directives;
    }

    /** delta-seconds has no upper bound (RFC 6797 §6.1.1); a value beyond a long is clamped, as browsers do. */
    private static long seconds(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static HstsResult malformed(String value, int httpStatus, String why) {
        return new HstsResult(HstsResult.Status.MALFORMED, value, -1, false, false, httpStatus, why);
    }
}
