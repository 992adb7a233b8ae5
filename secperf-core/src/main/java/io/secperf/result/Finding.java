package io.secperf.result;

import io.secperf.text.BoundedText;

/**
 * A security observation made during the run. Placeholder shape for schema version 1: the security checks (later
 * issues) fill the {@code findings} list of a {@link ResultDocument}; new optional fields may be added.
 *
 * @param id          stable identifier of the check, e.g. "tls.weak-cipher"
 * @param severity    how bad it is
 * @param title       one-line summary
 * @param evidence    what was observed (never a secret)
 * @param remediation how to fix it
 */
public record Finding(String id, Severity severity, String title, String evidence, String remediation) {

    /** Every text is bounded ({@link BoundedText#MAX_TEXT_CHARS}): evidence may quote a response of any size. */
    public Finding {
        id = BoundedText.label(id);
        title = BoundedText.text(title);
        evidence = BoundedText.text(evidence);
        remediation = BoundedText.text(remediation);
    }
}
