package io.secperf.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A definition-of-done: the gates of one run, in order, and where they came from. Built from the gate language
 * ({@link #parse}), from YAML or JSON ({@link #read}, {@link #fromYaml}, {@link #fromJson}) or from a list of maps such
 * as a Jenkinsfile passes ({@link #fromData}); all produce the same {@link Gate}s.
 *
 * @param gates  at least one gate
 * @param source where they came from ("gates", a file name), for messages
 */
public record GateList(List<Gate> gates, String source) {

    public GateList {
        gates = List.copyOf(gates);
        if (gates.isEmpty()) {
            throw new IllegalArgumentException("a gate list needs at least one gate");
        }
        source = source == null ? "gates" : source;
    }

    /**
     * Parses gate-language text: one gate per line (or separated by {@code ;}), {@code #} comments, blank lines.
     *
     * @param source names the text in error messages, e.g. a file name
     * @throws GateSyntaxException at the first problem, with line and column
     */
    public static GateList parse(String text, String source) throws GateSyntaxException {
        return new GateList(GateParser.parseList(text, source), source);
    }

    /**
     * Structured gates: a list whose entries are gate-language strings or maps with the keys {@code metric},
     * {@code op}, {@code threshold} and optionally {@code unit}, {@code label}, {@code class}, {@code severity},
     * {@code id}, {@code selector}, {@code regression}, {@code for}, {@code criticality}, {@code optional},
     * {@code stop} (docs/gates.md). A map with a {@code gates} list is accepted too.
     */
    public static GateList fromData(Object data, String source) throws GateSyntaxException {
        return new GateList(StructuredGates.gates(data, source), source);
    }

    /** Structured gates as YAML text (see {@link #fromData}). */
    public static GateList fromYaml(String yaml, String source) throws GateSyntaxException {
        return fromData(StructuredGates.readYaml(yaml, source), source);
    }

    /** Structured gates as JSON text (see {@link #fromData}). */
    public static GateList fromJson(String json, String source) throws GateSyntaxException {
        return fromData(StructuredGates.readJson(json, source), source);
    }

    /**
     * Reads a gate file: {@code .yaml}/{@code .yml} as YAML, {@code .json} as JSON, anything else as the gate
     * language.
     *
     * @throws NoSuchFileException when the file does not exist
     */
    public static GateList read(Path file) throws IOException, GateSyntaxException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String source = file.toString();
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return fromYaml(text, source);
        }
        if (lower.endsWith(".json")) {
            return fromJson(text, source);
        }
        return parse(text, source);
    }

    /** Several lists as one, in order (e.g. {@code --gates} given twice). */
    public static GateList concat(List<GateList> lists) {
        List<Gate> all = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (GateList list : lists) {
            all.addAll(list.gates);
            sources.add(list.source);
        }
        return new GateList(all, String.join(", ", sources));
    }

    /** The gates marked {@code stop}. */
    public List<Gate> stopGates() {
        return gates.stream().filter(Gate::stop).toList();
    }

    /** The list in canonical gate-language form, one gate per line. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Gate gate : gates) {
            sb.append(gate.text()).append('\n');
        }
        return sb.toString();
    }
}
