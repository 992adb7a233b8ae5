package io.secperf.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JMeter remote engines ({@code jmeter-server}) a distributed run drives, and how many of them must take part, so
 * a run on N machines can go on without one that is down ({@code --remote-min}) but never silently on too few.
 *
 * @param engines  {@code host:port} of each engine, in the order given; the port defaults to JMeter's 1099
 * @param minimum  engines that must answer at the start and stay alive; 1..engines.size()
 */
public record RemoteEngines(List<String> engines, int minimum) {

    /** JMeter's default RMI registry port of {@code jmeter-server} ({@code server.rmi.port}). */
    public static final int DEFAULT_PORT = 1099;

    public RemoteEngines {
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no remote engine given");
        }
        if (minimum < 1 || minimum > engines.size()) {
            throw new IllegalArgumentException("the minimum of remote engines must be between 1 and "
                    + engines.size() + " (the engines given), was " + minimum);
        }
    }

    /**
     * Parses {@code host[:port],...} as JMeter's {@code -R} takes it ({@code [::1]:1099} for IPv6 literals).
     *
     * @param minimum engines required, or 0 for all of them
     * @throws IllegalArgumentException with a one-line message naming the bad entry
     */
    public static RemoteEngines parse(String list, int minimum) {
        Set<String> engines = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String normalized = normalize(entry);
            if (!engines.add(normalized)) {
                throw new IllegalArgumentException("remote engine " + normalized + " is given twice");
            }
        }
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("--remote needs at least one host[:port], was '" + list + "'");
        }
        return new RemoteEngines(new ArrayList<>(engines), minimum == 0 ? engines.size() : minimum);
    }

    private static String normalize(String entry) {
        int closing = entry.indexOf(']');
        int colon = entry.indexOf(':', Math.max(closing, 0));
        if (entry.startsWith("[") ? closing < 0 : entry.indexOf(':') != entry.lastIndexOf(':')) {
            throw new IllegalArgumentException("remote engine '" + entry + "' is not host[:port] (write IPv6 as [::1]:1099)");
        }
        String host = colon < 0 ? entry : entry.substring(0, colon);
        int port = DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("remote engine '" + entry + "' has no valid port (1-65535)");
            }
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("remote engine '" + entry + "' has no host");
        }
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The host of {@code host:port} (IPv6 literals keep their brackets). */
    static String host(String engine) {
        return engine.substring(0, engine.lastIndexOf(':'));
    }

    /** The port of {@code host:port}. */
    static int port(String engine) {
        return Integer.parseInt(engine.substring(engine.lastIndexOf(':') + 1));
    }
}
