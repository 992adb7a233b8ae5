package io.secperf.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import io.secperf.result.GeneratorInfo;
import io.secperf.secret.UrlRedaction;
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
        // every console line passes a mask of the secrets the command learns (ConsoleSecrets), whoever prints it;
        // above the masks, one console: the live progress line is ended before anything else (stdout or stderr) prints
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream maskedOut = ConsoleSecrets.masking(out);
        PrintStream maskedErr = err == out ? maskedOut : ConsoleSecrets.masking(err);
        ConsoleWriter console = ConsoleWriter.of(maskedOut, maskedErr);
        System.setOut(systemOut == out ? console.out() : systemOut == err ? console.err() : ConsoleSecrets.masking(systemOut));
        System.setErr(systemErr == err ? console.err() : systemErr == out ? console.out() : ConsoleSecrets.masking(systemErr));
        try {
            return run(console.out(), console.err(), args);
        } finally {
            System.out.flush();
            System.err.flush();
            console.out().flush();
            console.err().flush();
            System.setOut(systemOut);
            System.setErr(systemErr);
            ConsoleSecrets.clear();
            // what was held back as the possible start of a secret (an output ending mid-line)
            maskedOut.flush();
            maskedErr.flush();
        }
    }

    private static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Secperf());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("secperf: error: " + UrlRedaction.redact(ex.getMessage()));
            CommandLine command = ex.getCommandLine();
            err.println("usage: " + command.getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE_OR_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof CommandFailure failure) {
                // a verdict (critical findings, failed gates) is not an error: nothing failed to run
                err.println((failure.exitCode() == ExitCode.GATES_FAILED ? "secperf: FAILED: " : "secperf: error: ")
                        + UrlRedaction.redact(failure.getMessage()));
                return failure.exitCode().code();
            }
            return internalError(err, ex);
        });
        commandLine.setExitCodeExceptionMapper(ex -> ExitCode.INFRASTRUCTURE.code());
        try {
            return commandLine.execute(args);
        } catch (Error | RuntimeException e) {
            // picocli hands only Exceptions to the handler: an Error would end the JVM with exit code 1, which
            // means "gates failed" (a release blocked for the wrong reason). Never let one leave this method.
            return internalError(err, e);
        }
    }

    /** One clear line (and the trace, for a bug report) with the internal-error exit code, never the gate code. */
    static int internalError(PrintStream err, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            err.println("secperf: error: out of memory (" + e.getMessage() + "): the input or the run needs more "
                    + "heap than the JVM has (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); "
                    + "raise it with SECPERF_JAVA_OPTS=-Xmx2g (or JAVA_OPTS) and report the input: secperf's memory is meant to be bounded");
            return ExitCode.INFRASTRUCTURE.code();
        }
        err.println("secperf: internal error: " + UrlRedaction.redact(String.valueOf(e)));
        e.printStackTrace(err);
        return ExitCode.INFRASTRUCTURE.code();
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
