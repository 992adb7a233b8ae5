package io.secperf.security;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth, fuzz and attack checks share only the plumbing in io.secperf.security, know nothing of JMeter, Jenkins
 * or the command line, and keep the one permissive trust manager in {@link InsecureTrust}, used by the target
 * client alone.
 */
class CheckPackagesArchitectureTest {

    private static final String[] CHECKS = {"io.secperf.auth..", "io.secperf.fuzz..", "io.secperf.attack..",
        "io.secperf.security.."};
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.secperf.auth", "io.secperf.fuzz", "io.secperf.attack", "io.secperf.security");
    }

    @Test
    void classesAreFound() {
        assertThat(production.contain(InsecureTrust.class)).isTrue();
        assertThat(production.contain("io.secperf.auth.AuthCheck")).isTrue();
        assertThat(production.contain("io.secperf.fuzz.Fuzzer")).isTrue();
        assertThat(production.contain("io.secperf.attack.AttackTraffic")).isTrue();
    }

    @Test
    void sharedPlumbingDoesNotDependOnTheChecks() {
        noClasses().that().resideInAPackage("io.secperf.security..")
                .should().dependOnClassesThat().resideInAnyPackage("io.secperf.auth..", "io.secperf.fuzz..",
                        "io.secperf.attack..", "io.secperf.tls..")
                .check(production);
    }

    @Test
    void checksAreIndependentOfEachOther() {
        noClasses().that().resideInAPackage("io.secperf.auth..").should().dependOnClassesThat()
                .resideInAnyPackage("io.secperf.fuzz..", "io.secperf.attack..", "io.secperf.tls..").check(production);
        noClasses().that().resideInAPackage("io.secperf.fuzz..").should().dependOnClassesThat()
                .resideInAnyPackage("io.secperf.auth..", "io.secperf.attack..", "io.secperf.tls..").check(production);
        noClasses().that().resideInAPackage("io.secperf.attack..").should().dependOnClassesThat()
                .resideInAnyPackage("io.secperf.auth..", "io.secperf.fuzz..", "io.secperf.tls..").check(production);
    }

    @Test
    void checksKnowNothingOfJMeterJenkinsOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(CHECKS)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.jmeter..", "org.apache.jorphan..",
                        "hudson..", "jenkins..", "io.secperf.cli..", "io.secperf.run..", "picocli..")
                .check(production);
    }

    @Test
    void theOnlyPermissiveTrustManagerIsInsecureTrustsAndOnlyTheTargetClientUsesIt() {
        DescribedPredicate<JavaClass> trustManagers = DescribedPredicate.describe("trust managers",
                c -> Stream.concat(c.getAllRawSuperclasses().stream(), c.getAllRawInterfaces().stream())
                        .anyMatch(t -> t.getName().startsWith("javax.net.ssl.") && t.getName().endsWith("TrustManager")));
        classes().that(trustManagers).and().resideInAnyPackage(CHECKS)
                .should().haveNameMatching("io\\.secperf\\.security\\.InsecureTrust\\$.*")
                .andShould().notBePublic()
                .check(production);
        noClasses().that().doNotHaveFullyQualifiedName(TargetClient.class.getName())
                .and().doNotHaveFullyQualifiedName(InsecureTrust.class.getName())
                .should().callMethod(InsecureTrust.class, "newContext")
                .check(production);
    }

    @Test
    void noProcessWideChanges() {
        noClasses().that().resideInAnyPackage(CHECKS)
                .should().callMethod(javax.net.ssl.SSLContext.class, "setDefault", javax.net.ssl.SSLContext.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultSSLSocketFactory",
                        javax.net.ssl.SSLSocketFactory.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultHostnameVerifier",
                        javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(java.security.Security.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "exit", int.class)
                .check(production);
    }
}
