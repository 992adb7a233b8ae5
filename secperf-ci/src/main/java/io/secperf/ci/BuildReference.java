package io.secperf.ci;

/**
 * Which build's recorded verdict {@code secPerfGate} re-checks: {@code "folder/job"} (its last completed build) or
 * {@code "folder/job#42"} (build 42). The Jenkins glue looks the job up with the caller's permissions.
 *
 * @param job    the job's full name, e.g. "perf/checkout-staging"
 * @param number the build number, or 0 for the last completed build
 */
public record BuildReference(String job, int number) {

    public static BuildReference parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("build is empty; give 'job/path' or 'job/path#42'");
        }
        int hash = t.lastIndexOf('#');
        String job = hash < 0 ? t : t.substring(0, hash).strip();
        int number = 0;
        if (hash >= 0) {
            String n = t.substring(hash + 1).strip();
            try {
                number = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("build number after '#' must be a number, was '" + n + "'");
            }
            if (number <= 0) {
                throw new IllegalArgumentException("build number must be positive, was " + number);
            }
        }
        if (job.isEmpty() || job.startsWith("/") || job.endsWith("/") || job.contains("//")) {
            throw new IllegalArgumentException("build must name a job by its full name such as 'perf/checkout', was '"
                    + t + "'");
        }
        return new BuildReference(job, number);
    }

    @Override
    public String toString() {
        return number == 0 ? job + " (last completed build)" : job + " #" + number;
    }
}
