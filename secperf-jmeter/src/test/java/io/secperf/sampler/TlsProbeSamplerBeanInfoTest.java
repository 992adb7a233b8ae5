package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.util.Map;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.junit.jupiter.api.Test;

/** The sampler as stock JMeter's GUI sees it: a TestBean sampler whose every property has texts, a group, a default. */
class TlsProbeSamplerBeanInfoTest {

    @Test
    void beanInfoLoadsWithDisplayNamesDescriptionsGroupsAndDefaultsForEveryProperty() throws Exception {
        Map<String, PropertyDescriptor> byName = BeanInfoChecks.check(TlsProbeSampler.class, "secperf TLS Probe",
                TlsProbeSamplerBeanInfo.PROPERTIES);
        assertThat((String[]) byName.get("profile").getValue(BeanInfoSupport.TAGS))
                .containsExactly("modern", "intermediate", "old");
        assertThat(byName.get("failureSeverity").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("CRITICAL");
        assertThat(new TlsProbeSampler().getFailureSeverity()).isEqualTo("CRITICAL");
    }

    @Test
    void badSettingsGiveAFailedSampleWithAClearMessageNotAnException() {
        TlsProbeSampler sampler = new TlsProbeSampler();
        sampler.setName("probe");
        sampler.setHost("127.0.0.1");
        sampler.setPort("not-a-port");
        var result = sampler.sample(null);
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseMessage()).contains("port must be a number");
        assertThat(result.getSampleLabel()).isEqualTo("probe");
    }
}
