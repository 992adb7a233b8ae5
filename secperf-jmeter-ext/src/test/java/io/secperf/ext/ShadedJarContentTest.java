package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * What the shaded jar holds: secperf's samplers (by package, with BeanInfo and Resources.properties next to each
 * class), secperf-core and secperf-security, and third-party code only under io.secperf.shaded; never secperf's
 * runner, CLI, charts or reports, JMeter, slf4j or log4j.
 */
class ShadedJarContentTest {

    @Test
    void everyClassIsSecperfOrRelocatedUnderIoSecperfShaded() throws IOException {
        List<String> classes = classes();
        assertThat(classes).isNotEmpty()
                .allSatisfy(c -> assertThat(c).startsWith("io/secperf/"))
                .filteredOn(c -> c.startsWith("io/secperf/shaded/"))
                .extracting(ShadedJarContentTest::relocatedRoot).containsOnly(
                        "io/secperf/shaded/com/fasterxml/jackson", "io/secperf/shaded/org/yaml/snakeyaml",
                        "io/secperf/shaded/org/HdrHistogram");
        assertThat(classes).as("Jackson is relocated, not dropped")
                .contains("io/secperf/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
    }

    @Test
    void theSamplersAreThereByPackageWithTheirBeanInfoAndResourcesButNotTheRunnerOrTheReports() throws IOException {
        try (JarFile jar = new JarFile(StockJMeterHome.secperfJar().toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names).contains("io/secperf/sampler/TlsProbeSampler.class",
                    "io/secperf/sampler/TlsProbeSamplerBeanInfo.class",
                    "io/secperf/sampler/TlsProbeSamplerResources.properties",
                    "io/secperf/sampler/SecurityFindings.class",
                    "io/secperf/sampler/AuthCheckSampler.class", "io/secperf/sampler/FuzzSampler.class",
                    "io/secperf/sampler/AttackSampler.class",
                    "io/secperf/tls/cipher-suites.txt");
            for (String sampler : names.stream().filter(n -> n.matches("io/secperf/sampler/\\w+Sampler\\.class"))
                    .toList()) {
                try (InputStream in = jar.getInputStream(jar.getJarEntry(sampler))) {
                    if (ClassReferences.isAbstract(in.readAllBytes())) {
                        continue; // a shared base class is never in a menu
                    }
                }
                String base = sampler.substring(0, sampler.length() - ".class".length());
                assertThat(names).as("JMeter finds a TestBean's GUI texts by its class name")
                        .contains(base + "BeanInfo.class", base + "Resources.properties");
            }
            assertThat(names).noneMatch(n -> n.startsWith("io/secperf/run/") || n.startsWith("io/secperf/cli/")
                    || n.startsWith("io/secperf/chart/") || n.startsWith("io/secperf/report/")
                    || n.startsWith("org/") || n.startsWith("com/") || n.equals("log4j2-secperf.xml")
                    || n.startsWith("META-INF/versions/") || n.endsWith("module-info.class"));
            assertThat(names).filteredOn(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                    .allSatisfy(n -> assertThat(n).startsWith("META-INF/services/io.secperf.shaded."));
            assertThat(jar.getManifest().getMainAttributes().getValue("Built-For"))
                    .isEqualTo("Apache JMeter 5.6.3 lib/ext");
            assertThat(jar.getManifest().getMainAttributes().getValue("JMeter-Skip-Class-Scanning"))
                    .as("JMeter 5.6 skips the class scan of plugin jars that say so").isEqualTo("true");
        }
    }

    private static List<String> classes() throws IOException {
        try (JarFile jar = new JarFile(StockJMeterHome.secperfJar().toFile())) {
            return jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
        }
    }

    /** io/secperf/shaded/com/fasterxml/jackson/databind/X.class -> the relocated library's root package. */
    private static String relocatedRoot(String className) {
        for (String root : List.of("io/secperf/shaded/com/fasterxml/jackson", "io/secperf/shaded/org/yaml/snakeyaml",
                "io/secperf/shaded/org/HdrHistogram")) {
            if (className.startsWith(root + "/")) {
                return root;
            }
        }
        return className;
    }
}
