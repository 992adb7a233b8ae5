package io.secperf.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules that turn one failed sample into an error kind: which code, which message, how the message is folded so
 * that one cause is one row (and different causes stay apart), and the bounds on every text.
 */
class ErrorKindRulesTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // digit runs: <n>, or <port> right after "host:" (at most 5 digits)
        "Read timed out after 3000 ms                | Read timed out after <n> ms",
        "3000 ms                                     | <n> ms",
        "localhost:8080 refused                      | localhost:<port> refused",
        "localhost:65535                             | localhost:<port>",
        "localhost:123456                            | localhost:<n>",
        ":8080 at the start                          | :<n> at the start",
        "x :8080 after a space                       | x :<n> after a space",
        "a:1                                         | a:<port>",
        // letters and digits: kept below 8 characters, <id> from 8 on
        "req1234 failed                              | req1234 failed",
        "req12345 failed                             | <id> failed",
        "12345abc failed                             | <id> failed",
        // hex letters without digits: kept below 16, <id> from 16 on; other letters never
        "deadbeefdeadbee                             | deadbeefdeadbee",
        "deadbeefdeadbeef                            | <id>",
        "DEADBEEFDEADBEEF                            | <id>",
        "deadbeefdeadbeeg                            | deadbeefdeadbeeg",
        "Internationalization                        | Internationalization",
        // 0x-prefixed hex
        "trace 0x1f                                  | trace <id>",
        "trace 0X1F                                  | trace <id>",
        "trace 0xfg                                  | trace 0xfg",
        "trace 0x                                    | trace 0x",
        "trace 0x1                                   | trace <id>",
        "trace 0x0                                   | trace <id>",
        "trace 0x9a                                  | trace <id>",
        "trace 1x1f                                  | trace 1x1f",
        "trace 0y1f                                  | trace 0y1f",
        "trace 00                                    | trace <n>",
        // UUIDs, upper or lower case; a near-UUID is not one
        "id 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b     | id <uuid>",
        "id 3F2A9C1E-8B7D-4E6F-9A0B-1C2D3E4F5A6B.    | id <uuid>.",
        "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b        | <uuid>",
        "id 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6bc    | id <id>-8b7d-4e6f-9a0b-<id>",
        "id 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6      | id <id>-8b7d-4e6f-9a0b-<id>",
        "id 3f2a9c1e-8b7d-4e6f-9a0b_1c2d3e4f5a6b     | id <id>-8b7d-4e6f-9a0b_<id>",
        "id 3f2a9c1e-8b7d-4e6f-9a0b                  | id <id>-8b7d-4e6f-9a0b",
        "id 3f2a9c1e-8b7d-4e6f-9a0b-                 | id <id>-8b7d-4e6f-9a0b-",
        "id 3f2a9c1-8b7d-4e6f-9a0b-1c2d3e4f5a6b      | id 3f2a9c1-8b7d-4e6f-9a0b-<id>",
        "id 3f2a9c1e-8b7-4e6f-9a0b-1c2d3e4f5a6b      | id <id>-8b7-4e6f-9a0b-<id>",
        "id 3f2a9c1e8b7d                             | id <id>",
        // dotted IPv4 addresses are kept; anything else made of digits and dots is folded
        "connect to 10.0.0.12 failed                 | connect to 10.0.0.12 failed",
        "from 192.168.99.9                           | from 192.168.99.9",
        "connect to 10.0.0.12:8443 failed            | connect to 10.0.0.12:<port> failed",
        "10.0.0.12                                   | 10.0.0.12",
        "version 1.2.3 found                         | version <n>.<n>.<n> found",
        "version 1.2.3. found                        | version <n>.<n>.<n>. found",
        "version 1.2.3.4.5                           | version 1.2.3.4.<n>",
        "address 1234.0.0.1                          | address <n>.<n>.<n>.<n>",
        "address 10.0.0.1x                           | address <n>.<n>.<n>.1x",
        "address 10.0.0.1234                         | address <n>.<n>.<n>.<n>",
        "address 10..0.1                             | address <n>..<n>.<n>",
    })
    void normalisation(String message, String expected) {
        assertThat(ErrorKinds.normalise(message)).isEqualTo(expected);
    }

    @Test
    void normalisationOfNothingAndOfControlCharacters() {
        assertThat(ErrorKinds.normalise(null)).isEmpty();
        assertThat(ErrorKinds.normalise("")).isEmpty();
        assertThat(ErrorKinds.normalise("   ")).isEmpty();
        assertThat(ErrorKinds.normalise("bell\u0007here\u0000")).isEqualTo("bell?here?");
        assertThat(ErrorKinds.normalise("a \t\r\n b")).isEqualTo("a b");
        assertThat(ErrorKinds.normalise("  two   spaces  ")).isEqualTo("two spaces");
        assertThat(ErrorKinds.normalise("\u00e9t\u00e9 \u00fcber")).isEqualTo("\u00e9t\u00e9 \u00fcber");
    }

    @Test
    void aNormalisedMessageIsAtMostTwoHundredCharacters() {
        String exact = "w".repeat(ErrorKinds.MAX_MESSAGE_CHARS);
        assertThat(ErrorKinds.normalise(exact)).isEqualTo(exact);
        String words = "word ".repeat(40) + "tail";
        assertThat(ErrorKinds.normalise(words)).hasSize(ErrorKinds.MAX_MESSAGE_CHARS).endsWith(" word…");
        // leading whitespace takes no room from the bound
        assertThat(ErrorKinds.normalise("   " + words)).isEqualTo(ErrorKinds.normalise(words));
        assertThat(ErrorKinds.normalise("x".repeat(ErrorKinds.MAX_MESSAGE_CHARS + 1)))
                .isEqualTo("x".repeat(ErrorKinds.MAX_MESSAGE_CHARS - 1) + "…");
        // many short numbers: each becomes "<n>", still bounded
        assertThat(ErrorKinds.normalise("1 ".repeat(500))).hasSize(ErrorKinds.MAX_MESSAGE_CHARS).startsWith("<n> <n>")
                .endsWith("…");
        // folding shortens: 300 characters of digits and spaces fold to far less than the bound, all of it kept
        assertThat(ErrorKinds.normalise("12345 ".repeat(30))).isEqualTo(("<n> ".repeat(30)).strip());
    }

    @Test
    void anUnknownHostKeepsOnlyTheHostWhateverTheJdkAddsAfterIt() {
        String code = "java.net.UnknownHostException";
        assertThat(ErrorKinds.normalise(code, "shop.invalid: Name or service not known")).isEqualTo("shop.invalid");
        assertThat(ErrorKinds.normalise(code, "shop.invalid: Temporary failure in name resolution"))
                .isEqualTo("shop.invalid");
        assertThat(ErrorKinds.normalise(code, "shop.invalid")).isEqualTo("shop.invalid");
        assertThat(ErrorKinds.normalise(code, "shop-3000.invalid: x")).isEqualTo("shop-<n>.invalid");
        assertThat(ErrorKinds.normalise(code, ": nothing before the colon")).isEqualTo(": nothing before the colon");
        assertThat(ErrorKinds.normalise(code, null)).isEmpty();
        // only for that code: elsewhere the text after ": " is part of the cause
        assertThat(ErrorKinds.normalise("java.net.ConnectException", "shop.invalid: Connection refused"))
                .isEqualTo("shop.invalid: Connection refused");
        assertThat(ErrorKinds.normalise("java.net.UnknownHostExceptionX", "shop.invalid: x"))
                .isEqualTo("shop.invalid: x");
    }

    @Test
    void theCodeLosesJMetersPrefixAndIsBounded() {
        assertThat(ErrorKinds.code(null)).isEmpty();
        assertThat(ErrorKinds.code("")).isEmpty();
        assertThat(ErrorKinds.code(" 500 ")).isEqualTo("500");
        assertThat(ErrorKinds.code("Non HTTP response code: java.net.ConnectException"))
                .isEqualTo("java.net.ConnectException");
        assertThat(ErrorKinds.code("  Non HTTP response code:   javax.net.ssl.SSLHandshakeException  "))
                .isEqualTo("javax.net.ssl.SSLHandshakeException");
        assertThat(ErrorKinds.code("Non HTTP response code")).isEqualTo("Non HTTP response code");
        assertThat(ErrorKinds.code("5\u00010")).isEqualTo("5?0");
        assertThat(ErrorKinds.code("a\tb")).isEqualTo("a b");
        assertThat(ErrorKinds.code("a\rb")).isEqualTo("a b");
        assertThat(ErrorKinds.code("a\nb")).isEqualTo("a b");
        assertThat(ErrorKinds.code("C".repeat(ErrorKinds.MAX_CODE_CHARS))).hasSize(ErrorKinds.MAX_CODE_CHARS)
                .doesNotEndWith("…");
        assertThat(ErrorKinds.code("C".repeat(500))).isEqualTo("C".repeat(ErrorKinds.MAX_CODE_CHARS - 1) + "…");
    }

    @Test
    void theMessageIsTheAssertionsForAFailedAssertionElseTheResponseMessage() {
        assertThat(ErrorKinds.rawMessage(ErrorClass.ASSERTION, "OK", "Test failed: text expected to contain /ok/"))
                .isEqualTo("Test failed: text expected to contain /ok/");
        assertThat(ErrorKinds.rawMessage(ErrorClass.ASSERTION, "OK", "  ")).isEqualTo("OK");
        assertThat(ErrorKinds.rawMessage(ErrorClass.ASSERTION, "OK", null)).isEqualTo("OK");
        // a server error keeps the server's message even when an assertion failed too
        assertThat(ErrorKinds.rawMessage(ErrorClass.HTTP_5XX, "Internal Server Error", "Test failed: code 200"))
                .isEqualTo("Internal Server Error");
        assertThat(ErrorKinds.rawMessage(ErrorClass.TIMEOUT, "Non HTTP response message: Read timed out", ""))
                .isEqualTo("Read timed out");
        // no response message: the failure message is the only explanation there is
        assertThat(ErrorKinds.rawMessage(ErrorClass.HTTP_5XX, "", "Test failed: code 200"))
                .isEqualTo("Test failed: code 200");
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, "Non HTTP response message: ", "sampler broke"))
                .isEqualTo("sampler broke");
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, null, null)).isEmpty();
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, " ", null)).isEmpty();
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, "  padded\n", null)).isEqualTo("padded");
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, "two\nlines\u0000", null)).isEqualTo("two lines?");
    }

    @Test
    void theExampleIsTheRawMessageBoundedToThreeHundredCharacters() {
        String exact = "e".repeat(ErrorKinds.MAX_EXAMPLE_CHARS);
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, exact, null)).isEqualTo(exact);
        assertThat(ErrorKinds.rawMessage(ErrorClass.OTHER, "A".repeat(8192), null))
                .isEqualTo("A".repeat(ErrorKinds.MAX_EXAMPLE_CHARS - 1) + "…");
        assertThat(ErrorKinds.rawMessage(ErrorClass.ASSERTION, "OK", "F".repeat(8192)))
                .hasSize(ErrorKinds.MAX_EXAMPLE_CHARS).endsWith("…");
    }

    @Test
    void cuttingNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        assertThat(ErrorKinds.cut("abcd", 4)).isEqualTo("abcd");
        assertThat(ErrorKinds.cut("abcde", 4)).isEqualTo("abc…");
        // the emoji would be split by the cut after 3 characters: it goes whole
        assertThat(ErrorKinds.cut("ab" + emoji + "cd", 4)).isEqualTo("ab…");
        assertThat(ErrorKinds.cut("a" + emoji + "cde", 4)).isEqualTo("a" + emoji + "…");
        String cut = ErrorKinds.rawMessage(ErrorClass.OTHER, "x".repeat(ErrorKinds.MAX_EXAMPLE_CHARS - 2) + emoji
                + "tail", null);
        assertThat(cut).isEqualTo("x".repeat(ErrorKinds.MAX_EXAMPLE_CHARS - 2) + "…");
    }

    @Test
    void kindsSortLargestFirstThenByCodeThenByMessage() {
        ErrorKind a = new ErrorKind("500", "b", 3, "");
        ErrorKind b = new ErrorKind("500", "a", 3, "");
        ErrorKind c = new ErrorKind("404", "z", 3, "");
        ErrorKind d = new ErrorKind("200", "a", 7, "");
        ErrorKind e = new ErrorKind("100", "a", 1, "");
        assertThat(ErrorKinds.sorted(List.of(a, b, c, d, e))).containsExactly(d, c, b, a, e);
        assertThat(ErrorKinds.sorted(List.of(e, d, c, b, a))).containsExactly(d, c, b, a, e);
        assertThatThrownBy(() -> ErrorKinds.sorted(List.of(a)).add(b)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void totalsTopAndConstruction() {
        List<ErrorKind> list = new ArrayList<>(List.of(new ErrorKind("500", "a", 5, "a"),
                new ErrorKind("502", "b", 2, "b"), new ErrorKind("503", "c", 1, "c")));
        ErrorKinds kinds = new ErrorKinds(list, 4);
        list.clear();
        assertThat(kinds.kinds()).hasSize(3);
        assertThat(kinds.total()).isEqualTo(12);
        assertThat(kinds.top(2)).extracting(ErrorKind::code).containsExactly("500", "502");
        assertThat(kinds.top(3)).isEqualTo(kinds.kinds());
        assertThat(kinds.top(9)).isEqualTo(kinds.kinds());
        assertThat(kinds.top(0)).isEmpty();
        assertThat(new ErrorKinds(null, 3).kinds()).isEmpty();
        assertThat(new ErrorKinds(null, 3).total()).isEqualTo(3);
        assertThat(ErrorKinds.none().total()).isZero();
        assertThat(ErrorKinds.none().kinds()).isEmpty();
        assertThat(new ErrorKinds(List.of(), 0)).isEqualTo(ErrorKinds.none());
        assertThatThrownBy(() -> new ErrorKinds(List.of(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative others count -1");
    }

    @Test
    void aKindDescribesItselfByCodeAndMessage() {
        assertThat(new ErrorKind("500", "Internal Server Error", 1, "x").describe())
                .isEqualTo("500: Internal Server Error");
        assertThat(new ErrorKind("500", "", 1, "").describe()).isEqualTo("500");
        assertThat(new ErrorKind("", "no code", 1, "").describe()).isEqualTo("no code");
        assertThat(new ErrorKind("", "", 1, "").describe()).isEqualTo("(no code, no message)");
        ErrorKind nulls = new ErrorKind(null, null, 0, null);
        assertThat(nulls).isEqualTo(new ErrorKind("", "", 0, ""));
        assertThatThrownBy(() -> new ErrorKind("500", "x", -2, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'500'").hasMessageContaining("negative count -2");
    }
}
