package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a plan can be unusable, through JMeter's real SaveService, ends in one clear line and a kind. */
class PlanLoaderTest {

    @Test
    void loadsARunnableTreeRootedAtTheTestPlan() throws Exception {
        HashTree tree = PlanLoader.load(plan("two-labels.jmx"));

        assertThat(tree.getArray()[0]).isInstanceOf(TestPlan.class);
        assertThat(count(tree, ThreadGroup.class)).isEqualTo(1);
        assertThat(count(tree, HTTPSamplerProxy.class)).isEqualTo(2);
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jmx");

        PlanException e = failure(missing);

        assertThat(e.kind()).isEqualTo(PlanException.Kind.MISSING_FILE);
        assertThat(e.getMessage()).isEqualTo("plan file not found: " + missing);
    }

    @Test
    void directoryInsteadOfFile(@TempDir Path dir) {
        PlanException e = failure(dir);

        assertThat(e.kind()).isEqualTo(PlanException.Kind.UNREADABLE);
        assertThat(e.getMessage()).contains("is a directory");
    }

    @Test
    void truncatedXmlNamesLineAndColumn() {
        PlanException e = failure(plan("bad/malformed.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.MALFORMED_XML);
        assertThat(e.getMessage()).contains("is not well-formed XML at line 23, column 9").contains("ends early");
        assertOneLine(e);
    }

    @Test
    void csvInsteadOfXmlNamesLineAndColumn() {
        PlanException e = failure(plan("bad/not-xml.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.MALFORMED_XML);
        assertThat(e.getMessage()).contains("at line 1, column 2");
        assertOneLine(e);
    }

    @Test
    void jtlResultsFileIsNotAPlan() {
        PlanException e = failure(plan("bad/not-a-plan.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.NOT_A_PLAN);
        assertThat(e.getMessage()).endsWith("is not a JMeter test plan (it is a JTL results file)");
    }

    @Test
    void pluginElementNamesClassAndProvider() {
        PlanException e = failure(plan("bad/plugin-element.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.UNKNOWN_ELEMENT);
        assertThat(e.getMessage())
                .contains("unknown element class kg.apc.jmeter.threads.UltimateThreadGroup at line 11")
                .endsWith("provided by JMeter Plugins (jmeter-plugins.org), which secperf does not bundle");
        assertOneLine(e);
    }

    @Test
    void jdbcSamplerNamesTheMissingJMeterModule() {
        PlanException e = failure(plan("bad/jdbc-sampler.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.UNKNOWN_ELEMENT);
        assertThat(e.getMessage())
                .contains("org.apache.jmeter.protocol.jdbc.sampler.JDBCSampler")
                .endsWith("provided by ApacheJMeter_jdbc, which secperf does not bundle");
        assertOneLine(e);
    }

    @Test
    void threadGroupWithoutSampler() {
        PlanException e = failure(plan("bad/no-sampler.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.NO_SAMPLER);
        assertThat(e.getMessage()).contains("has no enabled sampler in any thread group");
    }

    @Test
    void samplerWithoutThreadGroup() {
        PlanException e = failure(plan("bad/no-thread-group.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.NO_THREAD_GROUP);
        assertThat(e.getMessage()).contains("has no enabled thread group");
    }

    @Test
    void disabledThreadGroupDoesNotCount() {
        PlanException e = failure(plan("bad/disabled-thread-group.jmx"));

        assertThat(e.kind()).isEqualTo(PlanException.Kind.NO_THREAD_GROUP);
    }

    @Test
    void providerHintsForOtherModules() {
        assertThat(ElementModules.describeProvider("org.apache.jmeter.protocol.java.sampler.JUnitSampler"))
                .isEqualTo("provided by ApacheJMeter_junit, which secperf does not bundle");
        assertThat(ElementModules.describeProvider("org.apache.jmeter.protocol.mongodb.sampler.MongoScriptSampler"))
                .contains("ApacheJMeter_mongodb");
        assertThat(ElementModules.describeProvider("org.apache.jmeter.threads.FancyNewThreadGroup"))
                .startsWith("expected in ApacheJMeter_core, which secperf bundles");
        assertThat(ElementModules.describeProvider("com.example.MySampler"))
                .contains("third-party plugin jar");
        assertThat(ElementModules.describeProvider("HTTPSamplerPoxy")).contains("misspelt");
    }

    private static PlanException failure(Path plan) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.load(plan));
        assertThat(e).as("loading %s should fail", plan).isNotNull();
        return e;
    }

    private static void assertOneLine(PlanException e) {
        assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400);
    }

    private static int count(HashTree tree, Class<?> type) {
        SearchByClass<?> search = new SearchByClass<>(type);
        tree.traverse(search);
        return search.getSearchResults().size();
    }
}
