package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.gui.GenericTestBeanCustomizer;

import io.secperf.run.JMeterHome;

/** The checks every secperf sampler's BeanInfo must pass, as stock JMeter's GUI sees it. */
final class BeanInfoChecks {

    private BeanInfoChecks() {
    }

    /**
     * Loads the BeanInfo as stock JMeter does and checks the GUI name and that every listed property has a display
     * name, description, group and default from the Resources.properties, and is a String with getter and setter.
     *
     * @return the descriptors by property name, for sampler-specific checks
     */
    static Map<String, PropertyDescriptor> check(Class<?> sampler, String displayName, String... properties)
            throws IntrospectionException {
        // as in stock JMeter: the properties (and JMeter's locale, which BeanInfoSupport reads) are loaded first
        JMeterHome.initialise();
        Introspector.flushFromCaches(sampler);
        BeanInfo info = Introspector.getBeanInfo(sampler);

        assertThat(info.getBeanDescriptor().getDisplayName()).isEqualTo(displayName);
        Map<String, PropertyDescriptor> byName = Arrays.stream(info.getPropertyDescriptors())
                .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
        assertThat(byName).containsKeys(properties);
        for (String name : properties) {
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
        assertThat((String[]) byName.get("failureSeverity").getValue(BeanInfoSupport.TAGS))
                .contains("CRITICAL", "HIGH");
        assertThat(TestBean.class).isAssignableFrom(sampler);
        assertThat(Sampler.class).isAssignableFrom(sampler);
        assertThat(FindingsSampler.class).as("reports like every secperf sampler").isAssignableFrom(sampler);
        return byName;
    }

    /**
     * {@link #check} for a sampler of a {@code security.yaml} check, which must also be {@link Interruptible}: JMeter's
     * stop ends a long fuzz or attack sample.
     */
    static Map<String, PropertyDescriptor> checkSecuritySampler(Class<?> sampler, String displayName,
                                                                String... properties) throws IntrospectionException {
        Map<String, PropertyDescriptor> byName = check(sampler, displayName, properties);
        assertThat(Interruptible.class).isAssignableFrom(sampler);
        return byName;
    }
}
