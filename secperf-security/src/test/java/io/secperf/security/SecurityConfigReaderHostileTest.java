package io.secperf.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A security.yaml may come from anyone who can open a pull request: wrong types, duplicate keys, several documents,
 * alias bombs, deep nesting, huge files. Each is one clear line with its position, never an exception or a hang.
 */
class SecurityConfigReaderHostileTest {

    static final String TARGET = "target:\n  url: http://h/\n";

    @TempDir
    Path dir;

    private SecurityConfig parse(String yaml) throws SecurityConfigException {
        return SecurityConfigReader.parse(yaml, "s.yaml", dir);
    }

    private String error(String yaml) {
        try {
            parse(yaml);
        } catch (SecurityConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith("s.yaml");
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    // ------------------------------------------------------------------------------------------ document shape

    @Test
    void emptyOrCommentOnlyDocumentsSayWhatIsExpected() {
        assertThat(error("")).isEqualTo("s.yaml: is empty (expected a map with at least 'target')");
        assertThat(error("# nothing here\n")).isEqualTo("s.yaml: is empty (expected a map with at least 'target')");
    }

    @Test
    void documentMustBeOneMap() {
        assertThat(error("- a\n- b\n")).isEqualTo("s.yaml:1:1: the document must be a map, was a list");
        assertThat(error("hello\n")).isEqualTo("s.yaml:1:1: the document must be a map, was a string");
        assertThat(error("42\n")).isEqualTo("s.yaml:1:1: the document must be a map, was a number");
        assertThat(error("true\n")).isEqualTo("s.yaml:1:1: the document must be a map, was a boolean");
        assertThat(error(TARGET + "---\ntarget:\n  url: http://g/\n"))
                .isEqualTo("s.yaml:4:1: only one YAML document is allowed");
    }

    @Test
    void duplicateKeysNameBothLinesAtAnyDepth() {
        assertThat(error(TARGET + "fuzz:\n  seed: 1\n  seed: 2\n"))
                .isEqualTo("s.yaml:5:3: duplicate key 'seed' (first at line 4)");
        assertThat(error(TARGET + "fuzz: {}\nfuzz: {}\n")).isEqualTo("s.yaml:4:1: duplicate key 'fuzz' (first at line 3)");
    }

    @Test
    void aliasesAreRefusedSoAnAliasBombCannotExplodeNorBeReadAsItsName() {
        // a billion-laughs body: the streaming parser would give each alias as the text of its name
        StringBuilder bomb = new StringBuilder(TARGET).append("fuzz:\n  endpoints:\n    - path: /x\n      body:\n")
                .append("        a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("        a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append("]\n");
        }
        assertThat(error(bomb.toString())).isEqualTo("s.yaml:8:18: YAML aliases are not supported (*a0): write the "
                + "value out");
        assertThat(error(TARGET + "  connectTimeout: &t 5s\n  requestTimeout: *t\n"))
                .isEqualTo("s.yaml:4:19: YAML aliases are not supported (*t): write the value out");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = TARGET + "fuzz: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(error(deep)).contains("invalid YAML");
        String deepMaps = TARGET + "fuzz: " + "{a: ".repeat(100) + "1" + "}".repeat(100) + "\n";
        assertThat(error(deepMaps)).contains("invalid YAML");
    }

    @Test
    void oversizedTextIsRefusedBeforeParsing() throws Exception {
        String huge = TARGET + "#" + "x".repeat(SecurityConfigReader.MAX_FILE_BYTES);
        assertThat(error(huge)).isEqualTo("s.yaml: configuration is larger than 1048576 characters");
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, huge);
        assertThatThrownBy(() -> SecurityConfigReader.read(file))
                .hasMessage(file + ": file is larger than 1048576 bytes");
        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints("- GET /" + "a".repeat(1 << 20), "p", true))
                .hasMessage("p: endpoint list is larger than 1048576 characters");
        // exactly the limit is parsed (a tab cannot start a YAML token, so the parser stops at once: the error is
        // the parser's, not the size check's)
        String exactly = "\t" + "x".repeat(SecurityConfigReader.MAX_FILE_BYTES - 1);
        assertThat(error(exactly)).startsWith("s.yaml:1:1: invalid YAML");
        Files.writeString(file, exactly);
        assertThatThrownBy(() -> SecurityConfigReader.read(file)).hasMessageStartingWith(file + ":1:1: invalid YAML");
        assertThatThrownBy(() -> SecurityConfigReader.parseEndpoints(exactly, "p", true))
                .hasMessageStartingWith("p:1:1: invalid YAML");
    }

