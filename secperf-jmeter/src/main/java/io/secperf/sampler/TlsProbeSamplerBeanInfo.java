package io.secperf.sampler;

import java.beans.PropertyDescriptor;
import java.util.Arrays;

import org.apache.jmeter.testbeans.gui.FileEditor;

import io.secperf.result.Severity;

/** The GUI description of {@link TlsProbeSampler} for stock JMeter (texts in TlsProbeSamplerResources.properties). */
public class TlsProbeSamplerBeanInfo extends OwnPropertiesBeanInfo {

    /** Every property the sampler has, in GUI order. */
    static final String[] PROPERTIES = {"host", "port", "serverName", "profile", "caFile", "timeoutMs",
        "failureSeverity"};

    public TlsProbeSamplerBeanInfo() {
        super(TlsProbeSampler.class);
        createPropertyGroup("target", new String[] {"host", "port", "serverName"});
        createPropertyGroup("checks", new String[] {"profile", "caFile", "failureSeverity"});
        createPropertyGroup("limits", new String[] {"timeoutMs"});

        PropertyDescriptor p = property("host");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");

        p = property("port");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, TlsProbeSampler.DEFAULT_PORT);
        p.setPropertyEditorClass(WholeNumberEditor.class);

        p = property("serverName");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");

        p = property("profile");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, TlsProbeSampler.DEFAULT_PROFILE);
        p.setValue(NOT_OTHER, Boolean.TRUE);
        p.setValue(TAGS, new String[] {"modern", "intermediate", "old"});

        p = property("caFile");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");
        p.setPropertyEditorClass(FileEditor.class);

        p = property("failureSeverity");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, TlsProbeSampler.DEFAULT_FAILURE_SEVERITY);
        p.setValue(NOT_OTHER, Boolean.TRUE);
        p.setValue(TAGS, Arrays.stream(Severity.values()).map(Enum::name).toArray(String[]::new));

        p = property("timeoutMs");
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, TlsProbeSampler.DEFAULT_TIMEOUT_MS);
        p.setPropertyEditorClass(WholeNumberEditor.class);
    }
}
