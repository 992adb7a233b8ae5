package io.secperf.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import io.secperf.result.GeneratorInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secperf} command line: the same engine on a laptop, in any CI, and forked by the Jenkins plugin on
 * agents. Every failure ends with one line on stderr and a documented exit code ({@link ExitCode}).
 */
@Command(name = "secperf",
        mixinStandardHelpOptions = true,
        versionProvider = Secperf.Version.class,
        description = "Performance through security: run JMeter plans with security checks and one verdict.",
        subcommands = {RunCommand.class, AugmentCommand.class, IngestCommand.class, GateCommand.class, ScanCommand.class, DemoCommand.class,
            ReportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:",
            "  0 ok   1 gates failed   2 gates unstable   3 preflight aborted",
            "  4 usage or input error   5 infrastructure (target down, runner crash, output not writable)",
            "  130/143 interrupted (results so far are written)",
            "Docs: docs/cli.md"})
public final class Secperf {

    private Secperf() {
    }

    public static void main(String[] args) {
        int code = execute(System.out, System.err, args);
        if (!StopOnSignal.signalled()) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code; never calls System.exit (tests call this). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        // one console: the live progress line is ended before anything else (stdout or stderr) prints
        ConsoleWriter console = ConsoleWriter.of(out, err);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        if (systemOut == out) {
            System.setOut(console.out());
        }
        if (systemErr == err) {
            System.setErr(console.err());
        }
        try {
            return execute(console, args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
    }

    private static int execute(ConsoleWriter console, String... args) {
        PrintStream out = console.out();
        PrintStream err = console.err();
        CommandLine commandLine = new CommandLine(new Secperf());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("secperf: error: " + ex.getMessage());
            CommandLine command = ex.getCommandLine();
            err.println("usage: " + command.getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE_OR_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof CommandFailure failure) {
                err.println("secperf: error: " + failure.getMessage());
                return failure.exitCode().code();
            }
            err.println("secperf: internal error: " + ex);
            ex.printStackTrace(err);
            return ExitCode.INFRASTRUCTURE.code();
        });
        commandLine.setExitCodeExceptionMapper(ex -> ExitCode.INFRASTRUCTURE.code());
        return commandLine.execute(args);
    }

    /** The version from the jar manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            GeneratorInfo info = GeneratorInfo.current();
            return new String[] {info.name() + " " + info.version() + " (Java " + info.java() + ", JMeter "
                    + io.secperf.run.JMeterHome.JMETER_VERSION + " embedded)"};
        }
    }
}
