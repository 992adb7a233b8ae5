package io.secperf.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/design as rules over all production classes (this module's test classpath sees
 * core, jmeter and cli): they fail the build when a change crosses a boundary.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.secperf");
    }

    @Test
    void rulesSeeEveryModule() {
        assertThat(production.contain("io.secperf.result.ResultAggregator")).isTrue();
        assertThat(production.contain("io.secperf.run.JMeterRun")).isTrue();
        assertThat(production.contain("io.secperf.cli.Secperf")).isTrue();
        assertThat(production.contain("io.secperf.cli.SecperfCommandLineTest")).isFalse();
    }

    @Test
    void engineKnowsNothingOfJenkins() {
        ArchRule rule = noClasses().that().resideInAPackage("io.secperf..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke.stapler..");
        rule.check(production);
    }

    @Test
    void coreKnowsNothingOfJMeterOrTheCommandLine() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.secperf.result..", "io.secperf.jtl..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.jmeter..", "io.secperf.run..",
                        "io.secperf.cli..", "picocli..");
        rule.check(production);
    }

    @Test
    void runnerDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("io.secperf.run..")
                .should().dependOnClassesThat().resideInAnyPackage("io.secperf.cli..", "picocli..")
                .check(production);
    }

    /** The augmenter builds secperf's samplers by class name, so it compiles and runs without any one of them. */
    @Test
    void augmenterKnowsNeitherTheCommandLineNorTheSamplerClasses() {
        noClasses().that().resideInAPackage("io.secperf.augment..")
                .should().dependOnClassesThat().resideInAnyPackage("io.secperf.cli..", "picocli..",
                        "io.secperf.sampler..")
                .check(production);
    }

    @Test
    void onlyTheCommandLineMainExitsTheProcess() {
        noClasses().that().doNotHaveFullyQualifiedName("io.secperf.cli.Secperf")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(production);
    }

    @Test
    void nothingStartsProcessesWithRuntimeExec() {
        DescribedPredicate<JavaClass> runtime = DescribedPredicate.describe("Runtime",
                type -> type.isEquivalentTo(Runtime.class));
        noClasses().should().callMethodWhere(target(owner(runtime)).and(target(name("exec"))))
                .check(production);
    }

    @Test
    void noProcessWideTlsChanges() {
        noClasses().should().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultSSLSocketFactory",
                        javax.net.ssl.SSLSocketFactory.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultHostnameVerifier",
                        javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(javax.net.ssl.SSLContext.class, "setDefault", javax.net.ssl.SSLContext.class)
                .orShould().callMethod(java.security.Security.class, "setProperty", String.class, String.class)
                .check(production);
    }
}
