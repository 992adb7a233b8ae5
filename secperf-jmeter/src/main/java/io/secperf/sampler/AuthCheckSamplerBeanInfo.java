package io.secperf.sampler;

/** The GUI description of {@link AuthCheckSampler} for stock JMeter (texts in AuthCheckSamplerResources.properties). */
public class AuthCheckSamplerBeanInfo extends SecurityCheckSamplerBeanInfo {

    /** Every property the sampler has, in GUI order. */
    static final String[] PROPERTIES = {"securityFile", "targetUrl", "failureSeverity"};

    public AuthCheckSamplerBeanInfo() {
        super(AuthCheckSampler.class);
        createPropertyGroup("checks", new String[] {"failureSeverity"});
        failureSeverity(AuthCheckSampler.DEFAULT_FAILURE_SEVERITY);
    }
}
