package io.secperf.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft's SARIF multitool ({@code npm install -g @microsoft/sarif-multitool}) validating a SARIF file against the
 * 2.1.0 schema and its rules: an independent check that what secperf writes is what Warnings NG and code scanning read.
 */
public final class SarifMultitool {

    private static final Pattern ERROR = Pattern.compile(".*: error [A-Z]+[0-9]+: .*");

    private SarifMultitool() {
    }

    /**
     * The validator's errors for the file (empty when it is valid), or the test is skipped without the multitool.
     * Warnings and notes (style advice such as "provide a help URI") are not errors.
     */
    public static List<String> errors(Path sarif) throws IOException, InterruptedException {
        Path tool = SystemTool.SARIF_MULTITOOL.require();
        Path work = Files.createTempDirectory("sarif-validation");
        Path output = work.resolve("validation.sarif");
        Path log = work.resolve("console.txt");
        // the npm launcher passes its arguments through a shell: a plain absolute path, no quoting needed
        ProcessBuilder builder = new ProcessBuilder(tool.toString(), "validate", sarif.toAbsolutePath().toString(),
                "--output", output.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"); // runs without libicu too
        builder.environment().put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sarif-multitool validate did not finish within 180 s");
        }
        String console = Files.readString(log, StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        for (String line : console.split("\\R")) {
            Matcher matcher = ERROR.matcher(line);
            if (matcher.matches()) {
                errors.add(line.strip());
            }
        }
        if (!Files.isRegularFile(output)) {
            errors.add("sarif-multitool wrote no validation log (exit " + process.exitValue() + "): " + console);
        }
        return errors;
    }
}
