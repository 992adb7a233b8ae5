package io.secperf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.testelement.property.TestElementProperty;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.secperf.run.JMeterHome;
import io.secperf.run.PlanLoader;
import io.secperf.testing.GuiRoundTrip;

/**
 * The augmenter on the bundled templates and on a user plan: what it injects, where, with which properties; that the
 * user's elements stay as they were; that the result saves and loads with JMeter's SaveService and every element shows
 * in the JMeter GUI (headless); and its refusals.
 */
class PlanAugmenterTest {

    static final Path TEMPLATES = Path.of(System.getProperty("basedir", ".")).resolve("../jmeter-templates")
            .normalize();

    static final String FULL = """
            target:
              url: https://127.0.0.1:8443/
            credentials:
              username: env:APP_USER
              password: env:APP_PASSWORD
            auth:
              login:
                method: POST
                path: /api/login
                body: {username: "${username}", password: "${password}"}
                tokenFrom: json:/token
              protectedEndpoints:
                - GET /api/items
            fuzz:
              seed: 7
              iterations: 50
            attack:
              sessions: {count: 10, rate: 5, concurrency: 1, path: /health}
              flood: {endpoints: [GET /health], rate: 10, duration: 2s, concurrency: 2}
              slowHeaders: {connections: 2, duration: 2s, interval: 1s, probePath: /health}
            """;

