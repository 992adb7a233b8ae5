package io.secperf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.jmeter.assertions.ResponseAssertion;
import org.apache.jmeter.control.OnceOnlyController;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.extractor.json.jsonpath.JSONPostProcessor;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.reporters.AbstractListenerElement;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.timers.UniformRandomTimer;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.secperf.run.JMeterHome;
import io.secperf.run.PlanLoader;
import io.secperf.testing.GuiRoundTrip;

/**
 * The bundled plans in {@code jmeter-templates/}: well-formed, loadable by JMeter 5.6.3 itself (engine and GUI),
 * parameterised only through {@code __P} properties, and documented.
 */
class JMeterTemplatesTest {

    static final Path TEMPLATES = Path.of(System.getProperty("basedir", ".")).resolve("../jmeter-templates")
            .normalize();
    static final List<String> NAMES = List.of("rest-api-baseline.jmx", "login-flow.jmx", "mixed-browsing.jmx");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{__P\\(([A-Za-z]+),([^)]*)\\)}");
    private static final Map<String, String> ENDPOINT_PROPERTIES = Map.of(
            "HTTPSampler.protocol", "${__P(protocol,https)}",
            "HTTPSampler.domain", "${__P(host,localhost)}",
            "HTTPSampler.port", "${__P(port,8443)}");

    static Stream<Path> templates() {
        return NAMES.stream().map(TEMPLATES::resolve);
    }

    @BeforeAll
    static void jmeter() {
        JMeterHome.initialise();
    }

    private static Document parseSafely(Path file) throws Exception {
        // the JDK's own parser: JMeter puts Xerces on the classpath, which ignores the JAXP access properties
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static HashTree load(Path file) throws Exception {
        return SaveService.loadTree(file.toFile());
    }

    private static <T> List<T> find(HashTree tree, Class<T> type) {
        SearchByClass<T> search = new SearchByClass<>(type);
        tree.traverse(search);
        return new ArrayList<>(search.getSearchResults());
    }

    private static <T> List<T> childrenOf(HashTree tree, Object parent, Class<T> type) {
        SearchByClass<Object> search = new SearchByClass<>(Object.class);
        tree.traverse(search);
        HashTree sub = search.getSubTree(parent).getTree(parent);
        List<T> children = new ArrayList<>();
        for (Object child : sub.list()) {
            if (type.isInstance(child)) {
                children.add(type.cast(child));
            }
        }
        return children;
    }

    @Test
    void allThreeTemplatesExist() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jmx")))
                    .containsExactlyInAnyOrderElementsOf(NAMES);
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void isPlainXmlForJMeter563WithNamedGuiElements(Path template) throws Exception {
        Document document = parseSafely(template);
        Element root = document.getDocumentElement();
        assertThat(document.getDoctype()).isNull();
        assertThat(root.getTagName()).isEqualTo("jmeterTestPlan");
        assertThat(root.getAttribute("jmeter")).isEqualTo("5.6.3");
        assertThat(root.getAttribute("version")).isEqualTo("1.2");

        NodeList all = document.getElementsByTagName("*");
        int elements = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("testclass") && !element.getTagName().equals("elementProp")) {
                elements++;
                assertThat(element.getAttribute("guiclass")).as(element.getTagName()).isNotBlank();
                assertThat(element.getAttribute("testname")).as(element.getTagName()).isNotBlank();
                assertThat(element.getAttribute("enabled")).as(element.getTagName()).isEqualTo("true");
            }
        }
        assertThat(elements).isGreaterThan(8);
    }

    @ParameterizedTest
    @MethodSource("templates")
    void endpointComesOnlyFromProperties(Path template) throws Exception {
        NodeList props = parseSafely(template).getElementsByTagName("stringProp");
        Map<String, Integer> set = new TreeMap<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element prop = (Element) props.item(i);
            String name = prop.getAttribute("name");
            if (ENDPOINT_PROPERTIES.containsKey(name) && !prop.getTextContent().isEmpty()) {
                assertThat(prop.getTextContent()).as(name).isEqualTo(ENDPOINT_PROPERTIES.get(name));
                set.merge(name, 1, Integer::sum);
            }
        }
        assertThat(set).containsOnlyKeys(ENDPOINT_PROPERTIES.keySet()).allSatisfy((name, count) ->
                assertThat(count).as(name).isEqualTo(1));
        String text = Files.readString(template);
        assertThat(text).doesNotContain("127.0.0.1").doesNotContain("://");
    }

    @Test
    void samplerPathsAllStartWithTheBasePathProperty() throws Exception {
        for (Path template : templates().toList()) {
            for (HTTPSamplerProxy sampler : find(load(template), HTTPSamplerProxy.class)) {
                assertThat(sampler.getPropertyAsString("HTTPSampler.path")).as(sampler.getName())
                        .startsWith("${__P(basePath,/)}");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void loadsInJMeterWithOneTimedThreadGroupSamplersAssertionsAndNoListeners(Path template) throws Exception {
        HashTree tree = load(template);

        List<AbstractThreadGroup> groups = find(tree, AbstractThreadGroup.class);
        assertThat(groups).hasSize(1).first().isInstanceOf(ThreadGroup.class);
        ThreadGroup group = (ThreadGroup) groups.get(0);
        assertThat(group.getPropertyAsString(AbstractThreadGroup.NUM_THREADS)).isEqualTo("${__P(threads,10)}");
        assertThat(group.getPropertyAsString(ThreadGroup.RAMP_TIME)).isEqualTo("${__P(rampup,5)}");
        assertThat(group.getPropertyAsBoolean(ThreadGroup.SCHEDULER)).isTrue();
        assertThat(group.getPropertyAsString(ThreadGroup.DURATION)).isEqualTo("${__P(duration,60)}");
        assertThat(((LoopController) group.getSamplerController()).getLoops()).isEqualTo(-1);

        List<HTTPSamplerProxy> samplers = find(tree, HTTPSamplerProxy.class);
        assertThat(samplers).hasSizeGreaterThanOrEqualTo(3);
        for (HTTPSamplerProxy sampler : samplers) {
            assertThat(sampler.getPropertyAsString("HTTPSampler.implementation")).isEqualTo("HttpClient4");
            assertThat(sampler.getName()).startsWith(sampler.getMethod() + " /");
            List<ResponseAssertion> assertions = childrenOf(tree, sampler, ResponseAssertion.class);
            assertThat(assertions).as(sampler.getName()).hasSize(1);
            assertThat(assertions.get(0).getPropertyAsString("Assertion.test_field"))
                    .isEqualTo("Assertion.response_code");
            assertThat(assertions.get(0).getTestStrings().size()).isEqualTo(1);
        }
        assertThat(samplers).extracting(TestElement::getName).doesNotHaveDuplicates();

        List<ConfigTestElement> defaults = find(tree, ConfigTestElement.class).stream()
                .filter(c -> c.getPropertyAsString(TestElement.GUI_CLASS).endsWith("HttpDefaultsGui")).toList();
        assertThat(defaults).hasSize(1);
        assertThat(defaults.get(0).getPropertyAsString("HTTPSampler.connect_timeout")).isEqualTo("5000");
        assertThat(defaults.get(0).getPropertyAsString("HTTPSampler.response_timeout")).isEqualTo("30000");
        assertThat(defaults.get(0).getPropertyAsString("HTTPSampler.implementation")).isEqualTo("HttpClient4");

        assertThat(find(tree, AbstractListenerElement.class)).isEmpty();
        assertThat(find(tree, SampleListener.class)).isEmpty();

        assertThat(PlanLoader.load(template)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyElementDisplaysInTheJMeterGui(Path template) throws Exception {
        assertThat(GuiRoundTrip.problems(load(template))).isEmpty();
    }

    /** Property values the GUI must show and save back: everything except empties, false and the enabled flag. */
    @Test
    void loginFlowLogsInOncePerThreadAndSendsTheExtractedToken() throws Exception {
        HashTree tree = load(TEMPLATES.resolve("login-flow.jmx"));

        OnceOnlyController once = find(tree, OnceOnlyController.class).get(0);
        List<HTTPSamplerProxy> loginSamplers = childrenOf(tree, once, HTTPSamplerProxy.class);
        assertThat(loginSamplers).extracting(TestElement::getName).containsExactly("POST /api/login");
        HTTPSamplerProxy login = loginSamplers.get(0);
        assertThat(login.getMethod()).isEqualTo("POST");
        assertThat(login.getPostBodyRaw()).isTrue();
        assertThat(login.getArguments().getArgument(0).getValue())
                .isEqualTo("{\"username\":\"${__P(username,demo)}\",\"password\":\"${__P(password,demo-password)}\"}");

        JSONPostProcessor extractor = childrenOf(tree, login, JSONPostProcessor.class).get(0);
        assertThat(extractor.getRefNames()).isEqualTo("token");
        assertThat(extractor.getJsonPathExpressions()).isEqualTo("$.token");

        List<String> authorization = find(tree, HeaderManager.class).stream()
                .map(manager -> manager.getFirstHeaderNamed("Authorization")).filter(h -> h != null)
                .map(h -> h.getValue()).toList();
        assertThat(authorization).containsExactly("Bearer ${token}");
        assertThat(find(tree, HTTPSamplerProxy.class)).extracting(TestElement::getName)
                .containsExactly("POST /api/login", "GET /api/items", "GET /api/items/{id}", "POST /api/orders");
    }

    @Test
    void mixedBrowsingMixesStaticPagesAndApiWithThinkTimes() throws Exception {
        HashTree tree = load(TEMPLATES.resolve("mixed-browsing.jmx"));

        List<String> paths = find(tree, HTTPSamplerProxy.class).stream().map(HTTPSamplerProxy::getPath).toList();
        assertThat(paths).anyMatch(p -> p.contains("static/")).anyMatch(p -> p.contains("api/items"))
                .contains("${__P(basePath,/)}");
        List<UniformRandomTimer> timers = find(tree, UniformRandomTimer.class);
        assertThat(timers).hasSizeGreaterThanOrEqualTo(2).allSatisfy(timer -> {
            assertThat(timer.getPropertyAsString("ConstantTimer.delay")).isEqualTo("${__P(thinkTime,500)}");
            assertThat(timer.getPropertyAsString("RandomTimer.range")).isEqualTo("${__P(thinkJitter,1000)}");
        });
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyPropertyIsDocumentedWithItsDefaultInTheReadme(Path template) throws Exception {
        String readme = Files.readString(TEMPLATES.resolve("README.md"));
        String name = template.getFileName().toString();
        int start = readme.indexOf("## " + name);
        assertThat(start).as("README section for " + name).isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        Set<String> seen = new LinkedHashSet<>();
        Matcher matcher = PROPERTY.matcher(Files.readString(template));
        while (matcher.find()) {
            if (seen.add(matcher.group(1))) {
                assertThat(section).as(name + " documents " + matcher.group(1))
                        .contains("`" + matcher.group(1) + "`").contains("`" + matcher.group(2) + "`");
            }
        }
        assertThat(seen).contains("protocol", "host", "port", "threads", "rampup", "duration", "basePath");
    }
}
