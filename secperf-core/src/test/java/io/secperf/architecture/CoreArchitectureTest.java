package io.secperf.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.secperf.result.SampleSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of the core module: the Jenkins controller loads it, so it must stay free of JMeter and Jenkins, and a
 * library must never end the JVM.
 */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.secperf");
    }

    @Test
    void coreClassesAreFound() {
        assertThat(core.contain(SampleSink.class)).isTrue();
        assertThat(core.size()).isGreaterThan(10);
    }

    @Test
    void coreDependsNeitherOnJMeterNorOnJenkins() {
        noClasses().that().resideInAPackage("io.secperf..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.jmeter..", "org.apache.jorphan..",
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..")
                .check(core);
    }

    @Test
    void coreNeverExitsTheJvm() {
        noClasses().should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("only the CLI main decides the exit code")
                .check(core);
    }

    @Test
    void coreStartsNoProcesses() {
        noClasses().should().callMethod(Runtime.class, "exec", String.class)
                .orShould().callConstructor(ProcessBuilder.class, String[].class)
                .orShould().callConstructor(ProcessBuilder.class, java.util.List.class)
                .check(core);
    }

    @Test
    void resultValueTypesAreImmutableRecords() {
        classes().that().resideInAPackage("io.secperf.result").and().arePublic()
                .and().haveSimpleNameNotEndingWith("Aggregator")
                .and().haveSimpleNameNotEndingWith("Documents")
                .and().haveSimpleNameNotEndingWith("Exception")
                .and().haveSimpleNameNotEndingWith("Files")
                .and().areNotEnums().and().areNotInterfaces()
                .should().beAssignableTo(Record.class)
                .andShould().haveOnlyFinalFields()
                .check(core);
    }
}
