package io.secperf.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Result;
import io.secperf.ci.ResultSummary;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.FailureBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * JenkinsRule tests. They need the Jenkins repository (JenkinsRule, core, workflow plugins), so they run only with
 * {@code mvn -Pjenkins verify}. Everything they check that is not Jenkins-specific is covered in secperf-ci, which
 * runs in the default build.
 */
public class SecPerfPluginITest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private HttpServer target;

    @Before
    public void startLoopbackTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        target.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
    }

    @After
    public void stopTarget() {
        target.stop(0);
    }

    private String targetUrl() {
        return "http://127.0.0.1:" + target.getAddress().getPort();
    }

    @Test
    public void pipelineRunsSecPerfTestAgainstALoopbackTarget() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "perf");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  def r = secPerfTest(template: 'rest-api-baseline', target: '" + targetUrl() + "',\n"
                + "                      properties: [threads: '2', rampUp: '1'], duration: 5)\n"
                + "  echo \"verdict=${r.verdict} samples=${r.samples} path=${r.resultPath}\"\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("[secperf] $", b);
        j.assertLogContains("progress", b);
        j.assertLogContains("path=secperf-out/secperf-result.json", b);
        SecPerfBuildAction action = b.getAction(SecPerfBuildAction.class);
        assertNotNull(action);
        assertThat(action.getSummary().samples(), greaterThan(0L));
        assertTrue(action.getResultFile().isFile());
        // the report directory is served (CSP on) and the build page shows the summary box
        JenkinsRule.WebClient wc = j.createWebClient();
        assertThat(wc.getPage(b).asNormalizedText(), containsString("secperf:"));
        Page result = wc.goTo(b.getUrl() + action.getUrlName() + "/report/secperf-result.json", "application/json");
        assertThat(result.getWebResponse().getResponseHeaderValue("Content-Security-Policy"), notNullValue());
    }

    @Test
    public void anUnreachableTargetFailsTheStepWithTheRunnersMessage() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "down");
        p.setDefinition(new CpsFlowDefinition("node { secPerfTest(template: 'rest-api-baseline', "
                + "target: 'http://127.0.0.1:9', duration: 2, failOn: 'NEVER') }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("secperf: error:", b);
        j.assertLogContains("infrastructure error", b);
    }

    @Test
    public void secretLookingPropertiesAreRefusedBeforeAnythingRuns() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "secret");
        p.setDefinition(new CpsFlowDefinition("node { secPerfTest(template: 'login-flow', target: '" + targetUrl()
                + "', properties: [apiToken: 'hunter2']) }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("looks like a secret", b);
        j.assertLogNotContains("hunter2", b);
    }

    @Test
    public void secPerfGateBlocksOnAFailedRecordedVerdictAndNamesTheGates() throws Exception {
        FreeStyleProject perf = j.createFreeStyleProject("perf-staging");
        FreeStyleBuild recorded = j.buildAndAssertSuccess(perf);
        recorded.addAction(new SecPerfBuildAction(summaryJson("FAILED", false), "secperf", "secPerfTest", "FAILED"));
        recorded.save();

        WorkflowJob deploy = j.createProject(WorkflowJob.class, "deploy");
        deploy.setDefinition(new CpsFlowDefinition(
                "secPerfGate(require: 'passed', build: 'perf-staging')\necho 'deploying'", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, deploy);
        j.assertLogContains("release blocked", b);
        j.assertLogContains("perf-staging #1", b);
        j.assertLogContains("p95 < 800ms (measured 912 ms)", b);
        j.assertLogNotContains("deploying", b);

        FreeStyleBuild passed = j.buildAndAssertSuccess(perf);
        passed.addAction(new SecPerfBuildAction(summaryJson("PASSED", true), "secperf", "secPerfTest", "PASSED"));
        passed.save();
        j.assertLogContains("deploying", j.buildAndAssertSuccess(deploy));
    }

    @Test
    public void gateVerdictMapsToTheBuildResult() throws Exception {
        FreeStyleProject perf = j.createFreeStyleProject("perf-unstable");
        FreeStyleBuild recorded = j.buildAndAssertSuccess(perf);
        recorded.addAction(new SecPerfBuildAction(summaryJson("PASSED", false), "secperf", "secPerfTest", "PASSED"));
        recorded.save();
        WorkflowJob deploy = j.createProject(WorkflowJob.class, "guard-both");
        deploy.setDefinition(new CpsFlowDefinition("secPerfGate(require: 'validatedBoth', build: 'perf-unstable#1')",
                true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, deploy);
        j.assertLogContains("did not validate both", b);
    }

    @Test
    public void recorderConfigRoundTrip() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        SecPerfRecorder before = new SecPerfRecorder();
        before.setPlan("perf/checkout.jmx");
        before.setTarget("https://staging.example.com");
        before.setProperties("threads=50\n");
        before.setGates("p95 < 800ms\nerrors < 1%\n");
        before.setFailOn("UNSTABLE");
        before.setOut("results");
        p.getPublishersList().add(before);
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(before, p.getPublishersList().get(SecPerfRecorder.class));
    }

    @Test
    public void trendActionServesPngsFromSeveralBuildsWithCachingHeaders() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("trend");
        for (int i = 0; i < 3; i++) {
            FreeStyleBuild b = j.buildAndAssertSuccess(p);
            b.addAction(new SecPerfBuildAction(summaryJson(i == 1 ? "FAILED" : "PASSED", i != 1), "secperf",
                    "secPerfTest", "x"));
            b.save();
        }
        JenkinsRule.WebClient wc = j.createWebClient();
        Page png = wc.goTo(p.getUrl() + "secperf-trends/trend?chart=latency&width=400&height=200", "image/png");
        assertEquals(200, png.getWebResponse().getStatusCode());
        assertThat(png.getWebResponse().getContentAsStream().readNBytes(4)[1], equalTo((byte) 'P'));
        String etag = png.getWebResponse().getResponseHeaderValue("ETag");
        assertThat(png.getWebResponse().getResponseHeaderValue("Cache-Control"), containsString("max-age"));
        WebRequest again = new WebRequest(new URL(j.getURL(), p.getUrl()
                + "secperf-trends/trend?chart=latency&width=400&height=200"));
        again.setAdditionalHeader("If-None-Match", etag);
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertEquals(304, wc.getPage(again).getWebResponse().getStatusCode());
        assertEquals(404, wc.goTo(p.getUrl() + "secperf-trends/trend?chart=nope", null).getWebResponse()
                .getStatusCode());
    }

    @Test
    public void formEndpointsNeedPostAndConfigurePermission() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        FreeStyleProject p = j.createFreeStyleProject("forms");
        String check = p.getUrl() + "descriptorByName/io.secperf.jenkins.SecPerfRecorder/checkTarget?value=ftp://x";

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        Page adminAnswer = admin.getPage(admin.addCrumb(new WebRequest(new URL(j.getURL(), check), HttpMethod.POST)));
        assertThat(adminAnswer.getWebResponse().getContentAsString(), containsString("http or https"));

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        Page readerAnswer = reader.getPage(reader.addCrumb(new WebRequest(new URL(j.getURL(), check),
                HttpMethod.POST)));
        assertThat(readerAnswer.getWebResponse().getContentAsString().contains("http or https"), equalTo(false));

        // @POST (org.kohsuke.stapler.verb.POST) does not answer a 405 itself: its HttpVerbInterceptor throws
        // CancelRequestHandlingException for other verbs, so the GET finds no route (404, jenkinsci/stapler
        // core/src/main/java/org/kohsuke/stapler/verb/HttpVerbInterceptor.java). What matters: a GET is never served.
        admin.getOptions().setThrowExceptionOnFailingStatusCode(false);
        Page get = admin.getPage(new WebRequest(new URL(j.getURL(), check), HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode(), anyOf(equalTo(404), equalTo(405)));
        assertThat(get.getWebResponse().getContentAsString().contains("http or https"), equalTo(false));
    }

    @Test
    public void theTrendStaysAfterABuildFailedItsGatesAndTheJobHasExactlyOneTrendAction() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("gated");
        assertEquals(0, p.getActions(SecPerfJobAction.class).size());
        FreeStyleBuild passed = j.buildAndAssertSuccess(p);
        passed.addAction(new SecPerfBuildAction(summaryJson("PASSED", true), "secperf", "secPerfTest", "PASSED"));
        passed.save();
        // the next builds fail (their gates blocked the release); only the newest of them recorded a result
        p.getBuildersList().add(new FailureBuilder());
        j.buildAndAssertStatus(Result.FAILURE, p);
        FreeStyleBuild blocked = j.buildAndAssertStatus(Result.FAILURE, p);
        blocked.addAction(new SecPerfBuildAction(summaryJson("FAILED", false), "secperf", "secPerfTest", "FAILED"));
        blocked.addAction(new SecPerfBuildAction(summaryJson("FAILED", false), "secperf-2", "secPerfTest", "FAILED"));
        blocked.save();
        assertEquals(passed, p.getLastSuccessfulBuild());
        assertEquals(1, p.getActions(SecPerfJobAction.class).size());
        JenkinsRule.WebClient wc = j.createWebClient();
        Page png = wc.goTo(p.getUrl() + "secperf-trends/trend?chart=gates", "image/png");
        assertEquals(200, png.getWebResponse().getStatusCode());
    }

    @Test
    public void parallelBranchesEachRecordTheirOwnResultAndTheBuildPageShowsBoth() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "parallel");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  parallel(\n"
                + "    checkout: { secPerfTest(template: 'rest-api-baseline', target: '" + targetUrl() + "', "
                + "properties: [threads: '1'], duration: 3, out: 'out-checkout') },\n"
                + "    search: { secPerfTest(template: 'rest-api-baseline', target: '" + targetUrl() + "', "
                + "properties: [threads: '1'], duration: 3, out: 'out-search') })\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        List<SecPerfBuildAction> actions = b.getActions(SecPerfBuildAction.class);
        assertEquals(2, actions.size());
        Set<String> dirs = actions.stream().map(SecPerfBuildAction::getUrlName).collect(Collectors.toSet());
        assertEquals(Set.of("secperf", "secperf-2"), dirs);
        Set<String> branches = actions.stream().map(SecPerfBuildAction::getBranch).collect(Collectors.toSet());
        assertEquals(Set.of("checkout", "search"), branches);
        for (SecPerfBuildAction a : actions) {
            assertTrue(a.getResultFile().isFile());
        }
        String page = j.createWebClient().getPage(b).asNormalizedText();
        assertThat(page, containsString("secperf (checkout)"));
        assertThat(page, containsString("secperf (search)"));
    }

    @Test
    public void anAbortRecordsThePartialResultBeforeTheBuildEnds() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "abort");
        p.setDefinition(new CpsFlowDefinition("node { secPerfTest(template: 'rest-api-baseline', target: '"
                + targetUrl() + "', properties: [threads: '1'], duration: 120) }", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("progress", b);
        b.doStop();
        j.waitForCompletion(b);
        j.assertBuildStatus(Result.ABORTED, b);
        j.assertLogContains("recording partial results", b);
        SecPerfBuildAction partial = b.getAction(SecPerfBuildAction.class);
        assertNotNull(partial);
        assertThat(partial.getSummary().runState(), equalTo("PARTIAL"));
    }

    @Test
    public void theRunnerSeesTheStepEnvironmentAndSecretLookingValuesAreMasked() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "env");
        // the auth check reads its token from the runner's environment (env:PERF_API_TOKEN): without the step's
        // EnvVars it would stop with "environment variable PERF_API_TOKEN is not set"
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  withEnv(['PERF_API_TOKEN=tok-4711-secret']) {\n"
                + "    secPerfTest(template: 'rest-api-baseline', target: '" + targetUrl() + "', "
                + "properties: [threads: '1'], duration: 2, preflight: 'warn', failOn: 'NEVER',\n"
                + "      security: [credentials: [apiToken: 'env:PERF_API_TOKEN'],\n"
                + "                 auth: [token: 'apiToken', sendAs: 'bearer', protectedEndpoints: ['GET /']]])\n"
                + "  }\n"
                + "}", true));
        WorkflowRun b = j.waitForCompletion(p.scheduleBuild2(0).waitForStart());
        j.assertLogContains("[secperf] $", b);
        j.assertLogNotContains("PERF_API_TOKEN is not set", b);
        j.assertLogNotContains("tok-4711-secret", b);
    }

    @Test
    public void groovyMapsAndListsReachTheStepThroughStructsModel() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("template", "rest-api-baseline");
        args.put("properties", Map.of("threads", "2"));
        args.put("gates", List.of("p95 < 800ms", "errors < 1%"));
        args.put("duration", "30");
        SecPerfTestStep step = DescribableModel.of(SecPerfTestStep.class).instantiate(args, null);
        assertEquals("threads=2\n", step.getProperties());
        assertEquals("p95 < 800ms\nerrors < 1%\n", step.getGates());
        assertEquals(Integer.valueOf(30), step.getDuration());
        SecPerfGateStep gate = DescribableModel.of(SecPerfGateStep.class).instantiate(
                Map.of("results", "shards/*/secperf-result.json", "gates", List.of("p95 < 1s")), null);
        assertEquals("p95 < 1s\n", gate.getGates());
    }

    static String summaryJson(String verdict, boolean validatedBoth) {
        return new ResultSummary("COMPLETE", null, "checkout", "https://staging.example.com", null, 60_000, 1000, 1,
                0.001, 40, 912, 1200, 16.6, io.secperf.ci.Verdict.valueOf(verdict), validatedBoth, verdict,
                List.of(new ResultSummary.GateLine("p95 < 800ms", "FAILED".equals(verdict) ? "FAILED" : "PASSED",
                        "912 ms", null)), null, null).toJson();
    }
}
