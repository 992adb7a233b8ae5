package io.secperf.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The most frequent error kinds of a run with the labels they occurred in, as the console, the JUnit text of
 * error-rate gates and the report show them: one shared wording, so a CI log and a report read the same.
 *
 * @param kind   the kind (overall count)
 * @param labels the labels whose tables hold this kind, in the result's label order
 */
public record TopErrors(ErrorKind kind, List<String> labels) {

    public TopErrors {
        labels = List.copyOf(labels);
    }

    /** The first {@code n} kinds over all labels. */
    public static List<TopErrors> of(RunResult result, int n) {
        List<TopErrors> rows = new ArrayList<>();
        for (ErrorKind kind : result.overall().errorKinds().top(n)) {
            List<String> labels = new ArrayList<>();
            for (LabelStats label : result.labels()) {
                for (ErrorKind k : label.errorKinds().kinds()) {
                    if (k.code().equals(kind.code()) && k.message().equals(kind.message())) {
                        labels.add(label.label());
                        break;
                    }
                }
            }
            rows.add(new TopErrors(kind, labels));
        }
        return rows;
    }

    /**
     * Plain-text lines, e.g. {@code "4 (100 % of errors) java.net.UnknownHostException: jakarta.apache.org: Name
     * or service not known [home, search]"}, plus a last line for errors outside the listed kinds; empty when
     * nothing failed. Labels longer than 40 characters and lists of more than 3 labels are shortened.
     */
    public static List<String> lines(RunResult result, int n) {
        List<String> lines = new ArrayList<>();
        long errors = result.overall().errors();
        if (errors == 0) {
            return lines;
        }
        long listed = 0;
        for (TopErrors row : of(result, n)) {
            listed += row.kind().count();
            StringBuilder line = new StringBuilder();
            line.append(row.kind().count()).append(" (").append(share(row.kind().count(), errors)).append(") ")
                    .append(row.kind().describe());
            if (!row.labels().isEmpty() && result.labels().size() > 1) {
                line.append(" [");
                for (int i = 0; i < Math.min(3, row.labels().size()); i++) {
                    line.append(i == 0 ? "" : ", ").append(ErrorKinds.cut(row.labels().get(i), 40));
                }
                if (row.labels().size() > 3) {
                    line.append(", +").append(row.labels().size() - 3).append(" more");
                }
                line.append(']');
            }
            lines.add(line.toString());
        }
        if (errors > listed) {
            lines.add((errors - listed) + " (" + share(errors - listed, errors) + ") other causes");
        }
        return lines;
    }

    private static String share(long part, long whole) {
        double percent = 100.0 * part / whole;
        return String.format(Locale.ROOT, percent >= 10 || percent == 0 ? "%.0f %%" : "%.1f %%", percent);
    }
}
