package io.secperf.security;

import io.secperf.attack.AttackTraffic;
import io.secperf.auth.AuthCheck;
import io.secperf.fuzz.Fuzzer;
import io.secperf.fuzz.MalformedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/security-config.md and the auth/fuzz/attack part of docs/security-checks.md in sync with the code. */
class SecurityDocsTest {

    private static final Path CONFIG_DOC = Path.of("..", "docs", "security-config.md");
    private static final Path CHECKS_DOC = Path.of("..", "docs", "security-checks.md");

    @TempDir
    Path dir;

    @Test
    void fullExampleParses() throws Exception {
        String doc = Files.readString(CONFIG_DOC);
        Matcher example = Pattern.compile("## Full example\\s+```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(example.find()).as("docs/security-config.md has a full example").isTrue();
        SecurityConfig config = SecurityConfigReader.parse(example.group(1), "docs example", dir);
        assertThat(config.auth().protectedEndpoints()).hasSize(2);
        assertThat(config.auth().lockout()).isPresent();
        assertThat(config.fuzz().seed()).isEqualTo(20240601L);
        assertThat(config.attack().sessions()).isPresent();
        assertThat(config.attack().flood()).isPresent();
        assertThat(config.attack().slowHeaders()).isPresent();
        for (SecurityConfig.AuthPart part : SecurityConfig.AuthPart.values()) {
            assertThat(doc).contains("`" + part.key() + "`");
        }
    }

    @Test
    void everyFindingIdAndMeasurementIsDocumented() throws Exception {
        String doc = Files.readString(CHECKS_DOC);
        for (Class<?> type : List.of(AuthCheck.class, Fuzzer.class, AttackTraffic.class)) {
            for (String[] constant : constants(type)) {
                String name = constant[0];
                String value = constant[1];
                if (name.startsWith("M_") || name.startsWith("LABEL_")) {
                    assertThat(doc).as("%s.%s", type.getSimpleName(), name).contains(value);
                } else {
                    assertThat(doc).as("finding id %s", value).contains("| " + value + " |");
                }
            }
        }
        for (String operator : Fuzzer.mutationNames()) {
            assertThat(doc).as("mutation operator %s", operator).contains("| `" + operator + "` |");
        }
        for (MalformedRequest request : MalformedRequest.catalogue("h", "/")) {
            assertThat(doc).as("malformed request %s", request.name()).contains("`" + request.name() + "`");
        }
    }

    private static List<String[]> constants(Class<?> type) throws IllegalAccessException {
        List<String[]> constants = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.add(new String[] {field.getName(), (String) field.get(null)});
            }
        }
        return constants;
    }
}
