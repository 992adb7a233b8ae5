package io.secperf.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.secperf.result.ResultDocument;
import io.secperf.sarif.SarifReport;
import picocli.CommandLine.Option;

/**
 * {@code --sarif FILE} of {@code run}, {@code gate} and {@code scan}: the security findings and failed security gates
 * also as SARIF 2.1.0, where security teams already look (Warnings NG on Jenkins, GitHub and GitLab code scanning).
 */
final class SarifOutput {

    @Option(names = "--sarif", paramLabel = "FILE",
            description = "also write the security findings and failed security gates as SARIF 2.1.0 (for Warnings"
                    + " NG, GitHub or GitLab code scanning)")
    Path file;

    /** Refuses a path that cannot become a file, before any work is done. */
    void check() {
        if (file != null && Files.isDirectory(file)) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--sarif " + file + " is a directory; give a file name"
                    + " such as secperf.sarif");
        }
    }

    /** Writes the SARIF log of the document when {@code --sarif} was given, and says where. */
    void write(PrintStream out, ResultDocument document) {
        if (file == null) {
            return;
        }
        Path target = file.toAbsolutePath().normalize();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            SarifReport.write(target, document);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, "could not write the SARIF file " + target + ": "
                    + OutputDirectory.describe(e), e);
        }
        out.println("sarif:  " + target);
    }
}
