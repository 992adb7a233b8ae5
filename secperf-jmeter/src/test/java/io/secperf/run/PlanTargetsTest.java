package io.secperf.run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTargetsTest {

    @BeforeAll
    static void jmeter() {
        JMeterHome.initialise();
    }

    @Test
    void aPlanWithLiteralHostsThatReadsNoTargetPropertyIgnoresTheTarget() throws Exception {
        PlanTargets targets = PlanTargets.of(PlanLoader.load(Plans.plan("literal-host.jmx")));
        assertThat(targets.literalHosts()).containsExactly("jakarta.invalid");
        assertThat(targets.readsTarget()).isFalse();
        assertThat(targets.ignoresTarget()).isTrue();
        assertThat(targets.warning("https://127.0.0.1:8443")).startsWith(
                "--target https://127.0.0.1:8443 cannot take effect: the plan's HTTP samplers send to jakarta.invalid")
                .contains("${__P(host)}", "HTTP Request Defaults");
    }

    @Test
    void aPlanThatReadsTheHostPropertyTakesTheTarget() throws Exception {
        PlanTargets targets = PlanTargets.of(PlanLoader.load(Plans.plan("single-request.jmx")));
        assertThat(targets.readsTarget()).isTrue();
        assertThat(targets.literalHosts()).isEmpty();
        assertThat(targets.ignoresTarget()).isFalse();
    }
}
