package io.secperf.run;

import java.util.List;
import java.util.Map;

/**
 * Which JMeter module or plugin family provides an element class, so an unknown element in a plan can be reported as
 * "this needs ApacheJMeter_jdbc, which secperf does not bundle" instead of XStream's stack of debugging information.
 */
final class ElementModules {

    /** Modules on secperf's classpath. */
    static final List<String> BUNDLED = List.of("ApacheJMeter_core", "ApacheJMeter_http", "ApacheJMeter_components",
            "ApacheJMeter_functions", "ApacheJMeter_java", "ApacheJMeter_config");

    /** Exact classes that live in a package owned by another module. */
    private static final Map<String, String> CLASSES = Map.of(
            "org.apache.jmeter.protocol.java.sampler.JUnitSampler", "ApacheJMeter_junit");

    /** Longest matching prefix wins; order is irrelevant. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("org.apache.jmeter.protocol.jdbc.", "ApacheJMeter_jdbc"),
            Map.entry("org.apache.jmeter.protocol.jms.", "ApacheJMeter_jms"),
            Map.entry("org.apache.jmeter.protocol.ftp.", "ApacheJMeter_ftp"),
            Map.entry("org.apache.jmeter.protocol.ldap.", "ApacheJMeter_ldap"),
            Map.entry("org.apache.jmeter.protocol.mail.", "ApacheJMeter_mail"),
            Map.entry("org.apache.jmeter.protocol.smtp.", "ApacheJMeter_mail"),
            Map.entry("org.apache.jmeter.protocol.tcp.", "ApacheJMeter_tcp"),
            Map.entry("org.apache.jmeter.protocol.mongodb.", "ApacheJMeter_mongodb"),
            Map.entry("org.apache.jmeter.protocol.system.", "ApacheJMeter_native"),
            Map.entry("org.apache.jmeter.protocol.junit.", "ApacheJMeter_junit"),
            Map.entry("org.apache.jmeter.protocol.bolt.", "ApacheJMeter_bolt"),
            Map.entry("org.apache.jmeter.protocol.http.", "ApacheJMeter_http"),
            Map.entry("org.apache.jmeter.protocol.java.", "ApacheJMeter_java"),
            Map.entry("org.apache.jmeter.functions.", "ApacheJMeter_functions"),
            Map.entry("org.apache.jmeter.", "ApacheJMeter_core"),
            Map.entry("kg.apc.", "JMeter Plugins (jmeter-plugins.org)"),
            Map.entry("com.blazemeter.", "BlazeMeter's JMeter plugins (jmeter-plugins.org)"),
            Map.entry("us.abstracta.jmeter.", "Abstracta's JMeter plugins"));

    private ElementModules() {
    }

    /** A short phrase naming the provider of {@code className} and whether secperf bundles it. */
    static String describeProvider(String className) {
        String module = CLASSES.get(className);
        if (module == null) {
            String best = null;
            for (String prefix : PACKAGES.keySet()) {
                if (className.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            module = best == null ? null : PACKAGES.get(best);
        }
        if (module == null) {
            return className.contains(".")
                    ? "provided by a third-party plugin jar that secperf does not bundle"
                    : "not an element JMeter " + JMeterHome.JMETER_VERSION + " knows; misspelt, or from another version?";
        }
        if (BUNDLED.contains(module)) {
            return "expected in " + module + ", which secperf bundles; the plan may need another JMeter version than "
                    + JMeterHome.JMETER_VERSION;
        }
        return "provided by " + module + ", which secperf does not bundle";
    }
}
