package io.secperf.sampler;

import java.beans.PropertyDescriptor;

/** The GUI description of {@link AttackSampler} for stock JMeter (texts in AttackSamplerResources.properties). */
public class AttackSamplerBeanInfo extends SecurityCheckSamplerBeanInfo {

    /** Every property the sampler has, in GUI order. */
    static final String[] PROPERTIES = {"securityFile", "targetUrl", "attack", "failureSeverity"};

    public AttackSamplerBeanInfo() {
        super(AttackSampler.class);
        createPropertyGroup("attackGroup", new String[] {"attack"});
        createPropertyGroup("checks", new String[] {"failureSeverity"});

        PropertyDescriptor p = property("attack");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, AttackSampler.DEFAULT_ATTACK);
        p.setValue(TAGS, AttackSampler.Kind.keys());

        failureSeverity(AttackSampler.DEFAULT_FAILURE_SEVERITY);
    }
}
