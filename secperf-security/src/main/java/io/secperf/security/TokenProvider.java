package io.secperf.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Gets the valid token the checks need (to forge JWT variants from, and to reach protected endpoints while fuzzing
 * or flooding): either a ready token from a credential, or by sending the configured login request and reading the
 * token from the JSON body, a header or a cookie. The token is registered with the mask before anything else
 * happens with it.
 */
public final class TokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param token         the token, when one could be obtained
     * @param loginResponse the login response, when a login was sent (its cookies and headers are checked too)
     * @param problem       why there is no token (no secrets in it), empty when there is one or none is configured
     */
    public record Result(Optional<String> token, Optional<TargetResponse> loginResponse, String problem) {
    }

    private TokenProvider() {
    }

    /** Obtains the configured token; never throws for a failed login (see {@link Result#problem()}). */
    public static Result obtain(SecurityConfig config, Credentials credentials, TargetClient client, SecretMask mask)
            throws InterruptedException {
        SecurityConfig.Auth auth = config.auth();
        if (auth.token().isPresent()) {
            Optional<String> token = credentials.value(auth.token().get());
            token.ifPresent(mask::addToken);
            return new Result(token, Optional.empty(), token.isPresent() ? "" : "credential '" + auth.token().get()
                    + "' is empty");
        }
        if (auth.login().isEmpty()) {
            return new Result(Optional.empty(), Optional.empty(), "no token source configured (auth.token or "
                    + "auth.login)");
        }
        SecurityConfig.Login login = auth.login().get();
        PreparedRequest request = PreparedRequest.of(config, login.request(), credentials, Optional.empty());
        TargetResponse response = client.send(request, config.target().requestTimeout());
        String where = login.request().label();
        if (!response.answered()) {
            return new Result(Optional.empty(), Optional.of(response), "login " + where + ": " + response.outcome());
        }
        if (response.status() < 200 || response.status() > 299) {
            return new Result(Optional.empty(), Optional.of(response), "login " + where + " answered "
                    + response.status() + " (" + why(response) + ")");
        }
        Optional<String> token = extract(login.tokenFrom(), response);
        token.ifPresent(mask::addToken);
        return new Result(token, Optional.of(response), token.isPresent() ? ""
                : "login " + where + " answered " + response.status() + " but no token at " + login.tokenFrom());
    }

    /** What a refused login most likely means: a rate limit or a locked account is not a credentials problem. */
    static String why(TargetResponse response) {
        String retry = response.header("Retry-After").map(v -> "; Retry-After: " + v.strip()).orElse("");
        return switch (response.status()) {
            case 429 -> "rate limited: the login refuses further attempts for now, the credentials may be fine"
                    + retry + "; wait or raise the test client's limit";
            case 423 -> "the account is locked" + retry + "; unlock the test user";
            case 401, 403 -> "credentials refused: check the credentials, or whether the test user is locked out"
                    + retry;
            default -> response.status() >= 500 ? "server error at login" + retry
                    : "login failed" + retry;
        };
    }

    static Optional<String> extract(SecurityConfig.TokenLocation location, TargetResponse response) {
        return switch (location.kind()) {
            case HEADER -> response.header(location.name()).map(TokenProvider::stripBearer).filter(t -> !t.isBlank());
            case COOKIE -> Cookies.parse(response.headers("Set-Cookie")).stream()
                    .filter(c -> c.name().equals(location.name())).map(Cookies.Cookie::value)
                    .filter(v -> !v.isBlank()).findFirst();
            case JSON -> {
                try {
                    JsonNode node = JSON.readTree(response.body()).at(location.name());
                    yield node.isTextual() && !node.textValue().isBlank() ? Optional.of(node.textValue())
                            : Optional.empty();
                } catch (JsonProcessingException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    private static String stripBearer(String value) {
        String trimmed = value.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : trimmed;
    }
}
