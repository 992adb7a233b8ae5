package io.secperf.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.jmeter.JMeter;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * A JMeter home directory for the embedded engine, so that secperf needs no JMeter installation.
 *
 * <p>JMeter insists on reading {@code jmeter.properties}, {@code saveservice.properties}, {@code upgrade.properties}
 * and friends from {@code $JMETER_HOME/bin} on disk. They ship inside the {@code ApacheJMeter_config} jar, so this class
 * copies them once into a cache directory named after JMeter's version and a checksum of the files
 * ({@code ${user.home}/.cache/secperf/jmeter-5.6.3/<checksum>/bin}). The directory is built under a temporary name
 * and renamed into place atomically, so concurrent first runs never see a half-written home. The cache root can be
 * moved with the system property {@value #CACHE_DIR_PROPERTY} or the environment variable {@value #CACHE_DIR_ENV}.
 *
 * <p>{@link #initialise()} then prepares JMeter's global, static state once per JVM: secperf's log4j2 configuration
 * (stderr at WARN, never {@code jmeter.log} in the working directory), the JMeter properties, the English locale,
 * non-GUI mode, and the properties that would otherwise make JMeter call {@code System.exit}. It must run before any
 * JMeter engine class is initialised, because those read their settings in static initialisers.
 */
public final class JMeterHome {

    /** JMeter version whose configuration files are bundled. */
    public static final String JMETER_VERSION = "5.6.3";
    /** System property naming the cache root (default {@code ${user.home}/.cache/secperf}). */
    public static final String CACHE_DIR_PROPERTY = "secperf.cache.dir";
    /** Environment variable naming the cache root, used when the system property is absent. */
    public static final String CACHE_DIR_ENV = "SECPERF_CACHE_DIR";

    static final String LOG4J_CONFIG_RESOURCE = "/log4j2-secperf.xml";

    /** The files of {@code ApacheJMeter_config}'s {@code bin/} that JMeter may read at run time. */
    private static final List<String> BIN_FILES = List.of(
            "jmeter.properties", "saveservice.properties", "upgrade.properties", "system.properties",
            "user.properties", "reportgenerator.properties", "hc.parameters", "jaas.conf", "krb5.conf",
            "BeanShellAssertion.bshrc", "BeanShellFunction.bshrc", "BeanShellListeners.bshrc",
            "BeanShellSampler.bshrc", "utility.groovy");
    private static final List<String> REQUIRED_FILES =
            List.of("jmeter.properties", "saveservice.properties", "upgrade.properties");
    private static final String COMPLETE_MARKER = ".complete";

    /** JMeter properties that would otherwise end the JVM from inside the engine. */
    private static final Map<String, String> EMBEDDED_PROPERTIES = Map.of(
            "jmeterengine.stopfail.system.exit", "false",
            "jmeterengine.force.system.exit", "false",
            "jmeterengine.remote.system.exit", "false",
            "server.exitaftertest", "false");

    private static Path initialisedHome;

    private JMeterHome() {
    }

    /**
     * Makes the embedded JMeter usable in this JVM; idempotent and thread-safe.
     *
     * @return the JMeter home directory in use (its {@code bin/} holds the extracted configuration)
     * @throws UncheckedIOException if no cache directory could be written
     */
    public static synchronized Path initialise() {
        if (initialisedHome != null) {
            return initialisedHome;
        }
        configureLogging();
        Path home;
        try {
            home = extractTo(cacheRoot());
        } catch (IOException primary) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"),
                    "secperf-cache-" + System.getProperty("user.name", "user"));
            try {
                home = extractTo(fallback);
            } catch (IOException secondary) {
                secondary.addSuppressed(primary);
                throw new UncheckedIOException("cannot create a JMeter home under " + cacheRoot() + " or "
                        + fallback + ": " + secondary.getMessage(), secondary);
            }
        }
        Path bin = home.resolve("bin");
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(bin.resolve("jmeter.properties").toString());
        Properties props = JMeterUtils.getJMeterProperties();
        props.putAll(EMBEDDED_PROPERTIES);
        if (props.getProperty("language") == null) {
            props.setProperty("language", "en");
        }
        loadSystemProperties(bin.resolve("system.properties"));
        props.setProperty("jmeter.version", JMeterUtils.getJMeterVersion());
        JMeterUtils.initLocale();
        // Samplers and the engine check this to decide between dialogs and stdout.
        System.setProperty(JMeter.JMETER_NON_GUI, "true");
        initialisedHome = home;
        return home;
    }

    /** Root of secperf's caches: system property, then environment, then {@code ~/.cache/secperf}. */
    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CACHE_DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "secperf");
    }

    /**
     * Ensures {@code root/jmeter-<version>/<checksum>/bin} holds the bundled configuration files, creating it
     * atomically when absent. Safe to call concurrently from several threads or processes.
     */
    static Path extractTo(Path root) throws IOException {
        Map<String, byte[]> files = readBundledFiles();
        Path home = root.resolve("jmeter-" + JMETER_VERSION).resolve(checksum(files));
        if (Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
            return home;
        }
        Files.createDirectories(home.getParent());
        Path staging = Files.createTempDirectory(home.getParent(), ".staging-");
        try {
            Path bin = Files.createDirectories(staging.resolve("bin"));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(bin.resolve(file.getKey()), file.getValue());
            }
            // JMeter scans $JMETER_HOME/lib/ext for plugins; an empty one keeps it quiet.
            Files.createDirectories(staging.resolve("lib").resolve("ext"));
            Files.writeString(staging.resolve(COMPLETE_MARKER), "JMeter " + JMETER_VERSION + " configuration\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException unsupported) {
                throw new IOException("cannot rename " + staging + " to " + home + " atomically", unsupported);
            } catch (IOException raced) {
                // Linux reports a lost race as "Directory not empty" (a plain FileSystemException): if another run
                // completed the same checksummed home first, use it.
                if (!Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
                    throw raced;
                }
            }
        } finally {
            deleteRecursively(staging);
        }
        if (!Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
            throw new IOException("JMeter home " + home + " exists but is incomplete; delete it and retry");
        }
        return home;
    }

    private static Map<String, byte[]> readBundledFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ClassLoader loader = JMeterHome.class.getClassLoader();
        for (String name : BIN_FILES) {
            try (InputStream in = loader.getResourceAsStream("bin/" + name)) {
                if (in != null) {
                    files.put(name, in.readAllBytes());
                }
            }
        }
        for (String required : REQUIRED_FILES) {
            if (!files.containsKey(required)) {
                throw new IOException("bin/" + required + " is not on the classpath; "
                        + "org.apache.jmeter:ApacheJMeter_config:" + JMETER_VERSION + " is missing");
            }
        }
        return files;
    }

    private static String checksum(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stock JMeter loads bin/system.properties into the JVM; values already set by the user win. */
    private static void loadSystemProperties(Path file) {
        if (!Files.isReadable(file)) {
            return;
        }
        Properties system = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            system.load(in);
        } catch (IOException e) {
            return;
        }
        for (String name : system.stringPropertyNames()) {
            if (System.getProperty(name) == null) {
                System.setProperty(name, system.getProperty(name));
            }
        }
    }

    /**
     * Points log4j2 at secperf's configuration unless the user chose one. Must run before JMeter's first logger is
     * created; if log4j was already started with its default configuration, it is reconfigured.
     */
    private static void configureLogging() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        URL config = JMeterHome.class.getResource(LOG4J_CONFIG_RESOURCE);
        if (config == null) {
            return;
        }
        System.setProperty("log4j2.configurationFile", config.toString());
        if (LogManager.getContext(false) instanceof LoggerContext context
                && !"secperf".equals(context.getConfiguration().getName())) {
            try {
                context.setConfigLocation(config.toURI());
            } catch (URISyntaxException e) {
                context.setConfigLocation(URI.create(config.toString().replace(" ", "%20")));
            }
        }
    }
}
