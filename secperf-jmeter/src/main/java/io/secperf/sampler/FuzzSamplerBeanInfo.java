package io.secperf.sampler;

import java.beans.PropertyDescriptor;

import org.apache.jmeter.testbeans.gui.TextAreaEditor;

/** The GUI description of {@link FuzzSampler} for stock JMeter (texts in FuzzSamplerResources.properties). */
public class FuzzSamplerBeanInfo extends SecurityCheckSamplerBeanInfo {

    /** Every property the sampler has, in GUI order. */
    static final String[] PROPERTIES = {"securityFile", "targetUrl", "iterationsPerSample", "raw", "endpoints",
        "failureSeverity"};

    public FuzzSamplerBeanInfo() {
        super(FuzzSampler.class);
        createPropertyGroup("fuzzing", new String[] {"iterationsPerSample", "raw", "endpoints"});
        createPropertyGroup("checks", new String[] {"failureSeverity"});

        PropertyDescriptor p = property("iterationsPerSample");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, FuzzSampler.DEFAULT_ITERATIONS);
        p.setPropertyEditorClass(WholeNumberEditor.class);

        p = property("raw");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, FuzzSampler.DEFAULT_RAW);
        p.setPropertyEditorClass(CheckboxEditor.class);

        p = property("endpoints");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");
        p.setPropertyEditorClass(TextAreaEditor.class);

        failureSeverity(FuzzSampler.DEFAULT_FAILURE_SEVERITY);
    }
}
