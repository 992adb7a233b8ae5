package io.secperf.run;

import java.util.List;
import java.util.Map;

import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.protocol.java.sampler.AbstractJavaSamplerClient;
import org.apache.jmeter.protocol.java.sampler.JavaSamplerContext;
import org.apache.jmeter.samplers.SampleResult;

import io.secperf.sampler.SecurityFindings;

/**
 * Stands in for the attack sampler in tests: one sample = one bounded "attack" that makes the test's target slow for
 * {@code millis} ms (through {@link #UNDER_ATTACK}, which the target reads) and returns a {@link SecurityFindings}
 * of check "attack" whose start and end are that window.
 */
public class SlowdownAttackClient extends AbstractJavaSamplerClient {

    /** Read by the test's target: while true it answers slowly. */
    static volatile boolean UNDER_ATTACK;

    @Override
    public Arguments getDefaultParameters() {
        Arguments arguments = new Arguments();
        arguments.addArgument("millis", "1500");
        return arguments;
    }

    @Override
    public SampleResult runTest(JavaSamplerContext context) {
        long millis = context.getLongParameter("millis", 1500);
        SecurityFindings result = new SecurityFindings("attack", List.of(),
                Map.of("attack.requests", "1", "attack.handshakes", "10",
                        "attack.handshakes.cpu.ms.total", "42.5"));
        result.setSampleLabel(context.getParameter("TestElement.name", "attack"));
        result.sampleStart();
        UNDER_ATTACK = true;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            UNDER_ATTACK = false;
            result.sampleEnd();
        }
        result.setSuccessful(true);
        result.setResponseCodeOK();
        return result;
    }
}
