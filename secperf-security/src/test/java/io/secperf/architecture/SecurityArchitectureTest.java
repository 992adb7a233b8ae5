package io.secperf.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security checks run inside JMeter loads and Jenkins agents: they must never change TLS settings for the
 * whole JVM, and a permissive trust manager may exist only in the TLS probe, per connection.
 */
class SecurityArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.secperf");
    }

    @Test
    void probeClassesAreImported() {
        assertThat(production.contain("io.secperf.tls.TlsProbe")).isTrue();
    }

    @Test
    void noProcessWideTlsChanges() {
        noClasses().should().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultSSLSocketFactory",
                        javax.net.ssl.SSLSocketFactory.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultHostnameVerifier",
                        javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(javax.net.ssl.SSLContext.class, "setDefault", javax.net.ssl.SSLContext.class)
                .orShould().callMethod(java.security.Security.class, "setProperty", String.class, String.class)
                .orShould().callMethod(java.security.Security.class, "addProvider", java.security.Provider.class)
                .orShould().callMethod(java.security.Security.class, "insertProviderAt",
                        java.security.Provider.class, int.class)
                .orShould().callMethod(System.class, "setProperty", String.class, String.class)
                .check(production);
    }

    @Test
    void trustManagersLiveOnlyInTheTlsProbeAndTheTargetClient() {
        // io.secperf.security: InsecureTrust, the per-client trust for a security.yaml target with insecure: true
        // by name, so the rule still sees the hierarchy when ArchUnit cannot read a newer JDK's class files
        DescribedPredicate<JavaClass> trustManagers = DescribedPredicate.describe("trust managers",
                c -> Stream.concat(c.getAllRawSuperclasses().stream(), c.getAllRawInterfaces().stream())
                        .anyMatch(t -> t.getName().startsWith("javax.net.ssl.")
                                && t.getName().endsWith("TrustManager")));
        classes().that(trustManagers)
                .should().resideInAnyPackage("io.secperf.tls", "io.secperf.security")
                .andShould().notBePublic()
                .check(production);
    }

    @Test
    void securityChecksKnowNothingOfJMeterOrJenkins() {
        noClasses().that().resideInAPackage("io.secperf.tls..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.jmeter..", "hudson..", "jenkins..",
                        "io.secperf.cli..", "io.secperf.run..")
                .check(production);
    }
}
