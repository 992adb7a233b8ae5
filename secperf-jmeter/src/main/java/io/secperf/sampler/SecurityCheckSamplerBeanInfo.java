package io.secperf.sampler;

import java.beans.PropertyDescriptor;
import java.util.Arrays;

import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.gui.FileEditor;

import io.secperf.result.Severity;

/**
 * The GUI description of the properties every {@link SecurityCheckSampler} has (security file, target override,
 * failure severity); each sampler's BeanInfo adds its own. Texts come from the sampler's Resources.properties.
 */
abstract class SecurityCheckSamplerBeanInfo extends OwnPropertiesBeanInfo {

    SecurityCheckSamplerBeanInfo(Class<? extends TestBean> beanClass) {
        super(beanClass);
        createPropertyGroup("target", new String[] {"securityFile", "targetUrl"});

        PropertyDescriptor p = property("securityFile");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "security.yaml");
        p.setPropertyEditorClass(FileEditor.class);

        p = property("targetUrl");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");
    }

    /** The failure severity dropdown with the sampler's default. */
    void failureSeverity(String defaultSeverity) {
        PropertyDescriptor p = property("failureSeverity");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, defaultSeverity);
        p.setValue(NOT_OTHER, Boolean.TRUE);
        p.setValue(TAGS, Arrays.stream(Severity.values()).map(Enum::name).toArray(String[]::new));
    }
}
