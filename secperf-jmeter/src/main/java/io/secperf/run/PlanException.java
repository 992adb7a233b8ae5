package io.secperf.run;

import java.nio.file.Path;

/**
 * A test plan that cannot be run, with a one-line message a user can act on and a {@link Kind} that callers (the CLI's
 * exit codes, tests) can branch on without parsing text.
 */
public final class PlanException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the plan. */
    public enum Kind {
        /** The plan file does not exist. */
        MISSING_FILE,
        /** The path exists but is a directory or cannot be read. */
        UNREADABLE,
        /** The file is not well-formed XML. */
        MALFORMED_XML,
        /** The XML is well-formed but is not a JMeter test plan (for example a JTL results file). */
        NOT_A_PLAN,
        /** An element's class is not on the classpath: a JMeter module or plugin that secperf does not bundle. */
        UNKNOWN_ELEMENT,
        /** An element is present but JMeter could not build it from the XML. */
        INVALID_ELEMENT,
        /** No enabled thread group, so nothing would run. */
        NO_THREAD_GROUP,
        /** Thread groups exist but none contains an enabled sampler, so nothing would be measured. */
        NO_SAMPLER,
        /** The run's {@link PlanTransform} (security augmentation) refused the plan; the message says why. */
        TRANSFORM_FAILED
    }

    private final Kind kind;
    private final transient Path plan;

    PlanException(Kind kind, Path plan, String message) {
        this(kind, plan, message, null);
    }

    PlanException(Kind kind, Path plan, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.plan = plan;
    }

    public Kind kind() {
        return kind;
    }

    /** The plan file as given by the caller. */
    public Path plan() {
        return plan;
    }
}
