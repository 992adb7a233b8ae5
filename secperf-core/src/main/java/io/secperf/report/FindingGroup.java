package io.secperf.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.secperf.result.Finding;
import io.secperf.result.Severity;

/**
 * Findings of the same check with the same observation (id, severity and title), shown as one card with a count and
 * a few examples: eleven "server error 501" cards, one of them with 8 KB of "AAAA", read as noise; one card with
 * "× 11" and three short examples reads as one problem.
 *
 * @param first            the first finding of the group (its id, severity, title and remediation are shown)
 * @param count            findings in the group
 * @param evidence         up to {@value #MAX_EXAMPLES} distinct non-empty evidence texts, in the order found
 * @param distinctEvidence distinct non-empty evidence texts in the group
 */
record FindingGroup(Finding first, int count, List<String> evidence, int distinctEvidence) {

    static final int MAX_EXAMPLES = 3;

    FindingGroup {
        evidence = List.copyOf(evidence);
    }

    /** Groups in order of severity (most severe first), then of first appearance. */
    static List<FindingGroup> of(List<Finding> findings) {
        Map<List<Object>, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            List<Object> key = new ArrayList<>();
            key.add(Objects.toString(f.id(), ""));
            key.add(severity(f));
            key.add(Objects.toString(f.title(), ""));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<FindingGroup> result = new ArrayList<>();
        for (List<Finding> members : groups.values()) {
            Set<String> distinct = new LinkedHashSet<>();
            for (Finding f : members) {
                if (f.evidence() != null && !f.evidence().isEmpty()) {
                    distinct.add(f.evidence());
                }
            }
            List<String> examples = distinct.stream().limit(MAX_EXAMPLES).toList();
            result.add(new FindingGroup(members.get(0), members.size(), examples, distinct.size()));
        }
        result.sort(Comparator.comparing((FindingGroup g) -> severity(g.first())).reversed());
        return result;
    }

    private static Severity severity(Finding f) {
        return f.severity() == null ? Severity.INFO : f.severity();
    }
}
