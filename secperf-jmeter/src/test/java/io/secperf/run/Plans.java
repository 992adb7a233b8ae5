package io.secperf.run;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test plans shipped as test resources under {@code plans/}. */
final class Plans {
    private Plans() {
    }

    static Path plan(String name) {
        try {
            return Path.of(Plans.class.getResource("/plans/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test plan " + name, e);
        }
    }
}
