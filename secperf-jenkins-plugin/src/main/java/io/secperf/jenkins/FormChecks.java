package io.secperf.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.secperf.ci.Check;
import io.secperf.ci.FailOn;
import io.secperf.ci.Preflight;
import io.secperf.ci.TestStepParameters;
import jenkins.model.Jenkins;

/**
 * Shared by the descriptors' {@code doCheck}/{@code doFill} methods (each annotated {@code @POST}): the permission
 * check every form endpoint needs, and the translation of secperf-ci's {@link Check} into a FormValidation.
 */
final class FormChecks {

    private FormChecks() {
    }

    /**
     * True when the current user may configure the item (or, outside an item, administer Jenkins). Form endpoints
     * answer nothing useful to anybody else.
     */
    static boolean mayConfigure(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.CONFIGURE);
    }

    static FormValidation check(Item item, Check check) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return switch (check.level()) {
            case OK -> FormValidation.ok();
            case WARNING -> FormValidation.warning(check.message());
            case ERROR -> FormValidation.error(check.message());
        };
    }

    static ListBoxModel credentials(Item item, String currentValue) {
        String current = currentValue == null ? "" : currentValue;
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayConfigure(item)) {
            model.includeCurrentValue(current);
            return model;
        }
        model.includeEmptyValue();
        model.include(item, StandardCredentials.class);
        model.includeCurrentValue(current);
        return model;
    }

    static ListBoxModel failOn(Item item) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            for (FailOn f : FailOn.values()) {
                model.add(f.name());
            }
        }
        return model;
    }

    static ListBoxModel preflight(Item item) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            model.add("(runner default)", "");
            for (Preflight p : Preflight.values()) {
                model.add(p.cliValue());
            }
        }
        return model;
    }

    static ListBoxModel templates(Item item) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            model.add("(none: use plan)", "");
            for (String t : TestStepParameters.TEMPLATES) {
                model.add(t);
            }
        }
        return model;
    }
}
