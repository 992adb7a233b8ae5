package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every example in every {@code --help} can be copied into a shell as shown: no line is wrapped by the help layout
 * in the middle of a command (long ones continue with a trailing backslash), and each example parses as a valid
 * command line.
 */
class HelpExamplesTest {

    @Test
    void everyExampleIsShownUnwrappedAndParses() {
        List<String> examples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        collect(Secperf.commandLine(), examples, problems);

        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        assertThat(problems).isEmpty();
        for (String example : examples) {
            List<String> words = shellWords(example);
            // the shell's redirections and pipes are not secperf's arguments ("... --format json > tls.json")
            for (int i = 1; i < words.size(); i++) {
                if (List.of(">", ">>", "|", "2>", "2>&1").contains(words.get(i))) {
                    words = words.subList(0, i);
                    break;
                }
            }
            assertThat(words.get(0)).isEqualTo("secperf");
            CommandLine parser = Secperf.commandLine();
            parser.setCaseInsensitiveEnumValuesAllowed(true);
            try {
                parser.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                problems.add(example + " -> " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void collect(CommandLine command, List<String> examples, List<String> problems) {
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> shown = help.lines().map(String::stripTrailing).toList();
        List<String> footer = new ArrayList<>();
        for (String entry : command.getCommandSpec().usageMessage().footer()) {
            footer.addAll(entry.replace("%%", "%").lines().toList());
        }
        StringBuilder current = null;
        for (String line : footer) {
            boolean start = line.startsWith("  secperf ");
            if (start || current != null) {
                if (!shown.contains(line.stripTrailing())) {
                    problems.add(command.getCommandName() + ": example line wrapped in --help: " + line);
                }
                String part = line.strip();
                boolean continues = part.endsWith("\\");
                if (current == null) {
                    current = new StringBuilder();
                } else {
                    current.append(' ');
                }
                current.append(continues ? part.substring(0, part.length() - 1).strip() : part);
                if (!continues) {
                    examples.add(current.toString());
                    current = null;
                }
            }
        }
        command.getSubcommands().values().forEach(sub -> {
            if (sub.getParent() == command) {
                collect(sub, examples, problems);
            }
        });
    }

    /** Words as a POSIX shell splits them, for the quoting the examples use (single and double quotes). */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
