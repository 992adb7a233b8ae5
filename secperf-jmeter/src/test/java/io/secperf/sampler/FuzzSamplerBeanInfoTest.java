package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.util.Map;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TextAreaEditor;
import org.apache.jmeter.testelement.TestStateListener;
import org.junit.jupiter.api.Test;

/** The fuzz sampler as stock JMeter's GUI sees it. */
class FuzzSamplerBeanInfoTest {

    @Test
    void beanInfoLoadsWithDisplayNamesDescriptionsGroupsAndDefaultsForEveryProperty() throws Exception {
        Map<String, PropertyDescriptor> byName = BeanInfoChecks.checkSecuritySampler(FuzzSampler.class,
                "secperf Fuzzer", FuzzSamplerBeanInfo.PROPERTIES);
        assertThat(byName.get("failureSeverity").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("MEDIUM");
        assertThat(new FuzzSampler().getFailureSeverity()).isEqualTo("MEDIUM");
        assertThat(byName.get("iterationsPerSample").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("20");
        assertThat(byName.get("raw").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("true");
        assertThat(byName.get("raw").getPropertyEditorClass()).isEqualTo(CheckboxEditor.class);
        assertThat(byName.get("iterationsPerSample").getPropertyEditorClass()).isEqualTo(WholeNumberEditor.class);
        assertThat(byName.get("endpoints").getPropertyEditorClass()).isEqualTo(TextAreaEditor.class);
        assertThat(TestStateListener.class).as("resets the shared sequence per run")
                .isAssignableFrom(FuzzSampler.class);
    }
}
