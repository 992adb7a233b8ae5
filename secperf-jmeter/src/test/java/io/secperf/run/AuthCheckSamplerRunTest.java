package io.secperf.run;

import static io.secperf.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import io.secperf.result.Finding;
import io.secperf.result.Sample;
import io.secperf.result.Severity;
import io.secperf.security.testing.TestApiServer;
import io.secperf.security.testing.TestApiServer.Flaw;
import io.secperf.security.testing.TestConfigs;

/**
 * secperf's auth sampler inside a real JMeter run (plans/auth-preflight.jmx) against secperf-security's flawed and
 * correct HTTPS API servers on loopback; the credentials come from JMeter properties, as {@code -J} would set them.
 */
class AuthCheckSamplerRunTest {

    private static final String USER_PROPERTY = "SECPERF_TEST_USER";
    private static final String PASSWORD_PROPERTY = "SECPERF_TEST_PASSWORD";

    @TempDir
    Path dir;

    private Path securityYaml(TestApiServer server, boolean correct) throws Exception {
        String yaml = TestConfigs.target(server, dir, correct) + """
                credentials:
                  username: property:%s
                  password: property:%s
                """.formatted(USER_PROPERTY, PASSWORD_PROPERTY) + TestConfigs.AUTH;
        Path file = dir.resolve("security.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private RunRequest.Builder request(TestApiServer server, Path yaml, CollectingSink sink, FindingCollector findings) {
        return RunRequest.builder(plan("auth-preflight.jmx"), sink).target(server.uri()).findings(findings)
                .property("securityFile", yaml.toString()).property("csvFile", csv().toString())
                .property(USER_PROPERTY, TestApiServer.USER)
                .property(PASSWORD_PROPERTY, TestApiServer.PASSWORD);
    }

    private Path csv() {
        return dir.resolve("checks.csv");
    }

    /** The auth sample as stock JMeter listeners see it (it is a check, so secperf's sample sink never gets it). */
    private Sample authSample(CollectingSink sink) throws Exception {
        assertThat(sink.countsByLabel()).as("security samples are not performance samples")
                .doesNotContainKey("auth preflight");
        CollectingSink written = CollectingSink.fromJtl(csv());
        assertThat(written.countsByLabel()).containsEntry("auth preflight", 1L);
        return written.samples().stream().filter(s -> s.label().equals("auth preflight")).findFirst().orElseThrow();
    }

    @Test
    void flawedServerGivesACriticalBypassThatReachesTheSinkAndTheSecretAppearsNowhere() throws Exception {
        try (TestApiServer server = TestApiServer.flawed(Flaw.ALG_NONE, Flaw.ITEMS_OPEN, Flaw.STACK_TRACE)) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();
            Path jtl = dir.resolve("results.xml");

            RunOutcome outcome = new JMeterRun(request(server, securityYaml(server, false), sink, findings)
                    .property("jtlFile", jtl.toString()).build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            assertThat(sink.countsByLabel()).containsOnlyKeys("health").containsEntry("health", 1L);
            Sample auth = authSample(sink);
            assertThat(auth.success()).as(auth.responseMessage()).isFalse();
            assertThat(auth.responseCode()).isEqualTo("CRITICAL");
            assertThat(auth.responseMessage()).startsWith("auth: ").contains("at or above CRITICAL", "AUTH-BYPASS");

            assertThat(findings.checks()).containsExactly("auth");
            assertThat(findings.findings()).filteredOn(f -> f.id().equals("AUTH-BYPASS")).isNotEmpty()
                    .extracting(Finding::severity).containsOnly(Severity.CRITICAL);
            assertThat(findings.findings()).extracting(Finding::id).contains("LEAK-STACKTRACE");
            assertThat(Double.parseDouble(findings.measurements().get("auth.bypass"))).isGreaterThanOrEqualTo(1);
            assertThat(findings.measurements()).as("the login with the -J credentials worked")
                    .containsEntry("auth.tokenAvailable", "1");

            // the password given as a JMeter property is in no message, finding or response data
            String everything = auth.responseMessage() + "\n" + findings.findings().stream()
                    .map(f -> f.title() + " " + f.evidence()).collect(Collectors.joining("\n"));
            assertThat(everything).doesNotContain(TestApiServer.PASSWORD);
            // stock JMeter's XML JTL: well-formed, the security sample written as an ordinary sample with its data
            String xml = Files.readString(jtl, StandardCharsets.UTF_8);
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            NodeList written = document.getElementsByTagName("io.secperf.sampler.SecurityFindings");
            assertThat(written.getLength()).as(xml).isEqualTo(1);
            Element sample = (Element) written.item(0);
            assertThat(sample.getAttribute("resolves-to")).isEqualTo("sample");
            assertThat(sample.getAttribute("lb")).isEqualTo("auth preflight");
            assertThat(sample.getAttribute("s")).isEqualTo("false");
            String responseData = sample.getElementsByTagName("responseData").item(0).getTextContent();
            assertThat(responseData).contains("\"check\" : \"auth\"", "AUTH-BYPASS", "\"auth.bypass\"");
            assertThat(responseData + xml).doesNotContain(TestApiServer.PASSWORD);
        }
    }

    @Test
    void correctServerHasNoFindingAtOrAboveHighAndThePreflightPasses() throws Exception {
        try (TestApiServer server = TestApiServer.correct()) {
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();

            RunOutcome outcome = new JMeterRun(request(server, securityYaml(server, true), sink, findings)
                    .property("failAt", "HIGH").build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            Sample auth = authSample(sink);
            assertThat(auth.success()).as(auth.responseMessage()).isTrue();
            assertThat(findings.checks()).containsExactly("auth");
            assertThat(findings.findings()).filteredOn(f -> f.severity().compareTo(Severity.HIGH) >= 0).isEmpty();
            assertThat(findings.measurements()).containsEntry("auth.bypass", "0")
                    .containsEntry("auth.tokenAvailable", "1");
        }
    }

    @Test
    void aLockedOutUserReachesTheResultAsAnIncompleteCheckWithItsNotes() throws Exception {
        try (io.secperf.security.testing.VulnerableAuthApi api = new io.secperf.security.testing.VulnerableAuthApi()) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < io.secperf.security.testing.VulnerableAuthApi.LOCK_AFTER; i++) {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url() + "locking/login"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"alice\",\"password\":\"wrong\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
            Path yaml = Files.writeString(dir.resolve("locked.yaml"), """
                    target:
                      url: %s
                    credentials:
                      username: property:%s
                      password: property:%s
                    auth:
                      login:
                        path: /locking/login
                        body: {username: "${username}", password: "${password}"}
                      protectedEndpoints: [GET /api/control]
                    """.formatted(api.url(), USER_PROPERTY, PASSWORD_PROPERTY));
            CollectingSink sink = new CollectingSink();
            FindingCollector findings = new FindingCollector();
            RunOutcome outcome = new JMeterRun(RunRequest.builder(plan("auth-preflight.jmx"), sink)
                    .target(java.net.URI.create(api.url())).findings(findings)
                    .property("securityFile", yaml.toString()).property("csvFile", csv().toString())
                    .property(USER_PROPERTY, io.secperf.security.testing.VulnerableAuthApi.USER)
                    .property(PASSWORD_PROPERTY, io.secperf.security.testing.VulnerableAuthApi.PASSWORD).build()).run();

            assertThat(outcome.status()).isEqualTo(RunOutcome.Status.COMPLETE);
            io.secperf.result.SecurityData data = findings.data();
            assertThat(data.incomplete()).containsOnlyKeys("auth");
            assertThat(data.incomplete().get("auth")).contains("no valid token", "423", "account is locked");
            assertThat(data.notes()).extracting(io.secperf.result.SecurityNote::check).contains("auth");
            assertThat(authSample(sink).responseMessage()).contains("(incomplete: no valid token");
        }
    }
}
