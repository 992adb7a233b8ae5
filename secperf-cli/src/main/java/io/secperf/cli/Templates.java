package io.secperf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The plans of {@code jmeter-templates/}, bundled in the command line's jar so a template runs on a machine that has
 * only the secperf distribution (a Jenkins agent, a laptop).
 */
final class Templates {

    /** The bundled template names, in the order the README presents them. */
    static final List<String> NAMES = List.of("rest-api-baseline", "login-flow", "mixed-browsing");

    private Templates() {
    }

    /** A plan ready to run; a template extracted to a temporary file is deleted on close. */
    record Resolved(Path plan, String name, boolean temporary) implements AutoCloseable {
        /** The plan as results and reports show it: {@code template NAME}, or the user's path as given. */
        String shown() {
            return temporary ? "template " + name : plan.toString();
        }

        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(plan);
                    Files.deleteIfExists(plan.getParent());
                } catch (IOException ignored) {
                    // a leftover file in the temp directory is harmless
                }
            }
        }
    }

    static Resolved ofFile(Path plan) {
        String fileName = plan.getFileName().toString();
        String name = fileName.endsWith(".jmx") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new Resolved(plan, name, false);
    }

    static Resolved extract(String name) {
        if (!NAMES.contains(name)) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT,
                    "unknown template '" + name + "'; available: " + String.join(", ", NAMES));
        }
        try (InputStream in = Templates.class.getResourceAsStream("/jmeter-templates/" + name + ".jmx")) {
            if (in == null) {
                throw new CommandFailure(ExitCode.INFRASTRUCTURE,
                        "template " + name + " is missing from this secperf build");
            }
            Path dir = Files.createTempDirectory("secperf-template");
            Path plan = dir.resolve(name + ".jmx");
            Files.copy(in, plan, StandardCopyOption.REPLACE_EXISTING);
            return new Resolved(plan, name, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract template " + name, e);
        }
    }

    /** Completion candidates for picocli's help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(NAMES).iterator();
        }
    }
}
