package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.secperf.run.JMeterHome;

/**
 * Stock JMeter's generic TestBean GUI builds the samplers' editors from the BeanInfo (headless): every property gets an
 * editor, and a new element from the GUI carries the defaults of the Resources/BeanInfo.
 */
class SamplerGuiTest {

    @ParameterizedTest
    @ValueSource(classes = {AuthCheckSampler.class, FuzzSampler.class, AttackSampler.class, TlsProbeSampler.class})
    void theGenericTestBeanGuiBuildsAndCreatesAnElementWithTheDefaults(Class<?> sampler) {
        JMeterHome.initialise();
        TestBeanGUI gui = new TestBeanGUI(sampler);
        TestElement element = gui.createTestElement();
        assertThat(element).isInstanceOf(sampler);
        assertThat(gui.getStaticLabel()).startsWith("secperf ");
        assertThat(element.getPropertyAsString("failureSeverity"))
                .isEqualTo(sampler == FuzzSampler.class ? "MEDIUM" : "CRITICAL");
        if (element instanceof SecurityCheckSampler) {
            assertThat(element.getPropertyAsString("securityFile")).isEqualTo("security.yaml");
        }
        gui.configure(element);
    }
}
