package io.secperf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records the tests of one module that were skipped for a missing system tool, in
 * {@code target/secperf-missing-tools.tsv} (one "TOOL, tab, test" line each), so that {@link MissingToolsSummary}
 * can print ONE line for the whole build at its end. Registered through {@code META-INF/services}, so every module
 * whose tests depend on this one has it without configuration.
 */
public final class MissingToolsListener implements TestExecutionListener {

    /** Where the records go, relative to the module (surefire runs tests in the module's directory). */
    public static final String RECORD_FILE = "target/secperf-missing-tools.tsv";

    private final Set<String> lines = new LinkedHashSet<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        lines.clear();
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
            return;
        }
        MissingToolException missing = cause(result.getThrowable().orElse(null));
        if (missing == null) {
            return;
        }
        List<TestIdentifier> tests = new ArrayList<>();
        if (identifier.isTest()) {
            tests.add(identifier);
        } else if (plan != null) {
            // an aborted class (@BeforeAll) reports no event for its tests: count them here
            plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).forEach(tests::add);
        }
        synchronized (lines) {
            tests.forEach(test -> lines.add(missing.tool().name() + "\t" + test.getUniqueId()));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Path file = Path.of(System.getProperty("secperf.missingToolsFile", RECORD_FILE));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".missing-tools", ".tmp");
            synchronized (lines) {
                Files.write(temporary, lines, StandardCharsets.UTF_8);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the tests skipped for missing tools in " + file, e);
        }
    }

    private static MissingToolException cause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof MissingToolException missing) {
                return missing;
            }
        }
        return null;
    }
}