    static final String TLS_ONLY = """
            target:
              url: https://127.0.0.1:8443/
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void jmeter() {
        JMeterHome.initialise();
    }

    static Stream<Path> templates() {
        return Stream.of("rest-api-baseline.jmx", "login-flow.jmx", "mixed-browsing.jmx").map(TEMPLATES::resolve);
    }

    static Path plan(String name) throws URISyntaxException {
        return Path.of(PlanAugmenterTest.class.getResource("/plans/" + name).toURI());
    }

    private Path security(String yaml) throws Exception {
        return Files.writeString(dir.resolve("security.yaml"), yaml);
    }

    private static List<Object> planLevel(HashTree tree) {
        return new ArrayList<>(tree.getTree(tree.getArray()[0]).list());
    }

    private static List<TestElement> children(HashTree tree, Object parent) {
        List<TestElement> result = new ArrayList<>();
        for (Object child : tree.getTree(tree.getArray()[0]).getTree(parent).list()) {
            result.add((TestElement) child);
        }
        return result;
    }

    private static List<String> threadGroupNames(HashTree tree) {
        return planLevel(tree).stream().filter(AbstractThreadGroup.class::isInstance)
                .map(o -> ((TestElement) o).getName()).toList();
    }

    private static TestElement group(HashTree tree, String name) {
        return planLevel(tree).stream().map(TestElement.class::cast).filter(e -> e.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no element " + name));
    }

    @ParameterizedTest
    @MethodSource("templates")
    void injectsPreflightThenAttacksThenFuzzAfterTheUsersUnchangedElements(Path template) throws Exception {
        HashTree original = SaveService.loadTree(template.toFile());
        List<Object> before = planLevel(original);
        String savedBefore = saved(original);

        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(security(FULL), PreflightMode.ABORT,
                Duration.ofSeconds(45))).augment(original);
        HashTree tree = augmentation.tree();

        assertThat(planLevel(original)).as("input tree untouched").containsExactlyElementsOf(before);
        assertThat(saved(original)).isEqualTo(savedBefore);
        assertThat(planLevel(tree).subList(0, before.size())).containsExactlyElementsOf(before);
        assertThat(tree.getArray()[0]).isSameAs(original.getArray()[0]).isInstanceOf(TestPlan.class);
        List<String> userGroups = threadGroupNames(original);
        assertThat(threadGroupNames(tree)).containsExactlyElementsOf(concat(userGroups, List.of("secperf preflight",
                "secperf attack: sessions", "secperf attack: flood", "secperf attack: slowHeaders", "secperf fuzz")));

        SetupThreadGroup preflight = (SetupThreadGroup) group(tree, "secperf preflight");
        assertThat(preflight.getPropertyAsString(AbstractThreadGroup.ON_SAMPLE_ERROR)).isEqualTo("stoptestnow");
        assertThat(preflight.getOnErrorStopTestNow()).isTrue();
        assertThat(preflight.getNumThreads()).isEqualTo(1);
        assertThat(((LoopController) preflight.getSamplerController()).getLoops()).isEqualTo(1);
        assertThat(children(tree, preflight)).extracting(TestElement::getName)
                .containsExactly("secperf preflight: TLS", "secperf preflight: auth");
        TestElement tls = children(tree, preflight).get(0);
        assertThat(tls.getPropertyAsString(TestElement.TEST_CLASS)).isEqualTo("io.secperf.sampler.TlsProbeSampler");
        assertThat(tls.getPropertyAsString("host")).isEqualTo("127.0.0.1");
        assertThat(tls.getPropertyAsString("port")).isEqualTo("8443");
        assertThat(tls.getPropertyAsString("failureSeverity")).isEqualTo("CRITICAL");
        TestElement auth = children(tree, preflight).get(1);
        assertThat(auth.getPropertyAsString(TestElement.TEST_CLASS)).isEqualTo("io.secperf.sampler.AuthCheckSampler");
        assertThat(auth.getPropertyAsString("securityFile")).isEqualTo(dir.resolve("security.yaml").toString());

        for (String attack : List.of("sessions", "flood", "slowHeaders")) {
            ThreadGroup group = (ThreadGroup) group(tree, "secperf attack: " + attack);
            assertThat(group).isNotInstanceOf(SetupThreadGroup.class);
            assertThat(group.getScheduler()).isTrue();
            assertThat(group.getPropertyAsString(ThreadGroup.DELAY)).isEqualTo("45");
            assertThat(group.getDuration()).as("JMeter refuses a scheduled group without a positive duration")
                    .isGreaterThan(60);
            assertThat(group.getNumThreads()).isEqualTo(1);
            assertThat(((LoopController) group.getSamplerController()).getLoops()).isEqualTo(1);
            assertThat(group.getPropertyAsString(AbstractThreadGroup.ON_SAMPLE_ERROR)).isEqualTo("continue");
            TestElement sampler = children(tree, group).get(0);
            assertThat(sampler.getName()).isEqualTo("secperf attack: " + attack);
            assertThat(sampler.getPropertyAsString(TestElement.TEST_CLASS)).isEqualTo("io.secperf.sampler.AttackSampler");
            assertThat(sampler.getPropertyAsString("attack")).isEqualTo(attack);
        }
        ThreadGroup fuzz = (ThreadGroup) group(tree, "secperf fuzz");
        assertThat(fuzz.getPropertyAsString(ThreadGroup.DELAY)).isEqualTo("45");
        assertThat(fuzz.getDuration()).as("fuzz.timeBudget 60 s + partialRequestTimeout 20 s + 60 s").isEqualTo(140);
        assertThat(((ThreadGroup) group(tree, "secperf attack: flood")).getDuration()).as("2 s + 10 s + 60 s")
                .isEqualTo(72);
        assertThat(((LoopController) fuzz.getSamplerController()).getLoops()).as("50 iterations / 20").isEqualTo(3);
        TestElement fuzzer = children(tree, fuzz).get(0);
        assertThat(fuzzer.getPropertyAsString(TestElement.TEST_CLASS)).isEqualTo("io.secperf.sampler.FuzzSampler");
        assertThat(fuzzer.getPropertyAsString("iterationsPerSample")).isEqualTo("20");
        assertThat(fuzzer.getPropertyAsString("endpoints")).contains("path: \"/api/items\"").doesNotContain("${")
                .doesNotContain("demo-password");
        assertThat(augmentation.planEndpoints()).isGreaterThanOrEqualTo(3);

        everyInjectedElementHasWhatTheGuiNeeds(tree, before.size());
    }

    private static void everyInjectedElementHasWhatTheGuiNeeds(HashTree tree, int userElements) {
        List<Object> injected = planLevel(tree).subList(userElements, planLevel(tree).size());
        assertThat(injected).isNotEmpty();
        for (Object node : injected) {
            List<TestElement> elements = new ArrayList<>();
            elements.add((TestElement) node);
            elements.addAll(children(tree, node));
            AbstractThreadGroup group = (AbstractThreadGroup) node;
            elements.add((TestElement) group.getSamplerController());
            assertThat(group.getProperty(AbstractThreadGroup.MAIN_CONTROLLER)).isInstanceOf(TestElementProperty.class);
            assertThat(group.getSamplerController()).isInstanceOf(LoopController.class);
            assertThat(((TestElement) group.getSamplerController()).getPropertyAsString(TestElement.GUI_CLASS))
                    .isEqualTo("org.apache.jmeter.control.gui.LoopControlPanel");
            for (TestElement element : elements) {
                assertThat(element.getName()).isNotBlank();
                assertThat(element.getPropertyAsString(TestElement.GUI_CLASS)).as(element.getName()).isNotBlank();
                assertThat(element.getPropertyAsString(TestElement.TEST_CLASS)).as(element.getName()).isNotBlank();
                assertThat(element.isEnabled()).as(element.getName()).isTrue();
            }
        }
    }

    @Test
    void fuzzesThePlansOwnRequestsWithoutJMeterExpressionsOrSecrets() throws Exception {
        HashTree plan = PlanLoader.load(plan("user-shop.jmx"));
        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(security(TLS_ONLY + "fuzz: {}\n"),
                PreflightMode.WARN, Duration.ZERO)).augment(plan);

        String endpoints = children(augmentation.tree(), group(augmentation.tree(), "secperf fuzz")).get(0)
                .getPropertyAsString("endpoints");
        assertThat(endpoints.lines().toList()).containsExactly(
                "- {method: \"POST\", path: \"/api/orders\", contentType: \"application/json; charset=utf-8\","
                        + " body: \"{\\\"itemId\\\": 1, \\\"quantity\\\": 2, \\\"coupon\\\": \\\"secperf\\\"}\"}",
                "- {method: \"GET\", path: \"/api/items/1?q=red+shoes\"}",
                "- {method: \"POST\", path: \"/login\", contentType: \"application/x-www-form-urlencoded\","
                        + " body: \"user=demo&password=secperf\"}");
        assertThat(augmentation.planEndpoints()).isEqualTo(3);
        assertThat(augmentation.notes()).anyMatch(n -> n.contains("cdn") && n.contains("cdn.example.net"));
        assertThat(endpoints).doesNotContain("hunter2").doesNotContain("/admin");
        assertThat(group(augmentation.tree(), "secperf fuzz").getPropertyAsString(ThreadGroup.DELAY)).isEqualTo("0");
        assertThat(((AbstractThreadGroup) group(augmentation.tree(), "secperf preflight"))
                .getPropertyAsString(AbstractThreadGroup.ON_SAMPLE_ERROR)).isEqualTo("continue");
    }

    @Test
    void preflightOffInjectsNoSetupGroupAndHttpTargetsSkipTheTlsProbeSayingSo() throws Exception {
        HashTree plan = PlanLoader.load(plan("user-shop.jmx"));
        Augmentation off = new PlanAugmenter(PlanAugmenter.Options.of(security(FULL), PreflightMode.OFF,
                Duration.ofSeconds(5))).augment(plan);
        assertThat(threadGroupNames(off.tree())).doesNotContain("secperf preflight").contains("secperf fuzz");
        assertThat(off.preflightChecks()).isEmpty();

        Augmentation http = new PlanAugmenter(PlanAugmenter.Options.of(security("""
                target:
                  url: http://127.0.0.1:8080/
                auth:
                  protectedEndpoints: [GET /api/items]
                """), PreflightMode.ABORT, Duration.ofSeconds(5))).augment(plan);
        assertThat(http.preflightChecks()).containsExactly("secperf preflight: auth");
        assertThat(http.notes()).anyMatch(n -> n.startsWith("TLS probe skipped") && n.contains("http://127.0.0.1:8080/"));
        assertThat(http.hostile()).isEmpty();

        Augmentation nothing = new PlanAugmenter(PlanAugmenter.Options.of(security("""
                target:
                  url: http://127.0.0.1:8080/
                """), PreflightMode.ABORT, Duration.ofSeconds(5))).augment(plan);
        assertThat(threadGroupNames(nothing.tree())).containsExactly("shoppers");
        assertThat(nothing.notes()).anyMatch(n -> n.contains("TLS probe skipped"))
                .anyMatch(n -> n.contains("no preflight group"));
    }

    @Test
    void chosenTrafficReplacesTheConfiguredOneAndUnconfiguredAttacksAreRefused() throws Exception {
        HashTree plan = PlanLoader.load(plan("user-shop.jmx"));
        PlanAugmenter.Options options = PlanAugmenter.Options.of(security(FULL), PreflightMode.ABORT,
                Duration.ofSeconds(5));
        Augmentation floodOnly = new PlanAugmenter(options.withHostile(EnumSet.of(HostileTraffic.FLOOD)))
                .augment(plan);
        assertThat(threadGroupNames(floodOnly.tree()))
                .containsExactly("shoppers", "secperf preflight", "secperf attack: flood");

        Path tlsOnly = security(TLS_ONLY);
        AugmentException refused = catchThrowableOfType(AugmentException.class, () -> new PlanAugmenter(
                PlanAugmenter.Options.of(tlsOnly, PreflightMode.ABORT, Duration.ZERO)
                        .withHostile(EnumSet.of(HostileTraffic.SLOW_HEADERS))).augment(plan));
        assertThat(refused).hasMessageContaining("attack slowHeaders").hasMessageContaining("attack.slowHeaders");
    }

    @Test
    void aSavedPlanReferencesTheSecurityFileRelativeToItsOwnDirectory() throws Exception {
        Path yaml = security(FULL);
        Path planDirectory = Files.createDirectories(dir.resolve("perf/secure"));
        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(yaml, PreflightMode.WARN,
                Duration.ofSeconds(5)).withPlanDirectory(planDirectory)).augment(PlanLoader.load(plan("user-shop.jmx")));

        TestElement auth = children(augmentation.tree(), group(augmentation.tree(), "secperf preflight")).get(1);
        assertThat(auth.getPropertyAsString("securityFile")).isEqualTo("../../security.yaml");
        assertThat(planDirectory.resolve(auth.getPropertyAsString("securityFile")).normalize()).isEqualTo(yaml);
        TestElement flood = children(augmentation.tree(), group(augmentation.tree(), "secperf attack: flood")).get(0);
        assertThat(flood.getPropertyAsString("securityFile")).isEqualTo("../../security.yaml");
        assertThat(flood.getPropertyAsString("failureSeverity")).as("the sampler's own default applies").isEmpty();
    }

    @Test
    void aSavedPlanReferencesTheTlsProbesCaFileRelativeToItsOwnDirectoryToo() throws Exception {
        Path yaml = security(TLS_ONLY.replace("target:\n", "target:\n  caFile: certs/ca.pem\n"));
        Path planDirectory = Files.createDirectories(dir.resolve("perf/secure"));
        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(yaml, PreflightMode.WARN,
                Duration.ofSeconds(5)).withPlanDirectory(planDirectory)).augment(PlanLoader.load(plan("user-shop.jmx")));

        TestElement tls = children(augmentation.tree(), group(augmentation.tree(), "secperf preflight")).get(0);
        assertThat(tls.getName()).isEqualTo(PlanAugmenter.TLS_LABEL);
        assertThat(tls.getPropertyAsString("caFile")).as("moves with the plan, like securityFile")
                .isEqualTo("../../certs/ca.pem");
        assertThat(planDirectory.resolve(tls.getPropertyAsString("caFile")).normalize())
                .isEqualTo(dir.resolve("certs/ca.pem"));
    }

    @Test
    void refusesToAugmentAnAugmentedPlan() throws Exception {
        HashTree plan = PlanLoader.load(plan("user-shop.jmx"));
        PlanAugmenter augmenter = new PlanAugmenter(PlanAugmenter.Options.of(security(TLS_ONLY), PreflightMode.ABORT,
                Duration.ZERO));
        HashTree once = augmenter.augment(plan).tree();

        AugmentException twice = catchThrowableOfType(AugmentException.class, () -> augmenter.augment(once));
        assertThat(twice).hasMessageContaining("already contains secperf's thread group 'secperf preflight'")
                .hasMessageContaining("augmented before");
    }

    @Test
    void anInvalidSecurityFileIsReportedWithFileLineAndColumn() throws Exception {
        Path bad = security("""
                target:
                  url: https://127.0.0.1:8443/
                fuzz:
                  iterationz: 5
                """);
        HashTree plan = PlanLoader.load(plan("user-shop.jmx"));
        AugmentException e = catchThrowableOfType(AugmentException.class, () -> new PlanAugmenter(
                PlanAugmenter.Options.of(bad, PreflightMode.ABORT, Duration.ZERO)).augment(plan));
        assertThat(e).hasMessageStartingWith(bad + ":4:").hasMessageContaining("iterationz");
    }

    @Test
    void warmUpIsBounded() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> PlanAugmenter.Options.of(
                dir.resolve("s.yaml"), PreflightMode.ABORT, Duration.ofSeconds(-1)))).hasMessageContaining("warm-up");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void savedTlsPreflightPlanLoadsInJMeterAndEveryElementShowsInTheGui(Path template) throws Exception {
        Path out = dir.resolve("augmented.jmx");
        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(security(TLS_ONLY),
                PreflightMode.ABORT, Duration.ofSeconds(30)).withPlanDirectory(dir))
                .augment(SaveService.loadTree(template.toFile()));
        assertThat(augmentation.complete()).isTrue();
        augmentation.save(out);

        HashTree loaded = SaveService.loadTree(out.toFile());
        assertThat(threadGroupNames(loaded)).last().isEqualTo("secperf preflight");
        TestElement tls = children(loaded, group(loaded, "secperf preflight")).get(0);
        assertThat(tls.getClass().getName()).isEqualTo("io.secperf.sampler.TlsProbeSampler");
        assertThat(tls.getPropertyAsString("port")).isEqualTo("8443");
        assertThat(PlanLoader.load(out)).isNotNull();
        assertThat(Files.readString(out)).contains("guiclass=\"TestBeanGUI\"")
                .contains("testclass=\"io.secperf.sampler.TlsProbeSampler\"")
                .contains("<stringProp name=\"ThreadGroup.on_sample_error\">stoptestnow</stringProp>");
        assertThat(GuiRoundTrip.problems(loaded)).isEmpty();
        assertThat(elementsWithoutGuiAttributes(out)).isEmpty();
    }

    /** As JMeter's GUI saves them: every element with a testclass also has guiclass, testname and enabled="true". */
    static List<String> elementsWithoutGuiAttributes(Path jmx) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
        org.w3c.dom.NodeList all = factory.newDocumentBuilder().parse(jmx.toFile()).getElementsByTagName("*");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element element = (org.w3c.dom.Element) all.item(i);
            if (element.hasAttribute("testclass") && !element.getTagName().equals("elementProp")
                    && (element.getAttribute("guiclass").isBlank() || element.getAttribute("testname").isBlank()
                    || !element.getAttribute("enabled").equals("true"))) {
                problems.add(element.getTagName() + " '" + element.getAttribute("testname") + "'");
            }
        }
        return problems;
    }

    @Test
    void aPlanWithSamplersNotInThisBuildIsNotSavedAndSaysWhichClassIsMissing() throws Exception {
        Augmentation augmentation = new PlanAugmenter(PlanAugmenter.Options.of(security(FULL), PreflightMode.ABORT,
                Duration.ofSeconds(30))).augment(PlanLoader.load(plan("user-shop.jmx")));
        Path out = dir.resolve("full.jmx");
        if (augmentation.complete()) {
            // the samplers are merged: the full plan must round-trip like the TLS-only one
            augmentation.save(out);
            HashTree loaded = SaveService.loadTree(out.toFile());
            assertThat(threadGroupNames(loaded)).hasSize(6);
            assertThat(GuiRoundTrip.problems(loaded)).isEmpty();
            assertThat(elementsWithoutGuiAttributes(out)).isEmpty();
        } else {
            assertThat(augmentation.missingClasses()).allMatch(c -> c.startsWith("io.secperf.sampler."));
            AugmentException e = catchThrowableOfType(AugmentException.class, () -> augmentation.save(out));
            assertThat(e).hasMessageContaining(augmentation.missingClasses().get(0));
            assertThat(out).doesNotExist();
        }
    }

    private static String saved(HashTree tree) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        SaveService.saveTree(tree, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
