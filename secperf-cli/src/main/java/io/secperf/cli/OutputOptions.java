package io.secperf.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where a load run's results go and how its progress shows: the same for {@code secperf run} and {@code demo}. */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "secperf-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, terminal, plain (a line every 10 s) or none (default: ${DEFAULT-VALUE})")
    ProgressPrinter.Mode progress;

    @Option(names = "--history", paramLabel = "DIR",
            description = "append this run's summary to a history directory; the report charts the trend")
    Path history;
}
