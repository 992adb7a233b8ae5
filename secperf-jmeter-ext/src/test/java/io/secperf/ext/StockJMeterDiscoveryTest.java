package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stock JMeter 5.6.3's GUI would list: in a forked JVM on the stock home's class path (lib/ and lib/ext/ with
 * secperf's jar), JMeter's ClassFinder finds every secperf sampler in the jar, each BeanInfo loads with the display
 * names of its Resources.properties, and MenuFactory's "Add > Sampler" menu has the samplers under those names.
 */
@Tag("slow")
class StockJMeterDiscoveryTest {

    private static final Pattern LINKAGE_TROUBLE = Pattern.compile("ClassNotFound|NoClassDefFound|LinkageError"
            + "|NoSuchMethodError|IncompatibleClassChangeError|ExceptionInInitializerError");

    @Test
    void jmeterClassDiscoveryFindsEverySecperfSamplerWithItsBeanInfoAndMenuEntry(@TempDir Path work)
            throws Exception {
        Path home = StockJMeterHome.withSecperfJar();
        Path log = work.resolve("jmeter.log");
        Path output = work.resolve("probe.txt");
        String classPath = String.join(java.io.File.pathSeparator, home.resolve("lib").resolve("*").toString(),
                home.resolve("lib/ext").resolve("*").toString(),
                Path.of(GuiDiscoveryProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
        Process probe = new ProcessBuilder(StockJMeterHome.java().toString(), "-Xmx512m",
                "-Djava.awt.headless=true", "-Duser.language=en", "-Duser.country=US",
                "-Dlog4j.configurationFile=" + home.resolve("bin/log4j2.xml"), "-Djmeter.logfile=" + log,
                "-cp", classPath, GuiDiscoveryProbe.class.getName(), home.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!probe.waitFor(3, TimeUnit.MINUTES)) {
            probe.destroyForcibly();
            throw new AssertionError("the discovery probe did not finish in 3 minutes:\n" + read(output));
        }
        String text = read(output);
        String diagnostics = "\n--- probe output\n" + text + "\n--- jmeter.log\n" + read(log);
        assertThat(probe.exitValue()).as("probe exit code" + diagnostics).isZero();
        List<String[]> facts = text.lines().map(line -> line.split("\t", -1)).toList();

        Map<String, Properties> expected = samplersInJar(StockJMeterHome.secperfJar());
        assertThat(expected).as("samplers in the jar").containsKey("io.secperf.sampler.TlsProbeSampler");
        assertThat(values(facts, "found", 1)).as("ClassFinder over JMeterUtils.getSearchPaths()" + diagnostics)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(Integer.parseInt(values(facts, "samplers", 1).get(0)))
                .as("JMeter's own samplers are found too").isGreaterThan(20);

        for (Map.Entry<String, Properties> sampler : expected.entrySet()) {
            String name = sampler.getKey();
            Properties texts = sampler.getValue();
            String[] bean = facts.stream().filter(f -> f[0].equals("bean") && f[1].equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no BeanInfo for " + name + diagnostics));
            // without the BeanInfo and its Resources.properties, Introspector would report the bare class and
            // property names
            assertThat(bean[2]).as(name + " displayName").isEqualTo(texts.getProperty("displayName"));
            List<String[]> properties = facts.stream()
                    .filter(f -> f[0].equals("property") && f[1].equals(name)).toList();
            assertThat(properties).as(name + " properties").isNotEmpty();
            for (String[] p : properties) {
                assertThat(p[3]).as(name + "." + p[2] + ".displayName")
                        .isEqualTo(texts.getProperty(p[2] + ".displayName"));
                assertThat(p[4]).as(name + "." + p[2] + ".shortDescription")
                        .isEqualTo(texts.getProperty(p[2] + ".shortDescription"));
            }
            assertThat(facts).as("Add > Sampler menu" + diagnostics).anySatisfy(f -> assertThat(f)
                    .containsExactly("menu", texts.getProperty("displayName"), name));
        }
        assertThat(read(log)).doesNotContainPattern(LINKAGE_TROUBLE);
    }

    /**
     * The concrete {@code *Sampler} classes in the jar's io/secperf/sampler/, each with its Resources.properties
     * (read straight from the jar: what the GUI must show).
     */
    private static Map<String, Properties> samplersInJar(Path jar) throws IOException {
        Map<String, Properties> samplers = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>(file.stream().toList());
            for (JarEntry entry : entries) {
                String path = entry.getName();
                if (!path.matches("io/secperf/sampler/[A-Za-z0-9]+Sampler\\.class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    if (ClassReferences.isAbstract(in.readAllBytes())) {
                        continue; // a shared base class: JMeter lists only concrete samplers
                    }
                }
                String base = path.substring(0, path.length() - ".class".length());
                JarEntry resources = file.getJarEntry(base + "Resources.properties");
                assertThat(resources).as(base + "Resources.properties next to the class").isNotNull();
                assertThat(file.getJarEntry(base + "BeanInfo.class")).as(base + "BeanInfo next to the class")
                        .isNotNull();
                Properties texts = new Properties();
                try (InputStream in = file.getInputStream(resources)) {
                    texts.load(in);
                }
                samplers.put(base.replace('/', '.'), texts);
            }
        }
        return samplers;
    }

    private static List<String> values(List<String[]> facts, String kind, int column) {
        return facts.stream().filter(f -> f[0].equals(kind) && f.length > column).map(f -> f[column]).toList();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file.getFileName() + ")";
    }

}
