package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * A command line is built with only the subcommand it names (picocli reads every option of every command it is
 * given, most of a short command's start-up), and that must never change what the user sees.
 */
class CommandTreeTest {

    @Test
    void aNamedCommandGetsOnlyItselfALoneVersionNoneAndEverythingElseAll() {
        assertThat(Secperf.commandLineFor("gate", "--result", "r").getSubcommands()).containsOnlyKeys("gate");
        assertThat(Secperf.commandLineFor("scan", "tls", "https://localhost").getSubcommands()).containsOnlyKeys("scan");
        assertThat(Secperf.commandLineFor("--version").getSubcommands()).isEmpty();
        assertThat(Secperf.commandLineFor("-V").getSubcommands()).isEmpty();
        String[] all = {"run", "augment", "ingest", "gate", "scan", "demo", "report", "help"};
        assertThat(Secperf.commandLineFor().getSubcommands().keySet()).containsExactly(all);
        assertThat(Secperf.commandLineFor("--help").getSubcommands().keySet()).containsExactly(all);
        assertThat(Secperf.commandLineFor("--help").getSubcommands().get("gate").getCommandSpec().options())
                .as("the top-level help reads only names and descriptions").isEmpty();
        assertThat(Secperf.commandLineFor("--help", "gate").getSubcommands().get("gate").getCommandSpec().options())
                .isNotEmpty();
        assertThat(Secperf.commandLineFor("help", "gate").getSubcommands().keySet()).containsExactly(all);
        assertThat(Secperf.commandLineFor("gatx").getSubcommands().keySet()).containsExactly(all);
        assertThat(Secperf.commandLineFor("--version", "gate").getSubcommands().keySet()).containsExactly(all);
    }

    @Test
    void whatTheUserSeesIsTheSameAsWithTheWholeTree() {
        for (String[] args : new String[][] {{"gate", "--help"}, {"scan", "--help"}, {"scan", "tls", "--help"},
                {"report", "--help"}, {"ingest"}, {"gate", "--no-such-option"}, {"--help"}, {"-h"}, {},
                {"gatx"}, {"help"}, {"help", "scan"}, {"--help", "gate"}}) {
            String lazy = run(args);
            String whole = runWholeTree(args);
            assertThat(lazy).as(String.join(" ", args)).isEqualTo(whole).isNotBlank();
        }
        assertThat(run("--version")).startsWith("0\nsecperf ").contains("JMeter");
        assertThat(run("--help")).contains("run", "augment", "ingest", "gate", "scan", "demo", "report", "Exit codes:");
        assertThat(run("help", "gate")).isEqualTo(run("gate", "--help"));
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Secperf.execute(stream, stream, args);
        return code + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    /** The same arguments through the whole tree, as before the tree was built lazily. */
    private static String runWholeTree(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Secperf.execute(whole -> Secperf.commandLine(), stream, stream, args);
        return code + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }
}
