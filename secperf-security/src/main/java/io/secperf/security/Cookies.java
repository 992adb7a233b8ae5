package io.secperf.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code Set-Cookie} headers (RFC 6265 §5.2) far enough to judge their security attributes. */
public final class Cookies {

    /**
     * One cookie as set by the server.
     *
     * @param name     cookie name
     * @param value    cookie value (a secret when it is a session id: mask before showing)
     * @param secure   has the Secure attribute
     * @param httpOnly has the HttpOnly attribute
     * @param sameSite the SameSite value ("Strict", "Lax", "None"), empty when absent
     */
    public record Cookie(String name, String value, boolean secure, boolean httpOnly, Optional<String> sameSite) {
    }

    private Cookies() {
    }

    public static List<Cookie> parse(List<String> setCookieHeaders) {
        List<Cookie> cookies = new ArrayList<>();
        for (String header : setCookieHeaders) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean secure = false;
            boolean httpOnly = false;
            Optional<String> sameSite = Optional.empty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim();
                String lower = attribute.toLowerCase(Locale.ROOT);
                if (lower.equals("secure")) {
                    secure = true;
                } else if (lower.equals("httponly")) {
                    httpOnly = true;
                } else if (lower.startsWith("samesite=")) {
                    sameSite = Optional.of(attribute.substring("samesite=".length()).trim());
                }
            }
            cookies.add(new Cookie(name, value, secure, httpOnly, sameSite));
        }
        return cookies;
    }
}
