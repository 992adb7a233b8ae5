package io.secperf.sampler;

import java.beans.IntrospectionException;
import java.beans.PropertyDescriptor;
import java.util.Collections;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.TestBean;

/**
 * A {@link BeanInfoSupport} whose property descriptors belong to this sampler alone.
 *
 * <p>Why: the JDK's introspector hands a subclass the <em>same</em> {@link PropertyDescriptor} objects it cached for
 * the superclass. Our samplers inherit {@code failureSeverity} (and the security file, target URL) from shared base
 * classes, so a BeanInfo that sets its default on that descriptor set it for every sampler, and the BeanInfo loaded
 * last decided everyone's default (the GUI then offered, and saved, the Fuzzer's MEDIUM for a TLS probe). Each
 * BeanInfo therefore works on copies made once, before any attribute is set.
 */
abstract class OwnPropertiesBeanInfo extends BeanInfoSupport {

    /** Copies of the introspected descriptors; filled on first use (the super constructor already asks for them). */
    private PropertyDescriptor[] own;

    OwnPropertiesBeanInfo(Class<? extends TestBean> beanClass) {
        super(beanClass);
    }

    @Override
    public PropertyDescriptor[] getPropertyDescriptors() {
        if (own == null) {
            PropertyDescriptor[] shared = super.getPropertyDescriptors();
            PropertyDescriptor[] copies = new PropertyDescriptor[shared.length];
            for (int i = 0; i < shared.length; i++) {
                copies[i] = copy(shared[i]);
            }
            own = copies;
        }
        return own;
    }

    private static PropertyDescriptor copy(PropertyDescriptor shared) {
        try {
            PropertyDescriptor copy = new PropertyDescriptor(shared.getName(), shared.getReadMethod(),
                    shared.getWriteMethod());
            copy.setDisplayName(shared.getDisplayName());
            copy.setShortDescription(shared.getShortDescription());
            copy.setExpert(shared.isExpert());
            copy.setHidden(shared.isHidden());
            copy.setPreferred(shared.isPreferred());
            copy.setBound(shared.isBound());
            copy.setConstrained(shared.isConstrained());
            copy.setPropertyEditorClass(shared.getPropertyEditorClass());
            for (String name : Collections.list(shared.attributeNames())) {
                copy.setValue(name, shared.getValue(name));
            }
            return copy;
        } catch (IntrospectionException e) {
            // the read and write methods came from the introspector itself: a programming error if they don't fit
            throw new IllegalStateException("cannot copy the descriptor of property " + shared.getName(), e);
        }
    }
}
