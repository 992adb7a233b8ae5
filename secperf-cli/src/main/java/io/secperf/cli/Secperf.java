package io.secperf.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

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
        footer = {"", "Exit codes:",
            "  0 ok   1 gates failed   2 gates unstable   3 preflight aborted",
            "  4 usage or input error   5 infrastructure (target down, runner crash, output not writable)",
            "  130/143 interrupted (results so far are written)",
            "Docs: docs/cli.md"})
public final class Secperf {

    /**
     * The subcommands, in the order {@code --help} lists them. picocli reads every option of every command it is
     * given before it parses anything: for all of them that was most of a short command's start-up
     * (docs/performance.md, "Start-up"), so a command line is built with only the subcommand it names.
     */
    private static final Map<String, Subcommand> SUBCOMMANDS = new LinkedHashMap<>();

    private record Subcommand(Class<?> type, Supplier<Object> create) {
    }

    static {
        SUBCOMMANDS.put("run", new Subcommand(RunCommand.class, RunCommand::new));
        SUBCOMMANDS.put("augment", new Subcommand(AugmentCommand.class, AugmentCommand::new));
        SUBCOMMANDS.put("ingest", new Subcommand(IngestCommand.class, IngestCommand::new));
        SUBCOMMANDS.put("gate", new Subcommand(GateCommand.class, GateCommand::new));
        SUBCOMMANDS.put("scan", new Subcommand(ScanCommand.class, ScanCommand::new));
        SUBCOMMANDS.put("demo", new Subcommand(DemoCommand.class, DemoCommand::new));
        SUBCOMMANDS.put("report", new Subcommand(ReportCommand.class, ReportCommand::new));
        // a lambda, not HelpCommand::new: a method reference interns a MethodType naming picocli's HelpCommand, a
        // Java 5 class that an AOT cache leaves out, and JDK 25.0.3 then crashes while it assembles the cache
        // (-XX:AOTCacheOutput; docs/performance.md, "Start-up on JDK 25")
        SUBCOMMANDS.put("help", new Subcommand(CommandLine.HelpCommand.class, () -> new CommandLine.HelpCommand()));
    }

    private Secperf() {
    }

    /** The whole command tree, every subcommand (help, documentation checks). */
    static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS.keySet().toArray(String[]::new));
    }

    /**
     * The command tree that can parse {@code args}: with only the subcommand that {@code args} starts with (the
     * top level has no options besides help and version, so every subcommand comes first on the line), none for a
     * lone {@code --version}, summaries (name and description, no options) for the top-level help and an empty
     * line, and the whole tree otherwise ({@code help NAME}, a mistyped command, help mixed with a command).
     */
    static CommandLine commandLineFor(String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return withSubcommands();
        }
        if (args.length == 0 || args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            CommandLine commandLine = withSubcommands();
            SUBCOMMANDS.forEach((name, subcommand) -> commandLine.addSubcommand(name, summary(name, subcommand.type())));
            return commandLine;
        }
        if (!"help".equals(args[0]) && SUBCOMMANDS.containsKey(args[0])) {
            return withSubcommands(args[0]);
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(String... names) {
        CommandLine commandLine = new CommandLine(new Secperf());
        for (String name : names) {
            commandLine.addSubcommand(name, SUBCOMMANDS.get(name).create().get());
        }
        return commandLine;
    }

    /** What the top-level help lists of a subcommand, read from its annotation alone. */
    private static CommandLine summary(String name, Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(name);
        spec.usageMessage().description(command.description()).header(command.header()).hidden(command.hidden());
        return new CommandLine(spec);
    }

    public static void main(String[] args) {
        int code = execute(System.out, System.err, args);
        if (!StopOnSignal.signalled()) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code; never calls System.exit (tests call this). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return execute(Secperf::commandLineFor, out, err, args);
    }

    /**
     * The same, through a given command tree (tests compare the lazily built tree with the whole one). The tree is
     * built after System.out is replaced (built before, its version help went to the System.out of that moment).
     */
    static int execute(Function<String[], CommandLine> tree, PrintStream out, PrintStream err, String... args) {
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
            return run(tree.apply(args), console.out(), console.err(), args);
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

    private static int run(CommandLine commandLine, PrintStream out, PrintStream err, String... args) {
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
