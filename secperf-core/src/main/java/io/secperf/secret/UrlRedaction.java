package io.secperf.secret;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what URLs carry in their query and user info before a URL is repeated in a message: an API token in
 * {@code ?token=...} or a password in {@code https://user:password@host} is no less secret because the URL was
 * invalid. Parameter names stay, so the message still says what was wrong.
 */
public final class UrlRedaction {

    /** What a query value or a user-info password is replaced with. */
    public static final String MASK = "****";

    private static final Pattern QUERY_VALUE = Pattern.compile("([?&;][^=&#?\\s'\"<>]{1,100}=)[^&#\\s'\"<>]+");
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/@:\\s'\"<>]*:)[^@/\\s'\"<>]+@");

    private UrlRedaction() {
    }

    /** The text with every query value and user-info password of the URLs in it masked; null stays null. */
    public static String redact(String text) {
        if (text == null || (text.indexOf('=') < 0 && text.indexOf('@') < 0)) {
            return text;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        if (out.indexOf('?') < 0) {
            return out;
        }
        // only after a '?': "a=b" in ordinary text is not a query
        int start = out.indexOf('?');
        String head = out.substring(0, start);
        String tail = QUERY_VALUE.matcher(out.substring(start))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return head + tail;
    }
}
