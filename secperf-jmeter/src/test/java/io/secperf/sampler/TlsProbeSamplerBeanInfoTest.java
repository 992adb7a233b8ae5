package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.gui.GenericTestBeanCustomizer;
import org.apache.jmeter.samplers.Sampler;
import org.junit.jupiter.api.Test;

import io.secperf.run.JMeterHome;

/** The sampler as stock JMeter's GUI sees it: a TestBean sampler whose every property has texts, a group, a default. */
class TlsProbeSamplerBeanInfoTest {

    @Test
    void beanInfoLoadsWithDisplayNamesDescriptionsGroupsAndDefaultsForEveryProperty() throws Exception {
        // as in stock JMeter: the properties (and JMeter's locale, which BeanInfoSupport reads) are loaded first
        JMeterHome.initialise();
        Introspector.flushFromCaches(TlsProbeSampler.class);
        BeanInfo info = Introspector.getBeanInfo(TlsProbeSampler.class);

        assertThat(info.getBeanDescriptor().getDisplayName()).isEqualTo("secperf TLS Probe");
        Map<String, PropertyDescriptor> byName = Arrays.stream(info.getPropertyDescriptors())
                .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
        assertThat(byName).containsKeys(TlsProbeSamplerBeanInfo.PROPERTIES);
        for (String name : TlsProbeSamplerBeanInfo.PROPERTIES) {
            PropertyDescriptor p = byName.get(name);
            assertThat(p.getDisplayName()).as(name + ".displayName").isNotEqualTo(name).isNotBlank();
            assertThat(p.getShortDescription()).as(name + ".shortDescription").isNotEqualTo(name).isNotBlank();
            assertThat(p.getValue(GenericTestBeanCustomizer.GROUP)).as(name + " group").isNotNull();
            assertThat(p.getValue(BeanInfoSupport.NOT_UNDEFINED)).as(name).isEqualTo(Boolean.TRUE);
            assertThat(p.getValue(BeanInfoSupport.DEFAULT)).as(name + " default").isNotNull();
            assertThat(p.getPropertyType()).isEqualTo(String.class);
            assertThat(p.getReadMethod()).isNotNull();
            assertThat(p.getWriteMethod()).isNotNull();
        }
        assertThat((String[]) byName.get("profile").getValue(BeanInfoSupport.TAGS))
                .containsExactly("modern", "intermediate", "old");
        assertThat((String[]) byName.get("failureSeverity").getValue(BeanInfoSupport.TAGS)).contains("CRITICAL", "HIGH");
        assertThat(TestBean.class).isAssignableFrom(TlsProbeSampler.class);
        assertThat(Sampler.class).isAssignableFrom(TlsProbeSampler.class);
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
