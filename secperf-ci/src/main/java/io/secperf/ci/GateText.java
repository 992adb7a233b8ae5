package io.secperf.ci;

/**
 * What CI can check of a gate list without the gate parser: it is not empty, structured gates are JSON, and a text
 * list has at least one gate line. The gate language itself is parsed and reported, with line and column, by
 * {@code secperf} on the agent (docs/gates.md), so the form and the runner can never disagree about the grammar.
 */
public final class GateText {

    private GateText() {
    }

    /** True when the gates are structured data (JSON from a list of maps) rather than gate-language text. */
    public static boolean structured(String gates) {
        String s = gates == null ? "" : gates.strip();
        return s.startsWith("[") || s.startsWith("{");
    }

    /** The file name the gates are written to on the agent before the runner reads them. */
    public static String fileName(String gates) {
        return structured(gates) ? "gates.json" : "gates.txt";
    }

    /**
     * True when the gates compare against a reference result ({@code p95 regression < 10%}), so the CI glue looks up
     * the newest passed build ({@link ReferenceSelection}) and hands its result file to the runner.
     */
    public static boolean needsReference(String gates) {
        if (gates == null) {
            return false;
        }
        for (String line : gates.split("\\R")) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            if (code.matches(".*\\bregression\\b.*") || code.contains("\"regression\"")) {
                return true;
            }
        }
        return false;
    }

    static Check check(String gates) {
        if (structured(gates)) {
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(gates);
                return Check.ok();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Check.error("structured gates are not valid JSON: " + e.getOriginalMessage());
            }
        }
        for (String line : gates.split("\\R")) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            if (!code.isBlank()) {
                return Check.ok();
            }
        }
        return Check.error("gates has no gate, only blank lines and comments");
    }
}