    @Test
    void unsupportedYamlContentIsNamed() {
        assertThat(error(TARGET + "fuzz:\n  raw: !!binary aGVsbG8=\n")).contains("4:8")
                .contains("unsupported YAML content (VALUE_EMBEDDED_OBJECT)");
    }

    @Test
    void longParserMessagesAreCutToOneBoundedLine() {
        String message = error("target: {url: \"" + "x".repeat(2000) + "\n");
        assertThat(message).contains("invalid YAML");
        assertThat(message.length()).isLessThan(400);
    }

    // ------------------------------------------------------------------------------------------ types

    @Test
    void wrongTypesNameTheKeyAndWhatWasFound() {
        assertThat(error("target: x\n")).isEqualTo("s.yaml:1:9: target must be a map, was a string");
        assertThat(error("target:\n  url: [a]\n")).isEqualTo("s.yaml:2:8: target.url must be a single value, was a list");
        assertThat(error(TARGET + "  insecure: 1\n")).isEqualTo("s.yaml:3:13: target.insecure must be true or false, was '1'");
        assertThat(error(TARGET + "  insecure: {a: 1}\n"))
                .isEqualTo("s.yaml:3:13: target.insecure must be a single value, was a map");
        assertThat(error(TARGET + "attack:\n  flood: {duration: [1s]}\n"))
                .isEqualTo("s.yaml:4:21: attack.flood.duration must be a single value, was a list");
        assertThat(error(TARGET + "attack:\n  sessions: {count: {a: 1}}\n"))
                .contains(": attack.sessions.count must be a single value, was a map");
        assertThat(error("version: [1]\n" + TARGET)).isEqualTo("s.yaml:1:10: version must be a single value, was a list");
        assertThat(error(TARGET + "  caFile: ''\n")).isEqualTo("s.yaml:3:11: target.caFile must not be empty");
        assertThat(error(TARGET + "  caFile: '  '\n")).contains("target.caFile must not be empty");
        assertThat(error(TARGET + "fuzz: [1]\n")).isEqualTo("s.yaml:3:7: fuzz must be a map, was a list");
        assertThat(error(TARGET + "auth: 3\n")).isEqualTo("s.yaml:3:7: auth must be a map, was a number");
        assertThat(error(TARGET + "attack: true\n")).isEqualTo("s.yaml:3:9: attack must be a map, was a boolean");
        assertThat(error(TARGET + "credentials: [env:A]\n")).isEqualTo("s.yaml:3:14: credentials must be a map, was a list");
        assertThat(error(TARGET + "auth:\n  skip: {a: 1}\n")).isEqualTo("s.yaml:4:9: auth.skip must be a list, was a map");
        assertThat(error(TARGET + "auth:\n  skip: [[cookies]]\n")).contains("auth.skip must be a single value, was a list");
    }

    @Test
    void booleansAcceptAnyCase() throws Exception {
        assertThat(parse(TARGET + "  insecure: TRUE\n").target().insecure()).isTrue();
        assertThat(parse(TARGET + "  insecure: 'False'\n").target().insecure()).isFalse();
        assertThat(parse(TARGET + "  insecure: true\n").target().insecure()).isTrue();
        assertThat(parse(TARGET + "fuzz:\n  raw: false\n").fuzz().raw()).isFalse();
        assertThat(parse(TARGET + "fuzz: {}\n").fuzz().raw()).isTrue();
    }

    @Test
    void versionOnlyOne() throws Exception {
        assertThat(parse("version: 1\n" + TARGET).target()).isNotNull();
        assertThat(parse("version: '1'\n" + TARGET).target()).isNotNull();
        assertThat(error("version: 2\n" + TARGET)).isEqualTo("s.yaml:1:10: version: only version 1 exists");
        assertThat(error("version: 1.0\n" + TARGET)).contains("only version 1 exists");
    }

