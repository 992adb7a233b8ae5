package io.secperf.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * A TCP connect to the target before any load is generated, so "the target is down" is one clear line instead of a
 * run full of connection errors. It opens and closes one connection and sends nothing: no TLS handshake, no request.
 */
public final class TargetCheck {

    /** Default connect timeout of the check. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private TargetCheck() {
    }

    /**
     * @param target  an http or https URL with a host
     * @param timeout connect timeout
     * @throws TargetUnreachableException with a message like
     *                                    {@code target https://127.0.0.1:1 is unreachable: connection refused}
     */
    public static void verify(URI target, Duration timeout) throws TargetUnreachableException {
        String host = RunRequest.hostOf(target);
        int port = RunRequest.portOf(target);
        String shown = display(target);
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new TargetUnreachableException(target, "target " + shown + " is unreachable: unknown host " + host, e);
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        } catch (ConnectException e) {
            String why = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : lower(e.getMessage(), "connection failed");
            throw new TargetUnreachableException(target, "target " + shown + " is unreachable: " + why, e);
        } catch (SocketTimeoutException e) {
            throw new TargetUnreachableException(target, "target " + shown + " is unreachable: no answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (NoRouteToHostException e) {
            throw new TargetUnreachableException(target, "target " + shown + " is unreachable: no route to host", e);
        } catch (IOException e) {
            throw new TargetUnreachableException(target,
                    "target " + shown + " is unreachable: " + lower(e.getMessage(), e.getClass().getSimpleName()), e);
        }
    }

    /** scheme://host[:port] only: user info, path and query may carry secrets and are not needed to say what failed. */
    static String display(URI target) {
        return target.getScheme() + "://" + target.getHost() + (target.getPort() >= 0 ? ":" + target.getPort() : "");
    }

    private static String lower(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
