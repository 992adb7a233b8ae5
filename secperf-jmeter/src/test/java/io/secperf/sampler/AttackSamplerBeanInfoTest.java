package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.util.Map;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.junit.jupiter.api.Test;

/** The attack sampler as stock JMeter's GUI sees it. */
class AttackSamplerBeanInfoTest {

    @Test
    void beanInfoLoadsWithDisplayNamesDescriptionsGroupsAndDefaultsForEveryProperty() throws Exception {
        Map<String, PropertyDescriptor> byName = BeanInfoChecks.checkSecuritySampler(AttackSampler.class,
                "secperf Attack Traffic", AttackSamplerBeanInfo.PROPERTIES);
        assertThat(byName.get("failureSeverity").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("CRITICAL");
        assertThat(new AttackSampler().getFailureSeverity()).isEqualTo("CRITICAL");
        assertThat((String[]) byName.get("attack").getValue(BeanInfoSupport.TAGS))
                .containsExactly("sessions", "flood", "slowHeaders");
        assertThat(byName.get("attack").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("flood");
        assertThat(byName.get("attack").getDisplayName()).isEqualTo("Attack");
    }
}