    @Test
    void wholeNumbersAtTheirBounds() throws Exception {
        assertThat(parse(TARGET + "fuzz: {iterations: 0}\n").fuzz().iterations()).isZero();
        assertThat(parse(TARGET + "fuzz: {iterations: 100000}\n").fuzz().iterations()).isEqualTo(100_000);
        assertThat(parse(TARGET + "fuzz: {iterations: 1_000}\n").fuzz().iterations()).isEqualTo(1000);
        assertThat(parse(TARGET + "fuzz: {iterations: ' 12 '}\n").fuzz().iterations()).isEqualTo(12);
        assertThat(error(TARGET + "fuzz: {iterations: -1}\n")).isEqualTo("s.yaml:3:20: fuzz.iterations must be 0..100000, was -1");
        assertThat(error(TARGET + "fuzz: {iterations: 100001}\n")).contains("must be 0..100000, was 100001");
        assertThat(error(TARGET + "fuzz: {iterations: 1.5}\n")).isEqualTo("s.yaml:3:20: fuzz.iterations must be a whole number, was '1.5'");
        assertThat(error(TARGET + "fuzz: {iterations: 99999999999999999999}\n")).contains("must be a whole number");
        assertThat(error(TARGET + "fuzz: {seed: x}\n")).isEqualTo("s.yaml:3:14: fuzz.seed must be a whole number, was 'x'");
        assertThat(error(TARGET + "fuzz: {seed: [1]}\n")).contains("fuzz.seed must be a single value, was a list");
        assertThat(parse(TARGET + "fuzz: {seed: 9223372036854775807}\n").fuzz().seed()).isEqualTo(Long.MAX_VALUE);
        assertThat(error(TARGET + "auth:\n  lockout: {attempts: 0}\n")).contains("auth.lockout.attempts must be 1..");
    }

