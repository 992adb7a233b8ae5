package io.secperf.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises what an error response should never show (CWE-209): stack traces of the common server platforms, the
 * default error pages of frameworks, and version banners in headers (ZAP rules 10036, 10037). Shared by the auth
 * check (on every response it sees) and the fuzzer (on responses to hostile input, where leaks usually appear).
 * Patterns are anchored on distinctive text and bounded, so scanning 64 KB is cheap and cannot backtrack badly.
 */
public final class LeakDetector {

    /** What kind of leak. */
    public enum Kind { STACK_TRACE, ERROR_PAGE }

    /**
     * One recognised leak.
     *
     * @param kind       stack trace or framework error page
     * @param technology "Java", "Python", ".NET", "PHP", "Node.js", "Ruby", "Go", or the framework name
     * @param excerpt    the matching text, one line, at most 160 characters
     */
    public record Leak(Kind kind, String technology, String excerpt) {
    }

    private record Rule(Kind kind, String technology, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            // Java: exception class names of the platform and common libraries, "at com.example.Foo.bar(Foo.java:42)",
            // "Caused by: ...Exception", uncaught thread dumps
            stack("Java", "\\b(?:java|javax|jakarta|sun|com\\.sun|org\\.springframework|org\\.hibernate|com\\.fasterxml)"
                    + "(?:\\.[\\w$]+){1,12}(?:Exception|Error)\\b"),
            stack("Java", "(?m)^\\s*at [\\w$]+(?:\\.[\\w$<>]+){1,30}\\((?:[\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)"),
            stack("Java", "(?m)^Caused by: [\\w$]+(?:\\.[\\w$]+){1,30}(?:Exception|Error)"),
            stack("Java", "Exception in thread \""),
            // Python
            stack("Python", "Traceback \\(most recent call last\\):"),
            stack("Python", "(?m)^\\s*File \"[^\"\\n]{1,300}\", line \\d+, in "),
            // .NET
            stack(".NET", "(?m)^\\s*at [\\w.`<>\\[\\],]{1,300}\\([^)\\n]{0,300}\\) in [^\\n]{1,300}:line \\d+"),
            stack(".NET", "\\bSystem(?:\\.[A-Za-z]+){0,6}\\.[A-Za-z]*Exception:"),
            stack(".NET", "--- End of (?:inner exception )?stack trace"),
            // PHP
            stack("PHP", "(?i)<b>(?:Fatal error|Warning|Parse error|Notice)</b>:[^\\n]{0,400} on line <b>\\d+</b>"),
            stack("PHP", "PHP (?:Fatal|Parse) error:"),
            stack("PHP", "(?:Fatal error|Uncaught [\\w\\\\]+):[^\\n]{0,400} in [^\\n]{1,300}\\.php(?::\\d+| on line \\d+)"),
            stack("PHP", "(?m)^#\\d+ [^\\n]{1,300}\\.php\\(\\d+\\): "),
            // Node.js (plain and as rendered by Express' default handler)
            stack("Node.js", "(?m)^\\s+at [^\\n]{1,300}\\.(?:js|mjs|cjs|ts):\\d+:\\d+\\)?\\s*$"),
            stack("Node.js", "\\((?:node:internal|internal/)[\\w/]{1,100}\\.?(?:js)?:\\d+:\\d+\\)"),
            stack("Node.js", "&nbsp; &nbsp;at [^<\\n]{1,300}\\.js:\\d+:\\d+"),
            // Ruby, Go
            stack("Ruby", "(?m)^\\s*[^\\s:]{1,300}\\.rb:\\d+:in [`']"),
            stack("Go", "goroutine \\d+ \\[running\\]:"),
            // framework error pages
            page("Spring Boot", "Whitelabel Error Page"),
            page("Apache Tomcat", "Apache Tomcat/\\d+(?:\\.\\d+)* - Error report|<h3>Apache Tomcat/\\d"),
            page("Jetty", "Powered by Jetty://|<th>SERVLET:</th>"),
            page("Django", "You're seeing this error because you have <code>DEBUG = True</code>"),
            page("Werkzeug", "Werkzeug Debugger|The debugger caught an exception in your WSGI application"),
            page("Ruby on Rails", "Action Controller: Exception caught"),
            page("Laravel", "Whoops, looks like something went wrong|Whoops! There was an error"),
            page("ASP.NET", "Server Error in '[^'\\n]{0,100}' Application"));

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final int EXCERPT = 160;

    private LeakDetector() {
    }

    private static Rule stack(String technology, String regex) {
        return new Rule(Kind.STACK_TRACE, technology, Pattern.compile(regex));
    }

    private static Rule page(String technology, String regex) {
        return new Rule(Kind.ERROR_PAGE, technology, Pattern.compile(regex));
    }

    /** The first leak in a response body, if any. */
    public static Optional<Leak> scan(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern.matcher(body);
            if (matcher.find()) {
                return Optional.of(new Leak(rule.kind, rule.technology, excerpt(body, matcher.start(),
                        matcher.end())));
            }
        }
        return Optional.empty();
    }

    /**
     * Headers that name software versions: {@code Server} with a version number (ZAP 10036), any
     * {@code X-Powered-By} (ZAP 10037), {@code X-AspNet-Version} and {@code X-AspNetMvc-Version}.
     *
     * @return "Header: value" strings, empty when the response is clean
     */
    public static List<String> versionBanners(TargetResponse response) {
        List<String> banners = new ArrayList<>();
        for (String server : response.headers("Server")) {
            if (VERSION.matcher(server).find()) {
                banners.add("Server: " + oneLine(server));
            }
        }
        for (String name : List.of("X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version")) {
            for (String value : response.headers(name)) {
                banners.add(name + ": " + oneLine(value));
            }
        }
        return banners;
    }

    private static String excerpt(String body, int start, int end) {
        int from = Math.max(0, start);
        int to = Math.min(body.length(), Math.max(end, Math.min(body.length(), from + 80)));
        return oneLine(body.substring(from, to));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > EXCERPT ? line.substring(0, EXCERPT) + "…" : line;
    }
}
