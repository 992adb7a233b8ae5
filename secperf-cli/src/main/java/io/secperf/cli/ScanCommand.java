package io.secperf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code secperf scan}: one family of security checks alone, without a plan or load (like testssl.sh), for a laptop
 * or any CI. Each scan prints a findings table, writes the findings and measurements, and exits 1 when a critical
 * finding is present.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Run one family of security checks alone, without a plan.",
        subcommands = {TlsScanCommand.class, AuthScanCommand.class, FuzzScanCommand.class},
        footer = {"", "Exit codes: 0 no critical finding, 1 critical finding present, 4 usage or input error,",
            "5 target unreachable or output not writable."})
final class ScanCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing scan type (tls, auth, fuzz)");
    }
}