    @Test
    void durationsAtTheirBounds() throws Exception {
        assertThat(parse(TARGET + "  connectTimeout: 100ms\n").target().connectTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(parse(TARGET + "  connectTimeout: 5m\n").target().connectTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse(TARGET + "  connectTimeout: 2 s\n").target().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(error(TARGET + "  connectTimeout: 99ms\n"))
                .isEqualTo("s.yaml:3:19: target.connectTimeout must be 100ms..5m, was 99ms");
        assertThat(error(TARGET + "  connectTimeout: 301s\n")).contains("must be 100ms..5m, was 301s");
        assertThat(error(TARGET + "  connectTimeout: 5S\n")).isEqualTo("s.yaml:3:19: target.connectTimeout must be a "
                + "duration like 500ms, 5s, 2m or 1h, was '5S'");
        assertThat(error(TARGET + "  connectTimeout: [1s]\n")).contains("connectTimeout must be a single value");
        assertThat(parse(TARGET + "auth:\n  jwt: {maxWait: 0s}\n").auth().jwt().maxWait()).isZero();
    }

    @Test
    void durationSyntax() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 7s ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("3h")).isEqualTo(Duration.ofHours(3));
        assertThat(Durations.parse("999999999h")).isEqualTo(Duration.ofHours(999_999_999));
        for (String bad : new String[] {"", "s", "1", "1d", "-1s", "1.5s", "1000000000ms", "1 ms x", "ms1"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("must be a duration like 500ms, 5s, 2m or 1h, was '" + bad + "'");
        }
        assertThatThrownBy(() -> Durations.parse(null)).hasMessage("must be a duration like 500ms, 5s, 2m or 1h, "
                + "was 'null'");
        assertThatThrownBy(() -> Durations.parse(" 30 ")).hasMessage("must be a duration like 500ms, 5s, 2m or 1h, "
                + "was ' 30 ' (add a unit: 30s)");
        assertThatThrownBy(() -> Durations.parse("3x")).hasMessageNotContaining("add a unit");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofMillis(1000))).isEqualTo("1s");
    }

    // ------------------------------------------------------------------------------------------ credentials

    @Test
    void credentialsMustBeReferenceStrings() throws Exception {
        assertThat(error(TARGET + "credentials:\n  p: 12345\n")).isEqualTo("s.yaml:4:6: credentials.p must be "
                + "'env:NAME' or 'property:NAME'");
        assertThat(error(TARGET + "credentials:\n  p: [env:A]\n")).contains("credentials.p must be 'env:NAME'");
        assertThat(error(TARGET + "credentials:\n  p: true\n")).contains("credentials.p must be 'env:NAME'");
        assertThat(parse(TARGET + "credentials:\n  p: env:A\n  q: property:b.c\n").credentials())
                .containsExactly(java.util.Map.entry("p", new SecretRef(SecretRef.Source.ENV, "A")),
                        java.util.Map.entry("q", new SecretRef(SecretRef.Source.PROPERTY, "b.c")));
    }

    @Test
    void secretReferencesNeverEchoTheText() {
        for (String bad : new String[] {"env:", "ENV:A", "env:1A", "env:a b", "file:/etc/passwd", "s3cr3t",
                "property:" + "a".repeat(129), "env:A\n", " env:A", ""}) {
            assertThatThrownBy(() -> SecretRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be a reference 'env:NAME' or 'property:NAME' (inline secrets are not allowed; "
                            + "the value was not echoed)");
        }
        assertThatThrownBy(() -> SecretRef.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretRef.parse("property:" + "a".repeat(128)).name()).hasSize(128);
        assertThat(SecretRef.parse("env:_x-1.y")).isEqualTo(new SecretRef(SecretRef.Source.ENV, "_x-1.y"));
        assertThat(SecretRef.parse("property:p").toString()).isEqualTo("property:p");
        assertThat(SecretRef.parse("env:E").toString()).isEqualTo("env:E");
        assertThat(SecretRef.Source.PROPERTY.prefix()).isEqualTo("property");
        assertThatThrownBy(() -> new SecretRef(SecretRef.Source.ENV, "a b")).hasMessage("invalid env name 'a b'");
        assertThatThrownBy(() -> new SecretRef(null, "a")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SecretRef(SecretRef.Source.ENV, null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------------------------------ headers, endpoints

    @Test
    void headersMustBeSendable() throws Exception {
        assertThat(parse(TARGET + "  headers: {X-Tab: \"a\\tb\", X-Empty: ''}\n").target().headers())
                .containsEntry("X-Tab", "a\tb").containsEntry("X-Empty", "");
        assertThat(error(TARGET + "  headers: {'bad name': x}\n"))
                .isEqualTo("s.yaml:3:13: target.headers: 'bad name' is not a valid header name");
        assertThat(error(TARGET + "  headers: {X-A: \"a\\nb\"}\n"))
                .isEqualTo("s.yaml:3:18: target.headers.X-A must be a single-line text");
        assertThat(error(TARGET + "  headers: {X-A: \"a\\u001fb\"}\n")).contains("must be a single-line text");
        assertThat(error(TARGET + "  headers: {X-A: [1]}\n")).contains("target.headers.X-A must be a single value");
        assertThat(error(TARGET + "  headers: [X-A]\n")).contains("target.headers must be a map, was a list");
    }

    @Test
    void endpointsOfEveryWrongShape() throws Exception {
        assertThat(error(TARGET + "fuzz:\n  endpoints: GET /a\n"))
                .isEqualTo("s.yaml:4:14: fuzz.endpoints must be a list, was a string");
        assertThat(error(TARGET + "fuzz:\n  endpoints: [3]\n")).isEqualTo("s.yaml:4:15: fuzz.endpoints[0] must be "
                + "'METHOD /path' or a map with method and path, was a number");
        assertThat(error(TARGET + "fuzz:\n  endpoints: [GET /a, [x]]\n")).contains("fuzz.endpoints[1] must be");
        assertThat(error(TARGET + "fuzz:\n  endpoints: [GET /a /b]\n"))
                .contains("fuzz.endpoints[0]: endpoint must be 'METHOD /path', was 'GET /a /b'");
        assertThat(error(TARGET + "fuzz:\n  endpoints: [{method: GET}]\n"))
                .contains("fuzz.endpoints[0]: 'path' is required");
        assertThat(error(TARGET + "fuzz:\n  endpoints: [{path: [x]}]\n"))
                .contains("fuzz.endpoints[0].path must be a single value, was a list");
        StringBuilder many = new StringBuilder(TARGET + "fuzz:\n  endpoints:\n");
        for (int i = 0; i <= 100; i++) {
            many.append("    - GET /").append(i).append('\n');
        }
        assertThat(error(many.toString())).isEqualTo("s.yaml:5:5: fuzz.endpoints has 101 entries, at most 100 are "
                + "allowed");
        StringBuilder hundred = new StringBuilder(TARGET + "fuzz:\n  endpoints:\n");
        for (int i = 0; i < 100; i++) {
            hundred.append("    - GET /").append(i).append('\n');
        }
        assertThat(parse(hundred.toString()).fuzz().endpoints()).hasSize(100);
    }

    @Test
    void endpointMethodsAreUpperCasedAndBodiesOfAnyShapeBecomeJson() throws Exception {
        SecurityConfig config = parse(TARGET + "fuzz:\n  endpoints:\n"
                + "    - {method: patch, path: /a, body: [1, 2.5, null, true, false, x]}\n"
                + "    - {path: /b, body: {k: v}, contentType: text/plain}\n"
                + "    - {path: /c, body: 12}\n");
        List<SecurityConfig.Endpoint> endpoints = config.fuzz().endpoints();
        assertThat(endpoints.get(0).method()).isEqualTo("PATCH");
        assertThat(endpoints.get(0).body()).contains("[1,2.5,null,true,false,\"x\"]");
        assertThat(endpoints.get(0).contentType()).contains("application/json");
        assertThat(endpoints.get(1).method()).isEqualTo("GET");
        assertThat(endpoints.get(1).contentType()).contains("text/plain");
        assertThat(endpoints.get(2).body()).contains("12");
        assertThat(endpoints.get(2).contentType()).isEmpty();
        assertThat(endpoints.get(0).authenticated()).isFalse();
    }

    @Test
    void endpointsDefaultToAuthenticatedWhenATokenSourceExists() throws Exception {
        String auth = "credentials:\n  t: env:T\nauth:\n  token: t\n  protectedEndpoints: [GET /p]\n";
        SecurityConfig config = parse(TARGET + auth + "fuzz:\n  endpoints: [GET /f, {path: /g, authenticated: false}]\n");
        assertThat(config.auth().protectedEndpoints().get(0).authenticated()).isTrue();
        assertThat(config.fuzz().endpoints().get(0).authenticated()).isTrue();
        assertThat(config.fuzz().endpoints().get(1).authenticated()).isFalse();
        assertThat(parse(TARGET + auth).fuzz().endpoints())
                .extracting(SecurityConfig.Endpoint::label).containsExactly("GET /p");
    }

    @Test
    void authPartsAndSuggestions() throws Exception {
        assertThat(parse(TARGET + "auth:\n  skip: jwt\n").auth().skip()).containsExactly(SecurityConfig.AuthPart.JWT);
        assertThat(error(TARGET + "auth:\n  skip: [zzzzzz]\n")).isEqualTo("s.yaml:4:10: auth.skip: unknown part "
                + "'zzzzzz' (known: credentials, jwt, lockout, cookies, headers, leaks, tokenInUrl)");
        assertThat(error(TARGET + "auth:\n  sendAs: cookie\n")).isEqualTo("s.yaml:4:11: auth.sendAs: sendAs must be "
                + "bearer, header:Name or cookie:Name, was 'cookie'");
        assertThat(error(TARGET + "auth:\n  login: {path: /l, tokenFrom: xml:/a}\n"))
                .contains("auth.login.tokenFrom: tokenFrom must be json:/pointer");
        assertThat(SecurityConfigReader.suggestion("TARGET", List.of("target", "fuzz"))).isEqualTo(" (did you mean 'target'?)");
        assertThat(SecurityConfigReader.suggestion("fuz", List.of("target", "fuzz"))).isEqualTo(" (did you mean 'fuzz'?)");
        assertThat(SecurityConfigReader.suggestion("fz", List.of("target", "fuzz"))).isEqualTo(" (known: target, fuzz)");
        assertThat(SecurityConfigReader.suggestion("x", List.of("ab"))).isEqualTo(" (known: ab)");
        assertThat(SecurityConfigReader.suggestion("a", List.of("ab"))).isEqualTo(" (did you mean 'ab'?)");
        assertThat(SecurityConfigReader.suggestion("iteratio", List.of("iterations"))).isEqualTo(" (did you mean 'iterations'?)");
        assertThat(SecurityConfigReader.suggestion("iterat", List.of("iterations"))).isEqualTo(" (known: iterations)");
        assertThat(SecurityConfigReader.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SecurityConfigReader.distance("", "abc")).isEqualTo(3);
        assertThat(SecurityConfigReader.distance("abc", "")).isEqualTo(3);
        assertThat(SecurityConfigReader.distance("ab", "ba")).isEqualTo(2);
        assertThat(SecurityConfigReader.distance("same", "same")).isZero();
    }

    @Test
    void keysWithoutAValueAreNotSet() throws Exception {
        // YAML: "key:" with nothing after it is null, i.e. not set; only a quoted '' is an empty string
        assertThat(parse("version:\n" + TARGET).target()).isNotNull();
        assertThat(parse(TARGET + "  insecure:\n").target().insecure()).isFalse();
        assertThat(parse(TARGET + "  insecure: ~\n").target().insecure()).isFalse();
        assertThat(parse(TARGET + "  headers:\n").target().headers()).isEmpty();
        assertThat(parse(TARGET + "credentials:\n").credentials()).isEmpty();
        assertThat(parse(TARGET + "fuzz:\n  endpoints:\n").fuzz().endpoints()).isEmpty();
        assertThat(parse(TARGET + "fuzz:\n  endpoints: [{path: /d, body: }]\n").fuzz().endpoints().get(0).body())
                .isEmpty();
        assertThat(parse(TARGET + "fuzz:\n  endpoints: [{path: /d, body: ''}]\n").fuzz().endpoints().get(0).body())
                .contains("");
        assertThat(error("target:\n  url:\n")).isEqualTo("s.yaml:2:3: target: 'url' is required");
        assertThat(error(TARGET + "credentials:\n  p:\n")).endsWith(": credentials.p must be 'env:NAME' "
                + "or 'property:NAME'");
        assertThat(error(TARGET + "  headers: {X-A: }\n")).contains("target.headers.X-A must be a single-line text");
        assertThat(error(TARGET + "  caFile: ''\n")).isEqualTo("s.yaml:3:11: target.caFile must not be empty");
    }

    @Test
    void attackSectionsMayBeEmptyAndKeepTheirDefaults() throws Exception {
        SecurityConfig config = parse(TARGET + "attack:\n  sessions:\n  flood:\n  slowHeaders:\n");
        assertThat(config.attack().sessions()).isPresent();
        assertThat(config.attack().flood().orElseThrow().endpoints()).extracting(SecurityConfig.Endpoint::label)
                .containsExactly("GET /");
        assertThat(config.attack().flood().orElseThrow().endpoints().get(0).authenticated()).isFalse();
        assertThat(config.attack().slowHeaders()).isPresent();
        assertThat(error(TARGET + "attack:\n  sessions: [1]\n")).contains("attack.sessions must be a map, was a list");
        assertThat(error(TARGET + "attack:\n  sessions: {count: 0}\n")).contains("attack.sessions.count must be 1..");
    }

    @Test
    void unknownKeysAreRefusedInEverySection() {
        String login = "credentials:\n  password: env:P\nauth:\n  login: {path: /l, body: '${password}'}\n";
        String[][] cases = {
                {"target:\n  url: http://h/\n  proxy: x\n", "unknown key 'proxy' in target"},
                {TARGET + "auth:\n  tokn: t\n", "unknown key 'tokn' in auth (did you mean 'token'?)"},
                {TARGET + "auth:\n  login: {path: /l, methd: POST}\n", "unknown key 'methd' in auth.login"},
                {TARGET + login.replace("}\n", "}\n  lockout: {attempt: 3}\n"), "unknown key 'attempt' in auth.lockout"},
                {TARGET + "auth:\n  jwt: {maxwait: 1s}\n", "unknown key 'maxwait' in auth.jwt"},
                {TARGET + "attack:\n  slow: {}\n", "unknown key 'slow' in attack"},
                {TARGET + "attack:\n  sessions: {cnt: 1}\n", "unknown key 'cnt' in attack.sessions"},
                {TARGET + "attack:\n  flood: {rte: 1}\n", "unknown key 'rte' in attack.flood"},
                {TARGET + "attack:\n  slowHeaders: {conections: 1}\n", "unknown key 'conections' in attack.slowHeaders"},
                {TARGET + "fuzz:\n  endpoints: [{path: /a, bdy: x}]\n", "unknown key 'bdy' in fuzz.endpoints[0]"},
        };
        for (String[] c : cases) {
            assertThat(error(c[0])).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void optionalSectionsWithoutAValueKeepTheirDefaults() throws Exception {
        String login = "credentials:\n  password: env:P\nauth:\n  login: {path: /l, body: '${password}'}\n";
        SecurityConfig config = parse(TARGET + login + "  lockout:\n  jwt:\n  skip:\n");
        assertThat(config.auth().lockout()).contains(SecurityConfig.Lockout.defaults());
        assertThat(config.auth().jwt()).isEqualTo(SecurityConfig.Jwt.defaults());
        assertThat(config.auth().skip()).isEmpty();
        SecurityConfig lockout = parse(TARGET + login + "  lockout: {attempts: 3, expectStatus: 403, "
                + "wrongCredential: password}\n");
        assertThat(lockout.auth().lockout().orElseThrow().attempts()).isEqualTo(3);
        assertThat(lockout.auth().lockout().orElseThrow().expectStatus()).containsExactly(403);
        assertThat(error(TARGET + login + "  lockout: {expectStatus: [200]}\n"))
                .contains("auth.lockout.expectStatus must be 400..599, was 200");
        assertThat(error("~\n")).isEqualTo("s.yaml:1:1: the document must be a map, was empty");
        assertThat(error("target: ~\n")).isEqualTo("s.yaml:1:1: the document: 'target' is required");
    }

    @Test
    void headerValuesMayHoldSpacesAndTabsButNoOtherControlCharacters() throws Exception {
        assertThat(parse(TARGET + "  headers: {X-A: 'a b', X-B: \"\\x7e\"}\n").target().headers())
                .containsEntry("X-A", "a b").containsEntry("X-B", "~");
        assertThat(error(TARGET + "  headers: {X-A: \"\\x00\"}\n")).contains("must be a single-line text");
        assertThat(error(TARGET + "  headers: {X-A: \"a\\rb\"}\n")).contains("must be a single-line text");
    }

    @Test
    void referencedFilesThatAreMissingNameWhatTheyAreFor() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> SecurityConfigReader.open(missing, "target.caFile"))
                .isInstanceOf(SecurityConfigException.class).hasMessage(missing + ": target.caFile: file not found");
        Path present = dir.resolve("ca.pem");
        Files.writeString(present, "abc");
        try (var in = SecurityConfigReader.open(present, "target.caFile")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
        }
    }

    @Test
    void relativeFilesResolveAgainstTheConfigurationDirectory() throws Exception {
        SecurityConfig config = parse(TARGET + "  caFile: ../x/../ca.pem\nauth:\n  jwtPublicKeyFile: /abs/k.pem\n"
                + "  jwt: {weakSecretsFile: w.txt}\n");
        assertThat(config.target().caFile()).contains(dir.resolve("../ca.pem").normalize());
        assertThat(config.auth().jwtPublicKeyFile()).contains(Path.of("/abs/k.pem"));
        assertThat(config.auth().jwt().weakSecretsFile()).contains(dir.resolve("w.txt"));
    }
}
