package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.util.Map;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.junit.jupiter.api.Test;

/** The auth sampler as stock JMeter's GUI sees it. */
class AuthCheckSamplerBeanInfoTest {

    @Test
    void beanInfoLoadsWithDisplayNamesDescriptionsGroupsAndDefaultsForEveryProperty() throws Exception {
        Map<String, PropertyDescriptor> byName = BeanInfoChecks.checkSecuritySampler(AuthCheckSampler.class,
                "secperf Auth Checks", AuthCheckSamplerBeanInfo.PROPERTIES);
        assertThat(byName.get("failureSeverity").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("CRITICAL");
        assertThat(new AuthCheckSampler().getFailureSeverity()).isEqualTo("CRITICAL");
        assertThat(byName.get("securityFile").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("security.yaml");
        assertThat(byName.get("targetUrl").getValue(BeanInfoSupport.DEFAULT)).isEqualTo("");
    }
}
