package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sampler added from JMeter's menu carries the defaults docs/security-samplers.md promises, whatever order JMeter
 * happened to load the samplers' classes in. Each order runs in a fresh class loader, so the JDK's introspection
 * caches start empty, as in a new JMeter. (The samplers inherit {@code failureSeverity} from one base class; with
 * shared descriptors the BeanInfo loaded last set every sampler's default: a TLS probe then failed at MEDIUM.)
 */
class SamplerGuiDefaultsTest {

    private static final String TLS = TlsProbeSampler.class.getName();
    private static final String AUTH = AuthCheckSampler.class.getName();
    private static final String FUZZ = FuzzSampler.class.getName();
    private static final String ATTACK = AttackSampler.class.getName();

    static Stream<Arguments> loadOrders() {
        // every sampler once last (the bug: the last BeanInfo decided) and once first
        return Stream.of(
                Arguments.of(List.of(TLS, AUTH, FUZZ, ATTACK)),
                Arguments.of(List.of(ATTACK, TLS, AUTH, FUZZ)),
                Arguments.of(List.of(FUZZ, ATTACK, TLS, AUTH)),
                Arguments.of(List.of(AUTH, FUZZ, ATTACK, TLS)),
                Arguments.of(List.of(FUZZ, TLS, ATTACK, AUTH)));
    }

    @ParameterizedTest
    @MethodSource("loadOrders")
    void aNewElementFromTheGuiHasTheDocumentedDefaultsInAnyLoadOrder(List<String> order) throws Exception {
        Map<String, Map<String, String>> documented = documentedDefaults();
        assertThat(documented.keySet()).containsExactlyInAnyOrder(TLS, AUTH, FUZZ, ATTACK);

        Map<String, Map<String, String>> created = newElementsInFreshLoader(order);

        for (String sampler : order) {
            Map<String, String> expected = documented.get(sampler);
            Map<String, String> actual = created.get(sampler);
            expected.forEach((property, value) -> assertThat(actual.get(property))
                    .as("%s.%s (load order %s)", simple(sampler), property, order.stream().map(SamplerGuiDefaultsTest::simple).toList())
                    .isEqualTo(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> newElementsInFreshLoader(List<String> order) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(toUrl(entry));
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader fresh = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(fresh);
            Class<?> probe = Class.forName(GuiDefaultsProbe.class.getName(), true, fresh);
            assertThat(probe).isNotSameAs(GuiDefaultsProbe.class);
            return (Map<String, Map<String, String>>) probe.getMethod("newElements", List.class).invoke(null, order);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table under "Defaults at a glance" in docs/security-samplers.md: one row per sampler and property,
     * {@code | `TlsProbeSampler` | `port` | `443` |}; an empty default is written {@code (empty)}.
     */
    static Map<String, Map<String, String>> documentedDefaults() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "security-samplers.md"));
        int start = doc.indexOf("## Defaults at a glance");
        assertThat(start).as("docs/security-samplers.md has a 'Defaults at a glance' section").isNotNegative();
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| `(\\w+)` \\| (?:`([^`]*)`|\\(empty\\)) \\|", Pattern.MULTILINE);
        Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
        int end = doc.indexOf("\n## ", start + 3);
        Matcher m = row.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        while (m.find()) {
            String sampler = "io.secperf.sampler." + m.group(1);
            defaults.computeIfAbsent(sampler, k -> new LinkedHashMap<>()).put(m.group(2),
                    m.group(3) == null ? "" : m.group(3));
        }
        return defaults;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
