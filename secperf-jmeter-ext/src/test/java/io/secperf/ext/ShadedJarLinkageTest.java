package io.secperf.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The jar links in a stock JMeter 5.6.3: every class that any class in it refers to is in the jar, in the JDK, or in
 * the stock home's lib/ or lib/ext/. This is what fails first when a sampler starts using a library that the jar
 * neither ships nor finds in JMeter (add it to the shade, relocated, or exclude what needs it), or when a relocation
 * leaves a reference behind.
 */
@Tag("slow")
class ShadedJarLinkageTest {

    @Test
    void everyReferencedClassResolvesInTheJarTheJdkOrStockJMeter() throws Exception {
        Path home = StockJMeterHome.withSecperfJar();
        Set<String> available = new HashSet<>();
        List<Path> stockJars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(home.resolve("lib"));
                Stream<Path> ext = Files.list(home.resolve("lib/ext"))) {
            Stream.concat(lib, ext).filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("secperf-")).forEach(stockJars::add);
        }
        for (Path jar : stockJars) {
            available.addAll(classNames(jar));
        }
        Set<String> own = classNames(StockJMeterHome.secperfJar());
        available.addAll(own);

        TreeMap<String, Set<String>> missing = new TreeMap<>();
        try (JarFile jar = new JarFile(StockJMeterHome.secperfJar().toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                byte[] bytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                for (String referenced : ClassReferences.of(bytes)) {
                    if (!available.contains(referenced) && !inJdk(referenced)) {
                        missing.computeIfAbsent(referenced, k -> new TreeSet<>()).add(entry.getName());
                    }
                }
            }
        }
        assertThat(missing).as("classes referenced from the jar that neither it, the JDK nor stock JMeter has "
                + "(referenced -> referencing classes)").isEmpty();
        assertThat(own).as("the scan saw the samplers").contains("io/secperf/sampler/TlsProbeSampler");
    }

    private static boolean inJdk(String internalName) {
        return ClassLoader.getPlatformClassLoader().getResource(internalName + ".class") != null;
    }

    private static Set<String> classNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".class".length())));
            return names;
        }
    }
}
