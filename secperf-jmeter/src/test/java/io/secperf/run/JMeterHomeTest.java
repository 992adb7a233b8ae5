package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.jmeter.util.JMeterUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterHomeTest {

    @Test
    void extractsJMeterConfigurationByteForByte(@TempDir Path root) throws Exception {
        Path home = JMeterHome.extractTo(root);

        assertThat(home.getParent()).isEqualTo(root.resolve("jmeter-" + JMeterHome.JMETER_VERSION));
        for (String name : List.of("jmeter.properties", "saveservice.properties", "upgrade.properties")) {
            try (InputStream original = getClass().getClassLoader().getResourceAsStream("bin/" + name)) {
                assertThat(Files.readAllBytes(home.resolve("bin").resolve(name))).isEqualTo(original.readAllBytes());
            }
        }
        assertThat(home.resolve("bin/log4j2.xml")).doesNotExist();
        assertThat(JMeterHome.extractTo(root)).isEqualTo(home);
    }

    @Test
    void concurrentFirstRunsShareOneCompleteHome(@TempDir Path root) throws Exception {
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Path>> homes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Path> extract = () -> {
                    start.await();
                    return JMeterHome.extractTo(root);
                };
                homes.add(pool.submit(extract));
            }
            start.countDown();
            Path first = homes.get(0).get();
            for (Future<Path> home : homes) {
                assertThat(home.get()).isEqualTo(first);
            }
            assertThat(first.resolve("bin/jmeter.properties")).isNotEmptyFile();
            try (Stream<Path> siblings = Files.list(first.getParent())) {
                assertThat(siblings).as("no staging leftovers").containsExactly(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void initialiseMakesJMeterSafeToEmbed() {
        Path home = JMeterHome.initialise();

        assertThat(JMeterHome.initialise()).isSameAs(home);
        assertThat(home).startsWith(JMeterHome.cacheRoot());
        assertThat(JMeterUtils.getJMeterHome()).isEqualTo(home.toString());
        assertThat(JMeterUtils.getPropDefault("jmeterengine.stopfail.system.exit", true)).isFalse();
        assertThat(JMeterUtils.getPropDefault("jmeterengine.force.system.exit", true)).isFalse();
        assertThat(System.getProperty("JMeter.NonGui")).isEqualTo("true");
        assertThat(JMeterUtils.getResString("error_title")).isEqualTo("Error");
        assertThat(((LoggerContext) LogManager.getContext(false)).getConfiguration().getName()).isEqualTo("secperf");
    }
}
