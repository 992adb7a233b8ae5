package io.secperf.tls;

import java.util.List;

/**
 * Compliance with one Mozilla server-side TLS profile.
 *
 * @param profile    the profile checked
 * @param compliant  no violation
 * @param violations one line per violation, e.g. "TLSv1.0 accepted (profile allows TLSv1.2, TLSv1.3)"
 */
public record ProfileCompliance(MozillaProfile profile, boolean compliant, List<String> violations) {

    public ProfileCompliance {
        violations = List.copyOf(violations);
    }
}
